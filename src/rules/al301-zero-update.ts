import { usesSingularValues } from '../adapter/scaling.js';
import type { Rule } from './rule.js';
import { moduleUpdateVerdict, zeroFactor } from './support/zero-update.js';

export const zeroUpdate: Rule = {
  id: 'AL301',
  slug: 'zero-update',
  severity: 'warning',
  description:
    "A module's update is exactly zero (an all-zero lora_B / lora_up, zero embedding factor, or AdaLoRA lora_E).",
  check({ adapter }, report) {
    for (const module of adapter.modules) {
      if (moduleUpdateVerdict(adapter, module) !== 'zero') continue;
      const factor = zeroFactor(adapter, module)!;
      const adalora = usesSingularValues(adapter, module);
      const product = adalora ? 'B·(A⊙E)' : 'B·A';
      const why =
        adalora && factor === module.singularValues
          ? 'AdaLoRA initialises lora_E to zero: never trained, or saved before training'
          : 'never trained, or saved before training';
      report({
        file: factor.file.file,
        tensor: factor.name,
        message: `Module ${module.name} does nothing: ${factor.name} is all zeros, so its update ${product} is zero (${why}); check that this module was trained and saved from the trained model.`,
        data: { module: module.name },
      });
    }
  },
};
