import type { Rule } from './rule.js';

export const unpairedLora: Rule = {
  id: 'AL206',
  slug: 'unpaired-lora',
  severity: 'error',
  description:
    'A module has one half of its LoRA pair only (lora_A without lora_B, lora_down without lora_up...), or an AdaLoRA module has no lora_E.',
  check({ adapter }, report) {
    const [downName, upName] =
      adapter.layout === 'kohya'
        ? ['lora_down', 'lora_up']
        : adapter.layout === 'diffusers'
          ? ['down', 'up']
          : ['lora_A', 'lora_B'];
    // AdaLoRA (SVDLinear) saves lora_E [r, 1] beside every lora_A / lora_B pair.
    const adalora = adapter.layout === 'peft' && adapter.config?.peftType === 'ADALORA';
    for (const module of adapter.modules) {
      if (module.down && module.up) {
        if (adalora && !module.singularValues && module.kind !== 'embedding') {
          report({
            file: module.down.file.file,
            tensor: module.down.name,
            message: `AdaLoRA module ${module.name} has lora_A and lora_B but no lora_E, so PEFT leaves its singular values at their initial zeros and the module does nothing; save lora_E too (check filters in custom save code).`,
            data: { module: module.name, missing: 'lora_E' },
          });
        }
        continue;
      }
      const present = module.down ?? module.up ?? module.magnitude ?? module.singularValues;
      if (!present) continue;
      const embedding = module.kind === 'embedding';
      const missing = module.down
        ? embedding
          ? 'lora_embedding_B'
          : upName
        : module.up
          ? embedding
            ? 'lora_embedding_A'
            : downName
          : `${downName} and ${upName}`;
      report({
        file: present.file.file,
        tensor: present.name,
        message: `Module ${module.name} has ${present.name} but no ${missing}, so it can't be applied; save both halves of the pair (or drop the module).`,
        data: { module: module.name, missing },
      });
    }
  },
};
