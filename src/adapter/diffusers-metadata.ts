// diffusers' LoRA config inside the weights file (reference §8.2): since 0.34, `save_lora_weights` /
// `save_lora_adapter` write each component's `LoraConfig.to_dict()` as one JSON string under
// `__metadata__["lora_adapter_metadata"]`. A pipeline save prefixes every field with its component
// (`"transformer.r"`, `"text_encoder.lora_alpha"`); a model-level save (`save_lora_adapter`) writes the bare
// fields. On load, diffusers keeps the fields of the component it loads, strips the prefix, and calls
// `LoraConfig(**fields)`; an empty string means no metadata.
//
// What diffusers does with metadata that has no fields for a component it loads (huggingface/diffusers,
// 0.34 on): `_load_sft_state_dict_metadata` (src/diffusers/utils/state_dict_utils.py) returns
// `json.loads(value)`, so `{}` stays `{}` and only `null` becomes None; `PeftAdapterMixin.load_lora_adapter`
// (src/diffusers/loaders/peft.py) and `_load_lora_into_text_encoder` (src/diffusers/loaders/lora_base.py)
// narrow it to the `<prefix>.` fields, which leaves `{}`, not None; `_create_lora_config`
// (src/diffusers/utils/peft_utils.py) takes any metadata that is not None as the LoraConfig kwargs instead of
// `get_peft_kwargs` (ranks from the shapes, alphas from `network_alphas`), and its
// `_maybe_raise_error_for_ambiguous_keys` reads `config["rank_pattern"]`: KeyError, the load fails. So such a
// component gets no config from the tensors either: AL403 reports it (`declared` below), and the merge checks
// fall back to the tensors only to have a scale to show.
//
// Wan 2.2's second expert is no component of its own: `WanLoraLoaderMixin.save_lora_weights`
// (src/diffusers/loaders/lora_pipeline.py) writes `transformer.` keys and metadata only, and
// `load_lora_weights(..., load_into_transformer_2=True)` loads those same `transformer.` entries into
// `pipe.transformer_2` (diffusers PR #12074); a `transformer_2.` prefix is one diffusers never writes or reads.
import type { AdapterConfig, EmbeddedConfig, WeightsFile } from '../types.js';
import { MAX_CONFIG_BYTES, readAdapterConfig } from './config.js';

export const LORA_ADAPTER_METADATA_KEY = 'lora_adapter_metadata';

export interface EmbeddedConfigParse {
  readonly components: ReadonlyMap<string, AdapterConfig>;
  /**
   * The components that have fields in the metadata ('' for bare fields), usable or not; null when the value is
   * not a JSON object (JSON null, which diffusers reads as no metadata, or a defect in `errors`).
   */
  readonly declared: ReadonlySet<string> | null;
  /** The defects, each naming the field (`<component>.<field>`) when there is one. */
  readonly errors: readonly string[];
}

/**
 * Parse the value of `lora_adapter_metadata`: strict JSON, one object, fields grouped by the component
 * before the first dot ('' for bare fields), each group checked as the kwargs of a PEFT `LoraConfig`. A
 * component whose fields are wrong gets no config (its errors are returned); the others still do.
 */
export function parseLoraAdapterMetadata(text: string): EmbeddedConfigParse {
  const none = (error: string): EmbeddedConfigParse => ({
    components: new Map(),
    declared: null,
    errors: [error],
  });
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_CONFIG_BYTES)
    return none(`the value is ${bytes} bytes, over the ${MAX_CONFIG_BYTES}-byte limit`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return none(`not valid JSON: ${(error as Error).message}`);
  }
  // json.loads('null') is None, which diffusers reads as "no metadata".
  if (raw === null) return { components: new Map(), declared: null, errors: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return none(
      `the top level is ${Array.isArray(raw) ? 'a list' : `a ${typeof raw}`}, not a JSON object of LoraConfig fields`,
    );
  }
  const groups = new Map<string, Record<string, unknown>>();
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const dot = name.indexOf('.');
    const component = dot > 0 ? name.slice(0, dot) : '';
    const field = dot > 0 ? name.slice(dot + 1) : name;
    let group = groups.get(component);
    if (!group) {
      // A null prototype: a field may be called `__proto__`.
      group = Object.create(null) as Record<string, unknown>;
      groups.set(component, group);
    }
    group[field] = value;
  }
  const components = new Map<string, AdapterConfig>();
  const errors: string[] = [];
  for (const [component, fields] of groups) {
    const parsed = readAdapterConfig(fields, 'lora_config_kwargs');
    if (parsed.config) components.set(component, parsed.config);
    for (const error of parsed.errors) errors.push(component === '' ? error : `${component}.${error}`);
  }
  return { components, declared: new Set(groups.keys()), errors };
}

/**
 * The embedded config of an adapter's weights: the first readable file whose `__metadata__` has a
 * `lora_adapter_metadata` that diffusers reads as metadata (diffusers writes one file; shards would each
 * repeat it). Undefined when none has: no key, an empty value, or JSON `null` (all None to diffusers).
 */
export function readEmbeddedConfig(weights: readonly WeightsFile[]): EmbeddedConfig | undefined {
  for (const weightsFile of weights) {
    const text = weightsFile.header?.metadata?.get(LORA_ADAPTER_METADATA_KEY);
    if (text === undefined || text === '') continue;
    const parsed = parseLoraAdapterMetadata(text);
    if (parsed.declared === null && parsed.errors.length === 0) continue;
    return {
      file: weightsFile.file,
      components: parsed.components,
      declared: parsed.declared,
      errors: parsed.errors,
    };
  }
  return undefined;
}
