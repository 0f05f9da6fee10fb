import { moduleComponents, moduleConfig, moduleConfigField } from '../adapter/module-config.js';
import { taskHeads } from '../adapter/target-match.js';
import type { Adapter, AdapterConfig, LoraModule, ReportInput } from '../types.js';
import type { Rule } from './rule.js';
import { peftStyleTensors } from './support/peft-keys.js';

export const configMismatch: Rule = {
  id: 'AL403',
  slug: 'config-mismatch',
  severity: 'error',
  description:
    "adapter_config.json (or a diffusers file's lora_adapter_metadata) and the tensors disagree (use_dora, modules_to_save, lora_bias).",
  check({ adapter }, report) {
    if (adapter.layout === 'diffusers') {
      diffusersMismatches(adapter, report);
      return;
    }
    const config = adapter.config;
    if (adapter.layout !== 'peft' || !config || (adapter.modules.length === 0 && adapter.tensors.size === 0))
      return;
    const file = adapter.configFile ?? undefined;
    const at = file ? { file } : {};
    flagMismatches(
      config,
      adapter.modules,
      { at, field: (name) => name, where: '', loader: 'PEFT', weights: 'the weights' },
      report,
    );
    for (const entry of missingSavedModules(adapter, config)) {
      report({
        ...at,
        message: `modules_to_save lists "${entry}" but the weights hold no tensor for it, and PEFT raises a KeyError on load; save the trained module or remove the entry.`,
        data: { entry },
      });
    }
  },
};

interface Wording {
  readonly at: { readonly file?: string };
  /** A field as written in the config (`use_dora`, or `transformer.use_dora` in diffusers metadata). */
  readonly field: (name: string) => string;
  /** Where the config is, after the first field named ('' for adapter_config.json). */
  readonly where: string;
  readonly loader: string;
  readonly weights: string;
}

/** use_dora and lora_bias against the tensors of the modules that config governs. */
function flagMismatches(
  config: AdapterConfig,
  modules: readonly LoraModule[],
  words: Wording,
  report: (finding: ReportInput) => void,
): void {
  const { at, field, where, loader, weights } = words;
  const withMagnitude = modules.filter((m) => m.magnitude);
  if (config.useDora && withMagnitude.length === 0 && modules.length > 0) {
    report({
      ...at,
      message: `${field('use_dora')}${where} is true but ${weights} have no lora_magnitude_vector tensors, so ${loader} leaves the magnitudes at their initial values; save the DoRA adapter again or set ${field('use_dora')} to false if it was plain LoRA.`,
    });
  }
  if (!config.useDora && withMagnitude.length > 0) {
    report({
      ...at,
      tensor: withMagnitude[0]!.magnitude!.name,
      message: `${weights.charAt(0).toUpperCase()}${weights.slice(1)} hold ${withMagnitude.length} lora_magnitude_vector tensor(s) (DoRA) but ${field('use_dora')}${where} is false, so ${loader} ignores them and the adapter behaves differently; set ${field('use_dora')} to true.`,
      data: { count: withMagnitude.length },
    });
  }
  if (config.loraBias && !modules.some((m) => m.upBias)) {
    report({
      ...at,
      message: `${field('lora_bias')}${where} is true but no lora_B.bias tensor is saved; save the adapter again or set ${field('lora_bias')} to false.`,
    });
  }
}

/** A diffusers file: each component's config in lora_adapter_metadata against that component's modules. */
function diffusersMismatches(adapter: Adapter, report: (finding: ReportInput) => void): void {
  const embedded = adapter.embeddedConfig;
  if (!embedded) return;
  for (const component of moduleComponents(adapter)) {
    const module = component === '' ? {} : { component };
    const config = moduleConfig(adapter, module);
    if (!config) continue;
    const modules = adapter.modules.filter((m) => (m.component ?? '') === component);
    flagMismatches(
      config,
      modules,
      {
        at: { file: embedded.file },
        field: (name) => moduleConfigField(adapter, module, name),
        where: ` in lora_adapter_metadata`,
        loader: 'diffusers',
        weights: component === '' ? 'the weights' : `the ${component} weights`,
      },
      report,
    );
  }
}

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
