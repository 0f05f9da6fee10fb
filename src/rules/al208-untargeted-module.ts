import { isTargetedModule, listEntryMatches, unusedTargetEntries } from '../adapter/target-match.js';
import type { Rule } from './rule.js';
import { targetedOwner } from './support/peft-keys.js';

export const untargetedModule: Rule = {
  id: 'AL208',
  slug: 'untargeted-module',
  severity: 'warning',
  description:
    'LoRA weights for a module target_modules does not select, or a target_modules entry that selects nothing.',
  check({ adapter }, report) {
    const config = adapter.config;
    if (adapter.layout !== 'peft' || !config || config.targetModules === null) return;
    for (const module of adapter.modules) {
      const ref = (module.down ?? module.up ?? module.magnitude ?? module.singularValues)!;
      if (isTargetedModule(config, targetedOwner(module, ref))) continue;
      report({
        file: ref.file.file,
        tensor: ref.name,
        message: `Module ${module.name} has LoRA weights, but target_modules (with exclude_modules / layers_to_transform) does not select it, so PEFT never creates the layer and drops these weights; add it to target_modules or remove its tensors.`,
        data: { module: module.name },
      });
    }
    // An empty weights file is AL302's finding; every entry "selecting nothing" would only repeat it.
    if (adapter.tensors.size === 0) return;
    const saved = config.modulesToSave ?? [];
    const unused = unusedTargetEntries(
      config,
      adapter.modules.map((m) => m.name),
    ).filter((entry) => !saved.some((s) => listEntryMatches(entry, s) || listEntryMatches(s, entry)));
    for (const entry of unused) {
      report({
        ...(adapter.configFile ? { file: adapter.configFile } : {}),
        message: `target_modules entry "${entry}" selects no module with LoRA weights in the file; the adapter was probably trained with a different config, so fix the entry or re-export the weights.`,
        data: { entry },
      });
    }
  },
};
