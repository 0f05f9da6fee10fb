import { moduleComponents, moduleConfig, moduleConfigField } from '../adapter/module-config.js';
import { taskHeads } from '../adapter/target-match.js';
import { inlineCode } from '../inline-code.js';
import type { Adapter, AdapterConfig, LoraModule, ReportInput } from '../types.js';
import type { Rule } from './rule.js';
import { peftStyleTensors } from './support/peft-keys.js';

export const configMismatch: Rule = {
  id: 'AL403',
  slug: 'config-mismatch',
  severity: 'error',
  description:
    "adapter_config.json (or a diffusers file's lora_adapter_metadata) and the tensors disagree (use_dora, modules_to_save, lora_bias, a diffusers component the metadata leaves out).",
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
    const modules = adapter.modules.filter((m) => (m.component ?? '') === component);
    if (embedded.declared && !embedded.declared.has(component)) {
      report(undeclaredComponent(embedded.file, component, modules, embedded.declared));
      continue;
    }
    const config = moduleConfig(adapter, module);
    if (!config) continue;
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

/**
 * Modules of a component that lora_adapter_metadata has no fields for. diffusers (0.34 on) takes metadata that is
 * present as the whole LoraConfig and does not fall back to the tensors for a component it lacks: it narrows the
 * metadata to that component's fields, gets `{}`, and `_create_lora_config` (src/diffusers/utils/peft_utils.py)
 * fails on it (KeyError 'rank_pattern'); see src/adapter/diffusers-metadata.ts.
 */
function undeclaredComponent(
  file: string,
  component: string,
  modules: readonly LoraModule[],
  declared: ReadonlySet<string>,
): ReportInput {
  const which =
    component === '' ? 'bare LoraConfig fields (for keys with no component prefix)' : `${component}.* fields`;
  const what =
    component === '' ? 'module(s) whose keys have no component prefix' : `${component} LoRA module(s)`;
  const has =
    declared.size === 0
      ? 'lora_adapter_metadata is an empty object'
      : `lora_adapter_metadata has no ${which} (only ${[...declared].map((c) => (c === '' ? 'bare fields' : `${c}.*`)).join(', ')})`;
  const save =
    component === ''
      ? 'save the model with save_lora_adapter, which writes them'
      : `save with save_lora_weights(..., ${component}_lora_adapter_metadata=...)`;
  const first = modules[0];
  return {
    file,
    ...(first?.down ? { tensor: first.down.name } : {}),
    message: `${has} but the file holds ${modules.length} ${what}, e.g. ${inlineCode(first?.name ?? '')}: diffusers then takes {} as their LoraConfig instead of inferring it from the tensors and fails to load the file (KeyError: 'rank_pattern'); ${save}, or remove lora_adapter_metadata so diffusers infers every config from the tensors.`,
    data: { component, modules: modules.length, declared: [...declared].sort() },
  };
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
