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
