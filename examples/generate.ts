// Writes the example base model, adapters and merged checkpoints used by `npm run demo` and the docs.
// Deterministic: values come from a seeded PRNG, so running it again reproduces the committed bytes.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodeValues, f32ToBf16Bits } from '../src/safetensors/encode.js';
import type { Dtype } from '../src/safetensors/types.js';
import { serializeSafetensors } from '../src/safetensors/write.js';

const HIDDEN = 32;
const INTERMEDIATE = 64;
const VOCAB = 64;
const LAYERS = 2;
const RANK = 4;
const ALPHA = 8;
const TARGETS = ['q_proj', 'v_proj'] as const;
const PREFIX = 'base_model.model.';
const METADATA = { format: 'pt' };

interface Tensor {
  readonly name: string;
  readonly dtype: Dtype;
  readonly shape: readonly number[];
  /** Values exactly representable in `dtype`. */
  readonly values: Float64Array;
}

/** mulberry32: a tiny seeded PRNG, values uniform in [-scale, scale), rounded to `dtype`. */
function randomTensor(
  name: string,
  dtype: Dtype,
  shape: readonly number[],
  seed: number,
  scale: number,
): Tensor {
  const count = shape.reduce((a, b) => a * b, 1);
  const values = new Float64Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    values[i] = roundTo(dtype, ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1) * scale);
  }
  return { name, dtype, shape, values };
}

function roundTo(dtype: Dtype, x: number): number {
  if (dtype === 'F32') return Math.fround(x);
  if (dtype === 'BF16') return roundToBf16(x);
  throw new Error(`unsupported dtype ${dtype}`);
}

/** float64 -> nearest bf16 value (ties to even) in one rounding step, so no float32 double rounding. */
export function roundToBf16(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const exponent = Math.max(Math.floor(Math.log2(Math.abs(x))), -126);
  // log2 can be off by one near powers of two: fix the exponent so 2^e <= |x| < 2^(e+1).
  const e =
    2 ** exponent > Math.abs(x) ? exponent - 1 : 2 ** (exponent + 1) <= Math.abs(x) ? exponent + 1 : exponent;
  const ulp = 2 ** (Math.max(e, -126) - 7);
  const q = x / ulp;
  let n = Math.round(q);
  if (Math.abs(q - Math.trunc(q)) === 0.5) n = 2 * Math.round(q / 2);
  return n * ulp;
}

function serialize(tensors: readonly Tensor[]): Buffer {
  return serializeSafetensors(
    tensors.map((t) => ({
      name: t.name,
      dtype: t.dtype,
      shape: t.shape,
      data: t.dtype === 'BF16' ? bf16Bytes(t.values) : encodeValues(t.dtype, t.values),
    })),
    METADATA,
  );
}

function bf16Bytes(values: Float64Array): Uint8Array {
  const bits = new Uint16Array(values.length);
  // Every value is already a bf16 value, so this conversion is exact.
  for (let i = 0; i < values.length; i++) bits[i] = f32ToBf16Bits(values[i]!);
  return new Uint8Array(bits.buffer);
}

function baseModel(): Tensor[] {
  const tensors: Tensor[] = [randomTensor('model.embed_tokens.weight', 'BF16', [VOCAB, HIDDEN], 1, 0.5)];
  for (let layer = 0; layer < LAYERS; layer++) {
    const p = `model.layers.${layer}`;
    const seed = 100 * (layer + 1);
    tensors.push(
      {
        name: `${p}.input_layernorm.weight`,
        dtype: 'BF16',
        shape: [HIDDEN],
        values: new Float64Array(HIDDEN).fill(1),
      },
      randomTensor(`${p}.self_attn.q_proj.weight`, 'BF16', [HIDDEN, HIDDEN], seed + 1, 0.05),
      randomTensor(`${p}.self_attn.k_proj.weight`, 'BF16', [HIDDEN, HIDDEN], seed + 2, 0.05),
      randomTensor(`${p}.self_attn.v_proj.weight`, 'BF16', [HIDDEN, HIDDEN], seed + 3, 0.05),
      randomTensor(`${p}.self_attn.o_proj.weight`, 'BF16', [HIDDEN, HIDDEN], seed + 4, 0.05),
      {
        name: `${p}.post_attention_layernorm.weight`,
        dtype: 'BF16',
        shape: [HIDDEN],
        values: new Float64Array(HIDDEN).fill(1),
      },
      randomTensor(`${p}.mlp.gate_proj.weight`, 'BF16', [INTERMEDIATE, HIDDEN], seed + 5, 0.05),
      randomTensor(`${p}.mlp.up_proj.weight`, 'BF16', [INTERMEDIATE, HIDDEN], seed + 6, 0.05),
      randomTensor(`${p}.mlp.down_proj.weight`, 'BF16', [HIDDEN, INTERMEDIATE], seed + 7, 0.05),
    );
  }
  tensors.push({
    name: 'model.norm.weight',
    dtype: 'BF16',
    shape: [HIDDEN],
    values: new Float64Array(HIDDEN).fill(1),
  });
  return tensors;
}

