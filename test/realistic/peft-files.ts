// What the real tools write, rebuilt by code: adapter_config.json as PEFT's `json.dumps(indent=2, sort_keys=True)`
// writes it for several releases, and tensors with the names, shapes and dtypes PEFT / kohya / diffusers save.
import type { TensorSpec } from '../helpers/safetensors.js';
import { randomValues } from '../helpers/safetensors.js';

/** Python's json.dumps(obj, indent=2, sort_keys=True): keys sorted at every level. */
export function pythonJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) out[key] = sorted((v as Record<string, unknown>)[key]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sorted(value), null, 2);
}

/** The fields LoraConfig.to_dict() holds in PEFT 0.3 (no peft_version, enable_lora, merge_weights). */
export function peft03Config(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    base_model_name_or_path: 'decapoda-research/llama-7b-hf',
    bias: 'none',
    enable_lora: null,
    fan_in_fan_out: false,
    inference_mode: true,
    lora_alpha: 16,
    lora_dropout: 0.05,
    merge_weights: false,
    modules_to_save: null,
    peft_type: 'LORA',
    r: 8,
    target_modules: ['q_proj', 'v_proj'],
    task_type: 'CAUSAL_LM',
    ...fields,
  };
}

/** PEFT 0.10 (rank/alpha patterns, layer_replication, use_dora, megatron fields, loftq_config). */
export function peft010Config(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    alpha_pattern: {},
    auto_mapping: null,
    base_model_name_or_path: 'mistralai/Mistral-7B-v0.1',
    bias: 'none',
    fan_in_fan_out: false,
    inference_mode: true,
    init_lora_weights: true,
    layer_replication: null,
    layers_pattern: null,
    layers_to_transform: null,
    loftq_config: {},
    lora_alpha: 32,
    lora_dropout: 0.1,
    megatron_config: null,
    megatron_core: 'megatron.core',
    modules_to_save: null,
    peft_type: 'LORA',
    r: 16,
    rank_pattern: {},
    revision: null,
    target_modules: ['v_proj', 'o_proj', 'k_proj', 'q_proj'],
    task_type: 'CAUSAL_LM',
    use_dora: false,
    use_rslora: false,
    ...fields,
  };
}

/** PEFT 0.18 (peft_version, exclude_modules, lora_bias, trainable tokens, target_parameters, qalora, eva...). */
export function peft018Config(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    alora_invocation_tokens: null,
    alpha_pattern: {},
    arrow_config: null,
    auto_mapping: null,
    base_model_name_or_path: 'Qwen/Qwen2.5-0.5B-Instruct',
    bias: 'none',
    corda_config: null,
    ensure_weight_tying: false,
    eva_config: null,
    exclude_modules: null,
    fan_in_fan_out: false,
    inference_mode: true,
    init_lora_weights: true,
    layer_replication: null,
    layers_pattern: null,
    layers_to_transform: null,
    loftq_config: {},
    lora_alpha: 16,
    lora_bias: false,
    lora_dropout: 0.05,
    megatron_config: null,
    megatron_core: 'megatron.core',
    modules_to_save: null,
    peft_type: 'LORA',
    peft_version: '0.18.0',
    qalora_group_size: 16,
    r: 8,
    rank_pattern: {},
    revision: null,
    target_modules: ['up_proj', 'k_proj', 'gate_proj', 'o_proj', 'down_proj', 'v_proj', 'q_proj'],
    target_parameters: null,
    task_type: 'CAUSAL_LM',
    trainable_token_indices: null,
    use_dora: false,
    use_qalora: false,
    use_rslora: false,
    ...fields,
  };
}

export const P = 'base_model.model.';

let seedCounter = 1;
const nextSeed = () => (seedCounter = (seedCounter * 48271) % 2147483647);

/** A tensor with random non-zero values (or zeros), any shape. */
export function tensor(
  name: string,
  shape: readonly number[],
  options: { dtype?: TensorSpec['dtype']; zero?: boolean; scale?: number } = {},
): TensorSpec {
  const numel = shape.reduce((a, b) => a * b, 1);
  return {
    name,
    dtype: options.dtype ?? 'F32',
    shape,
    data: options.zero ? new Float32Array(numel) : randomValues(numel, nextSeed(), options.scale ?? 0.1),
  };
}

/** lora_A [r, in] / lora_B [out, r] under any key prefix and module path. */
export function pair(
  path: string,
  r: number,
  inF: number,
  outF: number,
  options: { dtype?: TensorSpec['dtype']; zeroB?: boolean; a?: string; b?: string } = {},
): TensorSpec[] {
  const dtype = options.dtype ?? 'F32';
  return [
    tensor(`${path}.${options.a ?? 'lora_A.weight'}`, [r, inF], { dtype }),
    tensor(`${path}.${options.b ?? 'lora_B.weight'}`, [outF, r], {
      dtype,
      ...(options.zeroB ? { zero: true } : {}),
    }),
  ];
}

/** Llama-shaped decoder layers, every module in `projs`, PEFT keys. Hidden 16, kv 8, intermediate 24. */
export function llamaLayers(
  layers: number,
  projs: readonly string[],
  r: number,
  options: { dtype?: TensorSpec['dtype']; root?: string; rankOf?: (module: string) => number } = {},
): TensorSpec[] {
  const dims: Record<string, [number, number]> = {
    q_proj: [16, 16],
    k_proj: [16, 8],
    v_proj: [16, 8],
    o_proj: [16, 16],
    gate_proj: [16, 24],
    up_proj: [16, 24],
    down_proj: [24, 16],
  };
  const root = options.root ?? `${P}model.`;
  const out: TensorSpec[] = [];
  for (let i = 0; i < layers; i++) {
    for (const proj of projs) {
      const group =
        proj.endsWith('_proj') && ['gate_proj', 'up_proj', 'down_proj'].includes(proj) ? 'mlp' : 'self_attn';
      const module = `layers.${i}.${group}.${proj}`;
      const [inF, outF] = dims[proj]!;
      const rank = options.rankOf?.(`model.${module}`) ?? r;
      out.push(...pair(`${root}${module}`, rank, inF, outF, options.dtype ? { dtype: options.dtype } : {}));
    }
  }
  return out;
}
