// Builders for adapter folders: a PEFT folder (config + weights) or a standalone file, made by code.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildSafetensors, randomValues, type TensorSpec } from './safetensors.js';

export const PEFT_PREFIX = 'base_model.model.';

export interface PeftConfigOptions {
  readonly r?: number;
  readonly lora_alpha?: number;
  readonly target_modules?: string | string[] | null;
  readonly [field: string]: unknown;
}

export function peftConfig(options: PeftConfigOptions = {}): Record<string, unknown> {
  return {
    peft_type: 'LORA',
    task_type: 'CAUSAL_LM',
    base_model_name_or_path: 'tiny-base',
    r: 4,
    lora_alpha: 8,
    lora_dropout: 0,
    bias: 'none',
    fan_in_fan_out: false,
    use_rslora: false,
    use_dora: false,
    inference_mode: true,
    target_modules: ['q_proj', 'v_proj'],
    modules_to_save: null,
    rank_pattern: {},
    alpha_pattern: {},
    ...options,
  };
}

export interface LinearLoraOptions {
  readonly rank?: number;
  readonly inFeatures?: number;
  readonly outFeatures?: number;
  /** lora_B all zeros (an untrained adapter). */
  readonly zeroUp?: boolean;
  readonly seed?: number;
  readonly dtype?: TensorSpec['dtype'];
  /** Key prefix before the module path; default `base_model.model.`. */
  readonly prefix?: string;
}

/** lora_A [r, in] and lora_B [out, r] for one Linear module, PEFT key format. */
export function linearLora(module: string, options: LinearLoraOptions = {}): TensorSpec[] {
  const r = options.rank ?? 4;
  const inF = options.inFeatures ?? 16;
  const outF = options.outFeatures ?? 16;
  const seed = options.seed ?? module.length * 7919;
  const prefix = options.prefix ?? PEFT_PREFIX;
  const dtype = options.dtype ?? 'F32';
  return [
    {
      name: `${prefix}${module}.lora_A.weight`,
      dtype,
      shape: [r, inF],
      data: randomValues(r * inF, seed, 0.1),
    },
    {
      name: `${prefix}${module}.lora_B.weight`,
      dtype,
      shape: [outF, r],
      data: options.zeroUp ? new Float32Array(outF * r) : randomValues(outF * r, seed + 1, 0.1),
    },
  ];
}

/** The q_proj/v_proj modules of `layers` decoder layers of a Llama-shaped model. */
export function llamaLora(layers = 2, options: LinearLoraOptions = {}): TensorSpec[] {
  const specs: TensorSpec[] = [];
  for (let i = 0; i < layers; i++) {
    for (const proj of ['q_proj', 'v_proj']) {
      specs.push(
        ...linearLora(`model.layers.${i}.self_attn.${proj}`, {
          ...options,
          seed: (options.seed ?? 1) + i * 10 + proj.length,
        }),
      );
    }
  }
  return specs;
}

export interface AdapterFolder {
  /** Config object (written as JSON) or raw text; null writes no config. */
  readonly config?: Record<string, unknown> | string | null;
  readonly tensors: readonly TensorSpec[];
  readonly weightsName?: string;
  readonly metadata?: Record<string, string>;
}

/** Writes `dir/adapter_config.json` and `dir/adapter_model.safetensors` (or the given name). */
export async function writeAdapterFolder(dir: string, adapter: AdapterFolder): Promise<void> {
  await mkdir(dir, { recursive: true });
  const config = adapter.config === undefined ? peftConfig() : adapter.config;
  if (config !== null) {
    const text = typeof config === 'string' ? config : JSON.stringify(config, null, 2);
    await writeFile(join(dir, 'adapter_config.json'), text);
  }
  await writeFile(
    join(dir, adapter.weightsName ?? 'adapter_model.safetensors'),
    buildSafetensors(adapter.tensors, adapter.metadata ?? { format: 'pt' }),
  );
}

/** Writes a standalone safetensors file (kohya, diffusers). */
export async function writeWeightsFile(
  path: string,
  tensors: readonly TensorSpec[],
  metadata?: Record<string, string>,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, buildSafetensors(tensors, metadata));
}