const BASE_CONFIG = {
  architectures: ['LlamaForCausalLM'],
  model_type: 'llama',
  hidden_size: HIDDEN,
  intermediate_size: INTERMEDIATE,
  num_hidden_layers: LAYERS,
  num_attention_heads: 4,
  num_key_value_heads: 4,
  vocab_size: VOCAB,
  tie_word_embeddings: true,
  torch_dtype: 'bfloat16',
};

const ADAPTER_CONFIG = {
  alpha_pattern: {},
  base_model_name_or_path: '../../base',
  bias: 'none',
  fan_in_fan_out: false,
  inference_mode: true,
  lora_alpha: ALPHA,
  lora_dropout: 0,
  modules_to_save: null,
  peft_type: 'LORA',
  r: RANK,
  rank_pattern: {},
  target_modules: [...TARGETS],
  task_type: 'CAUSAL_LM',
  use_dora: false,
  use_rslora: false,
};

interface LoraPair {
  /** Module path, e.g. `model.layers.0.self_attn.q_proj`. */
  readonly module: string;
  readonly a: Tensor; // [r, in]
  readonly b: Tensor; // [out, r]
}

/** The trained adapter: lora_A [r, in] and lora_B [out, r] for q_proj and v_proj of every layer, F32. */
function loraPairs(): LoraPair[] {
  const pairs: LoraPair[] = [];
  for (let layer = 0; layer < LAYERS; layer++) {
    for (const [i, target] of TARGETS.entries()) {
      const module = `model.layers.${layer}.self_attn.${target}`;
      const seed = 1000 + layer * 10 + i * 2;
      pairs.push({
        module,
        a: randomTensor('lora_A', 'F32', [RANK, HIDDEN], seed, 0.1),
        b: randomTensor('lora_B', 'F32', [HIDDEN, RANK], seed + 1, 0.1),
      });
    }
  }
  return pairs;
}

/**
 * As PEFT's init_lora_weights="orthogonal" leaves a module before training: Q orthogonal (Gram-Schmidt of a
 * random r x r matrix), A = (R1·Q[0::2])ᵀ, B = R2ᵀ·Q[1::2]; both non-zero, B·A = 0 (to F32 rounding).
 */
function orthogonalPairs(pairs: readonly LoraPair[]): LoraPair[] {
  return pairs.map((p, index) => {
    const x = randomTensor('x', 'F32', [RANK, RANK], 2000 + index, 1).values;
    const q: Float64Array[] = [];
    for (let c = 0; c < RANK; c++) {
      const v = Float64Array.from({ length: RANK }, (_, i) => x[i * RANK + c]!);
      for (const u of q) {
        const dot = u.reduce((s, ui, i) => s + ui * v[i]!, 0);
        for (let i = 0; i < RANK; i++) v[i] = v[i]! - dot * u[i]!;
      }
      const norm = Math.hypot(...v);
      q.push(v.map((e) => e / norm));
    }
    const row = (k: number) => Float64Array.from({ length: RANK }, (_, c) => q[c]![k]!); // rows of Q
    const half = RANK / 2;
    const r1 = randomTensor('r1', 'F32', [HIDDEN, half], 3000 + index, 1).values;
    const r2 = randomTensor('r2', 'F32', [half, HIDDEN], 4000 + index, 1).values;
    const a = new Float64Array(RANK * HIDDEN);
    const b = new Float64Array(HIDDEN * RANK);
    for (let m = 0; m < half; m++) {
      const odd = row(2 * m);
      const even = row(2 * m + 1);
      for (let k = 0; k < RANK; k++) {
        for (let j = 0; j < HIDDEN; j++) a[k * HIDDEN + j] = a[k * HIDDEN + j]! + r1[j * half + m]! * odd[k]!;
        for (let i = 0; i < HIDDEN; i++) b[i * RANK + k] = b[i * RANK + k]! + r2[m * HIDDEN + i]! * even[k]!;
      }
    }
    const f32 = (values: Float64Array) => values.map((v) => roundTo('F32', v));
    return { module: p.module, a: { ...p.a, values: f32(a) }, b: { ...p.b, values: f32(b) } };
  });
}

/** Tensors of the adapter with keys made by `key(module, part)`; `zeroB` zeroes every lora_B. */
function adapterTensors(
  pairs: readonly LoraPair[],
  key: (module: string, part: 'lora_A' | 'lora_B') => string,
  zeroB = false,
): Tensor[] {
  return pairs.flatMap((p) => [
    { ...p.a, name: key(p.module, 'lora_A') },
    {
      ...p.b,
      name: key(p.module, 'lora_B'),
      values: zeroB ? new Float64Array(p.b.values.length) : p.b.values,
    },
  ]);
}

