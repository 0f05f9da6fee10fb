import type { Rule } from './rule.js';
import { examples, peftStyleTensors } from './support/peft-keys.js';

export const doubledPrefix: Rule = {
  id: 'AL204',
  slug: 'doubled-prefix',
  severity: 'error',
  description: 'Keys start with base_model.model.base_model.model. (a PeftModel wrapped twice).',
  check({ adapter }, report) {
    const keys = peftStyleTensors(adapter)
      .filter((t) => t.key.prefixCount > 1)
      .map((t) => t.ref.name);
    if (keys.length === 0) return;
    report({
      file: adapter.tensors.get(keys[0]!)!.file.file,
      tensor: keys[0]!,
      message: `${keys.length} key(s) repeat the base_model.model. prefix, e.g. ${examples(keys, 1)} (a PeftModel wrapped twice, or a script that added the prefix again); keep a single base_model.model. so PEFT can load them.`,
      data: { count: keys.length },
    });
  },
};
