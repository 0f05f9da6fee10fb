import { taskHeads } from '../adapter/target-match.js';
import type { Adapter, AdapterConfig } from '../types.js';
import type { Rule } from './rule.js';
import { peftStyleTensors } from './support/peft-keys.js';

export const configMismatch: Rule = {
  id: 'AL403',
  slug: 'config-mismatch',
  severity: 'error',
  description: 'adapter_config.json and the tensors disagree (use_dora, modules_to_save, lora_bias).',
  check({ adapter }, report) {
    const config = adapter.config;
    if (adapter.layout !== 'peft' || !config || (adapter.modules.length === 0 && adapter.tensors.size === 0))
      return;
    const file = adapter.configFile ?? undefined;
    const at = file ? { file } : {};
    const withMagnitude = adapter.modules.filter((m) => m.magnitude);
    if (config.useDora && withMagnitude.length === 0 && adapter.modules.length > 0) {
      report({
        ...at,
        message:
          'use_dora is true but the weights have no lora_magnitude_vector tensors, so PEFT leaves the magnitudes at their initial values; save the DoRA adapter again or set use_dora to false if it was plain LoRA.',
      });
    }
    if (!config.useDora && withMagnitude.length > 0) {
      report({
        ...at,
        tensor: withMagnitude[0]!.magnitude!.name,
        message: `The weights hold ${withMagnitude.length} lora_magnitude_vector tensor(s) (DoRA) but use_dora is false, so PEFT ignores them and the adapter behaves differently; set use_dora to true.`,
        data: { count: withMagnitude.length },
      });
    }
    if (config.loraBias && !adapter.modules.some((m) => m.upBias)) {
      report({
        ...at,
        message:
          'lora_bias is true but no lora_B.bias tensor is saved; save the adapter again or set lora_bias to false.',
      });
    }
    for (const entry of missingSavedModules(adapter, config)) {
      report({
        ...at,
        message: `modules_to_save lists "${entry}" but the weights hold no tensor for it, and PEFT raises a KeyError on load; save the trained module or remove the entry.`,
        data: { entry },
      });
    }
  },
};

function missingSavedModules(adapter: Adapter, config: AdapterConfig): string[] {
  const entries = [...new Set(config.modulesToSave ?? [])];
  if (entries.length === 0) return [];
  const covered = new Set<string>();
  for (const { key } of peftStyleTensors(adapter)) {
    if (key.part !== null) continue;
    const path = key.module ? `${key.module}.${key.suffix}` : key.suffix;
    const segs = path.split('.');
    for (let end = segs.length - 1; end >= 1; end--) {
      const owner = segs.slice(0, end).join('.');
      for (const entry of entries) if (owner.endsWith(entry)) covered.add(entry);
    }
  }
  // PEFT adds the task heads by itself and a model has only one of them: one present covers them all.
  const heads = taskHeads(config);
  const listedHeads = entries.filter((e) => heads.includes(e));
  const missing = entries.filter((e) => !covered.has(e) && !heads.includes(e));
  if (listedHeads.length > 0 && !listedHeads.some((h) => covered.has(h)))
    missing.push(listedHeads.join(' / '));
  return missing;
}