/** A kohya module: `<name>.lora_down.weight` [r, in], `.lora_up.weight` [out, r], `.alpha` scalar. */
export function kohyaLora(
  name: string,
  options: LinearLoraOptions & { alpha?: number | null } = {},
): TensorSpec[] {
  const r = options.rank ?? 4;
  const inF = options.inFeatures ?? 16;
  const outF = options.outFeatures ?? 16;
  const seed = options.seed ?? name.length * 31;
  const specs: TensorSpec[] = [
    { name: `${name}.lora_down.weight`, shape: [r, inF], data: randomValues(r * inF, seed, 0.1) },
    {
      name: `${name}.lora_up.weight`,
      shape: [outF, r],
      data: options.zeroUp ? new Float32Array(outF * r) : randomValues(outF * r, seed + 1, 0.1),
    },
  ];
  if (options.alpha !== null) specs.push({ name: `${name}.alpha`, shape: [], data: [options.alpha ?? r] });
  return specs;
}

/** PEFT embedding LoRA: `lora_embedding_A` [r, vocab], `lora_embedding_B` [dim, r] (no `.weight`). */
export function embeddingLora(
  module: string,
  options: { rank?: number; vocab?: number; dim?: number; zeroA?: boolean; seed?: number } = {},
): TensorSpec[] {
  const r = options.rank ?? 4;
  const vocab = options.vocab ?? 32;
  const dim = options.dim ?? 16;
  const seed = options.seed ?? 17;
  return [
    {
      name: `${PEFT_PREFIX}${module}.lora_embedding_A`,
      shape: [r, vocab],
      data: options.zeroA ? new Float32Array(r * vocab) : randomValues(r * vocab, seed, 0.1),
    },
    {
      name: `${PEFT_PREFIX}${module}.lora_embedding_B`,
      shape: [dim, r],
      data: randomValues(dim * r, seed + 1, 1),
    },
  ];
}

/** A DoRA Linear module: the LoRA pair plus `lora_magnitude_vector` [out] (no `.weight`). */
export function doraLora(module: string, options: LinearLoraOptions = {}): TensorSpec[] {
  const outF = options.outFeatures ?? 16;
  return [
    ...linearLora(module, options),
    {
      name: `${options.prefix ?? PEFT_PREFIX}${module}.lora_magnitude_vector`,
      shape: [outF],
      data: randomValues(outF, (options.seed ?? 5) + 2, 1),
    },
  ];
}

/**
 * An AdaLoRA config as AdaLoraConfig.to_dict() writes it: peft_type ADALORA, init_r / target_r, and a
 * rank_pattern that is null until the rank allocator ran (then one list of booleans per module).
 */
export function adaloraConfig(options: PeftConfigOptions = {}): Record<string, unknown> {
  return peftConfig({
    peft_type: 'ADALORA',
    r: 8,
    lora_alpha: 8,
    init_r: 4,
    target_r: 2,
    tinit: 0,
    tfinal: 0,
    deltaT: 1,
    beta1: 0.85,
    beta2: 0.85,
    orth_reg_weight: 0.5,
    total_step: 100,
    rank_pattern: null,
    ...options,
  });
}

export interface AdaLoraOptions extends LinearLoraOptions {
  /** lora_E all zeros: AdaLoRA's untrained signature (A and B stay random). */
  readonly zeroE?: boolean;
  /** lora_A all zeros. */
  readonly zeroDown?: boolean;
  /** lora_E shape, when not [r, 1]. */
  readonly eShape?: readonly number[];
}

/** An AdaLoRA (SVDLinear) module: lora_A [r, in], lora_B [out, r], lora_E [r, 1], nn.Parameters without `.weight`. */
export function adaloraLora(module: string, options: AdaLoraOptions = {}): TensorSpec[] {
  const r = options.rank ?? 4;
  const inF = options.inFeatures ?? 16;
  const outF = options.outFeatures ?? 16;
  const seed = options.seed ?? module.length * 7919;
  const prefix = options.prefix ?? PEFT_PREFIX;
  const eShape = options.eShape ?? [r, 1];
  const eCount = eShape.reduce((a, b) => a * b, 1);
  return [
    {
      name: `${prefix}${module}.lora_A`,
      shape: [r, inF],
      data: options.zeroDown ? new Float32Array(r * inF) : randomValues(r * inF, seed, 0.02),
    },
    {
      name: `${prefix}${module}.lora_B`,
      shape: [outF, r],
      data: options.zeroUp ? new Float32Array(outF * r) : randomValues(outF * r, seed + 1, 0.02),
    },
    {
      name: `${prefix}${module}.lora_E`,
      shape: eShape,
      data: options.zeroE ? new Float32Array(eCount) : randomValues(eCount, seed + 2, 0.5),
    },
  ];
}