/** W + (alpha/r)·B·A computed in float64, rounded once to the base dtype. */
function mergedModel(base: readonly Tensor[], pairs: readonly LoraPair[]): Tensor[] {
  const scale = ALPHA / RANK;
  const byModule = new Map(pairs.map((p) => [`${p.module}.weight`, p]));
  return base.map((w) => {
    const pair = byModule.get(w.name);
    if (!pair) return w;
    const [out, inF] = w.shape as [number, number];
    const values = new Float64Array(out * inF);
    for (let o = 0; o < out; o++) {
      for (let j = 0; j < inF; j++) {
        let dot = 0;
        for (let k = 0; k < RANK; k++) dot += pair.b.values[o * RANK + k]! * pair.a.values[k * inF + j]!;
        values[o * inF + j] = roundTo(w.dtype, w.values[o * inF + j]! + scale * dot);
      }
    }
    return { ...w, values };
  });
}

function kohyaBadKeys(pairs: readonly LoraPair[]): Tensor[] {
  const alpha = (name: string): Tensor => ({ name, dtype: 'F32', shape: [], values: Float64Array.of(RANK) });
  const [first, second] = pairs as [LoraPair, LoraPair];
  // A doubled component (`lora_unet_unet_`) and `_lora_down` glued on with an underscore instead of a dot.
  const doubled = 'lora_unet_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q';
  const glued = 'lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_v';
  return [
    { ...first.a, name: `${doubled}.lora_down.weight` },
    { ...first.b, name: `${doubled}.lora_up.weight` },
    alpha(`${doubled}.alpha`),
    { ...second.a, name: `${glued}_lora_down.weight` },
    { ...second.b, name: `${glued}_lora_up.weight` },
    alpha(`${glued}.alpha`),
  ];
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Every example file: path relative to `examples/` -> contents. */
export function buildExamples(): Map<string, Buffer | string> {
  const files = new Map<string, Buffer | string>();
  const base = baseModel();
  const pairs = loraPairs();
  const peftKey = (m: string, part: string) => `${PREFIX}${m}.${part}.weight`;
  const correct = serialize(adapterTensors(pairs, peftKey));
  const adapter = (
    name: string,
    weights: Buffer | string,
    config: string = json(ADAPTER_CONFIG),
    weightsName = 'adapter_model.safetensors',
  ) => {
    files.set(`adapters/${name}/adapter_config.json`, config);
    files.set(`adapters/${name}/${weightsName}`, weights);
  };

  files.set('base/config.json', json(BASE_CONFIG));
  files.set('base/model.safetensors', serialize(base));

  adapter('correct', correct);
  adapter(
    'doubled-adapter-name',
    serialize(adapterTensors(pairs, (m, part) => `${PREFIX}${m}.${part}.default.default.weight`)),
  );
  adapter(
    'adapter-name-in-key',
    serialize(adapterTensors(pairs, (m, part) => `${PREFIX}${m}.${part}.default.weight`)),
  );
  adapter('missing-prefix', serialize(adapterTensors(pairs, (m, part) => `${m}.${part}.weight`)));
  adapter(
    'doubled-prefix',
    serialize(adapterTensors(pairs, (m, part) => `${PREFIX}${PREFIX}${m}.${part}.weight`)),
  );
  adapter('zero-update', serialize(adapterTensors(pairs, peftKey, true)));
  adapter(
    'untrained-orthogonal',
    serialize(adapterTensors(orthogonalPairs(pairs), peftKey)),
    json({ ...ADAPTER_CONFIG, init_lora_weights: 'orthogonal' }),
  );
  const oid = createHash('sha256').update(correct).digest('hex');
  adapter(
    'lfs-pointer',
    `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${correct.length}\n`,
  );
  adapter('truncated', correct.subarray(0, correct.length - 100));
  adapter('misnamed-weights', correct, json(ADAPTER_CONFIG), 'model.safetensors');
  adapter('junk-config', correct, '{\n  "peft_type": "LORA",\n  "r": 4,\n  "lora_alpha": ,\n}\n');
  files.set('adapters/kohya-bad-keys/lora.safetensors', serialize(kohyaBadKeys(pairs)));

  files.set('merged/correct/model.safetensors', serialize(mergedModel(base, pairs)));
  files.set('merged/not-applied/model.safetensors', serialize(base));
  return files;
}

export async function writeExamples(root: string): Promise<number> {
  const files = buildExamples();
  for (const [path, contents] of files) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), contents);
  }
  return files.size;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = dirname(fileURLToPath(import.meta.url));
  writeExamples(root).then(
    (count) => process.stdout.write(`wrote ${count} example files under ${root}\n`),
    (error: unknown) => {
      process.stderr.write(`examples/generate.ts: ${(error as Error).stack ?? error}\n`);
      process.exitCode = 1;
    },
  );
}
