// Which LoRA config governs a module: adapter_config.json for the PEFT layout, the module's component config
// from `lora_adapter_metadata` for a diffusers file. kohya files and diffusers files without it have none.
import type { Adapter, AdapterConfig, LoraModule } from '../types.js';
import { LORA_ADAPTER_METADATA_KEY } from './diffusers-metadata.js';

export function moduleConfig(adapter: Adapter, module: Pick<LoraModule, 'component'>): AdapterConfig | null {
  if (adapter.layout === 'peft') return adapter.config;
  if (adapter.layout === 'diffusers')
    return adapter.embeddedConfig?.components.get(module.component ?? '') ?? null;
  return null;
}

/** Where that config is, for messages: `adapter_config.json`, or `lora_adapter_metadata in <weights file>`. */
export function moduleConfigSource(adapter: Adapter): string {
  if (adapter.layout !== 'diffusers') return 'adapter_config.json';
  return `${LORA_ADAPTER_METADATA_KEY} in ${adapter.embeddedConfig?.file ?? 'the weights file'}`;
}

/** A field of the module's config as it is written there: `r`, or `transformer.r` in a pipeline's metadata. */
export function moduleConfigField(
  adapter: Adapter,
  module: Pick<LoraModule, 'component'>,
  field: string,
): string {
  return adapter.layout === 'diffusers' && module.component ? `${module.component}.${field}` : field;
}

/** The component names of an adapter's modules ('' for none), in module order, each once. */
export function moduleComponents(adapter: Adapter): string[] {
  return [...new Set(adapter.modules.map((m) => m.component ?? ''))];
}
