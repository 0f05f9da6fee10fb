import { inlineCode } from '../inline-code.js';
import type { Rule } from './rule.js';
import { examples, leftoverNames, peftStyleTensors } from './support/peft-keys.js';

export const adapterNameInKey: Rule = {
  id: 'AL202',
  slug: 'adapter-name-in-key',
  severity: 'error',
  description: 'A saved key still carries the adapter name, e.g. lora_A.default.weight.',
  check({ adapter }, report) {
    const byName = new Map<string, string[]>();
    for (const { ref, key } of peftStyleTensors(adapter)) {
      const names = leftoverNames(key);
      if (names.length !== 1) continue;
      byName.set(names[0]!, [...(byName.get(names[0]!) ?? []), ref.name]);
    }
    for (const [name, keys] of byName) {
      report({
        file: adapter.tensors.get(keys[0]!)!.file.file,
        tensor: keys[0]!,
        message: `${keys.length} key(s) still carry the adapter name ${inlineCode(name)}, e.g. ${examples(keys, 1)}: PEFT up to 0.20 inserts the name again on load and loads nothing; save with get_peft_model_state_dict / save_pretrained, or strip ${inlineCode(`.${name}`)} from the keys.`,
        data: { name, count: keys.length },
      });
    }
  },
};
