import { usesSingularValues } from '../adapter/scaling.js';
import type { Rule } from './rule.js';
import { moduleUpdateVerdict, zeroCause } from './support/zero-update.js';

export const zeroUpdate: Rule = {
  id: 'AL301',
  slug: 'zero-update',
  severity: 'warning',
  description:
    "A module's update is exactly zero (an all-zero lora_B / lora_up, embedding factor or AdaLoRA lora_E, or a zero product B·A).",
  check({ adapter }, report) {
    for (const module of adapter.modules) {
      if (moduleUpdateVerdict(adapter, module) !== 'zero') continue;
      const cause = zeroCause(adapter, module)!;
      const adalora = usesSingularValues(adapter, module);
      const product = adalora ? 'B·(A⊙E)' : 'B·A';
      switch (cause.kind) {
        case 'factor': {
          const why =
            adalora && cause.factor === module.singularValues
              ? 'AdaLoRA initialises lora_E to zero: never trained, or saved before training'
              : 'never trained, or saved before training';
          report({
            file: cause.factor.file.file,
            tensor: cause.factor.name,
            message: `Module ${module.name} does nothing: ${cause.factor.name} is all zeros, so its update ${product} is zero (${why}); check that this module was trained and saved from the trained model.`,
            data: { module: module.name },
          });
          break;
        }
        case 'product':
          report({
            file: module.up!.file.file,
            tensor: module.up!.name,
            message: `Module ${module.name} does nothing: neither factor is zero, but their product B·A is zero to the precision they are stored in (as PEFT's init_lora_weights="orthogonal" creates them, so never trained); check that this module was trained and saved from the trained model.`,
            data: { module: module.name, probeEnergy: cause.energy, noiseFloor: cause.noiseFloor },
          });
          break;
        case 'scaling':
          report({
            file: adapter.configFile ?? module.up!.file.file,
            tensor: module.up!.name,
            message: `Module ${module.name} does nothing: its scaling lora_alpha/r is 0 (lora_alpha or its alpha_pattern entry is 0), so the update s·${product} is zero; set lora_alpha to the value used in training.`,
            data: { module: module.name, scaling: 0 },
          });
          break;
      }
    }
  },
};