/** A PEFT Conv2d module: `lora_A` [r, in, k, k], `lora_B` [out, r, 1, 1]. */
export function convLora(
  module: string,
  options: { rank?: number; inChannels?: number; outChannels?: number; kernel?: number; seed?: number } = {},
): TensorSpec[] {
  const r = options.rank ?? 4;
  const inC = options.inChannels ?? 8;
  const outC = options.outChannels ?? 8;
  const k = options.kernel ?? 3;
  const seed = options.seed ?? 23;
  return [
    {
      name: `${PEFT_PREFIX}${module}.lora_A.weight`,
      shape: [r, inC, k, k],
      data: randomValues(r * inC * k * k, seed, 0.1),
    },
    {
      name: `${PEFT_PREFIX}${module}.lora_B.weight`,
      shape: [outC, r, 1, 1],
      data: randomValues(outC * r, seed + 1, 0.1),
    },
  ];
}

/** A diffusers module in the given family: `peft` (lora_A/B), `new` (lora.down/up) or `processor` (to_k_lora). */
export function diffusersLora(
  module: string,
  family: 'peft' | 'new' | 'processor',
  options: { rank?: number; features?: number; seed?: number; zeroUp?: boolean } = {},
): TensorSpec[] {
  const r = options.rank ?? 4;
  const f = options.features ?? 16;
  const seed = options.seed ?? 41;
  const [down, up] =
    family === 'peft'
      ? [`${module}.lora_A.weight`, `${module}.lora_B.weight`]
      : family === 'new'
        ? [`${module}.lora.down.weight`, `${module}.lora.up.weight`]
        : [`${module}_lora.down.weight`, `${module}_lora.up.weight`];
  return [
    { name: down, shape: [r, f], data: randomValues(r * f, seed, 0.1) },
    {
      name: up,
      shape: [f, r],
      data: options.zeroUp ? new Float32Array(f * r) : randomValues(f * r, seed + 1, 0.1),
    },
  ];
}

/** Rename every tensor of some specs (e.g. to put an adapter name back into the keys). */
export function renameTensors(specs: readonly TensorSpec[], rename: (name: string) => string): TensorSpec[] {
  return specs.map((s) => ({ ...s, name: rename(s.name) }));
}

/** LoraConfig.to_dict() as diffusers' training scripts save it (PEFT 0.15, gaussian init, no task type). */
export function diffusersLoraConfig(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    alpha_pattern: {},
    auto_mapping: null,
    base_model_name_or_path: null,
    bias: 'none',
    corda_config: null,
    eva_config: null,
    exclude_modules: null,
    fan_in_fan_out: false,
    inference_mode: false,
    init_lora_weights: 'gaussian',
    layer_replication: null,
    layers_pattern: null,
    layers_to_transform: null,
    loftq_config: {},
    lora_alpha: 4,
    lora_bias: false,
    lora_dropout: 0,
    megatron_config: null,
    megatron_core: 'megatron.core',
    modules_to_save: null,
    peft_type: 'LORA',
    r: 4,
    rank_pattern: {},
    revision: null,
    target_modules: ['to_q', 'to_k', 'to_v', 'to_out.0'],
    task_type: null,
    trainable_token_indices: null,
    use_dora: false,
    use_rslora: false,
    ...fields,
  };
}

/**
 * The `lora_adapter_metadata` value diffusers writes (`_save_lora_weights` → `write_lora_layers`): every
 * component's config fields under `<component>.` ('' writes them bare, as a model's `save_lora_adapter`
 * does), as `json.dumps(indent=2, sort_keys=True)`.
 */
export function loraAdapterMetadata(configs: Record<string, Record<string, unknown>>): string {
  const flat: Record<string, unknown> = {};
  for (const [component, fields] of Object.entries(configs)) {
    for (const [field, value] of Object.entries(fields))
      flat[component ? `${component}.${field}` : field] = value;
  }
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v === null || typeof v !== 'object') return v;
    const entries = Object.keys(v).sort();
    return Object.fromEntries(entries.map((key) => [key, sorted((v as Record<string, unknown>)[key])]));
  };
  return JSON.stringify(sorted(flat), null, 2);
}
