import type { Rule } from './rule.js';
import { examples, peftStyleTensors } from './support/peft-keys.js';

export const missingPrefix: Rule = {
  id: 'AL203',
  slug: 'missing-prefix',
  severity: 'error',
  description: 'A PEFT-layout key is not under base_model.model.',
  check({ adapter }, report) {
    if (adapter.layout !== 'peft') return;
    const keys = peftStyleTensors(adapter)
      .filter((t) => t.key.prefixCount === 0)
      .map((t) => t.ref.name);
    if (keys.length === 0) return;
    report({
      file: adapter.tensors.get(keys[0]!)!.file.file,
      tensor: keys[0]!,
      message: `${keys.length} of ${adapter.tensors.size} keys are not under base_model.model., e.g. ${examples(keys, 1)}: PeftModel.from_pretrained finds none of them; prefix every key with base_model.model.`,
      data: { count: keys.length, total: adapter.tensors.size },
    });
  },
};
