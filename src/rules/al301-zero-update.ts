import { moduleConfigField, moduleConfigSource } from '../adapter/module-config.js';
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
      const cause = zeroCause(adapter, module);
      if (!cause) continue; // an AdaLoRA module without lora_E: AL206's finding
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
        case 'product': {
          const why =
            cause.orthogonalInit && cause.energy > 0
              ? 'their product B·A is only the rounding noise of init_lora_weights="orthogonal", which makes B·A = 0 (never trained)'
              : 'their product B·A is exactly zero (the rank components B uses are zero in A, or their terms cancel)';
          report({
            file: module.up!.file.file,
            tensor: module.up!.name,
            message: `Module ${module.name} does nothing: neither factor is zero, but ${why}; check that this module was trained and saved from the trained model.`,
            data: { module: module.name, probeEnergy: cause.energy, noiseFloor: cause.noiseFloor },
          });
          break;
        }
        case 'scaling': {
          const field = (name: string) => moduleConfigField(adapter, module, name);
          report({
            file: adapter.configFile ?? module.up!.file.file,
            tensor: module.up!.name,
            message: `Module ${module.name} does nothing: its scaling ${field('lora_alpha')}/${field('r')} is 0 (${field('lora_alpha')} or its ${field('alpha_pattern')} entry in ${moduleConfigSource(adapter)} is 0), so the update s·${product} is zero; set ${field('lora_alpha')} to the value used in training.`,
            data: { module: module.name, scaling: 0 },
          });
          break;
        }
      }
    }
  },
};
