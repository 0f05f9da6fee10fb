import { inlineCode } from '../inline-code.js';
import type { Rule } from './rule.js';
import { examples, leftoverNames, peftStyleTensors } from './support/peft-keys.js';

export const doubledAdapterName: Rule = {
  id: 'AL201',
  slug: 'doubled-adapter-name',
  severity: 'error',
  description: 'A key carries the adapter name twice, e.g. lora_A.default.default.weight.',
  check({ adapter }, report) {
    const byNames = new Map<string, string[]>();
    for (const { ref, key } of peftStyleTensors(adapter)) {
      const names = leftoverNames(key);
      if (names.length < 2) continue;
      const label = names.join('.');
      byNames.set(label, [...(byNames.get(label) ?? []), ref.name]);
    }
    for (const [label, keys] of byNames) {
      report({
        file: adapter.tensors.get(keys[0]!)!.file.file,
        tensor: keys[0]!,
        message: `${keys.length} key(s) carry adapter names twice (${inlineCode(label)}), e.g. ${examples(keys, 1)}: PEFT reports every tensor missing and the adapter stays at its initial weights; rename the keys without the names (…lora_A.weight).`,
        data: { names: label.split('.'), count: keys.length },
      });
    }
  },
};
