// AL301 "or the product is zero": factors that are both non-zero but multiply to zero are found by probing
// B·(A·x). Exactly zero products always; for modules whose config says init_lora_weights="orthogonal", also
// products that are only the rounding noise PEFT's orthogonal init leaves (reference §6). Trained factors,
// including converted PiSSA/OLoRA adapters whose terms nearly cancel, are not.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { roundToDtype } from '../../src/safetensors/encode.js';
import type { Dtype } from '../../src/safetensors/types.js';
import { PEFT_PREFIX, peftConfig, writeAdapterFolder } from '../helpers/adapters.js';
import { randomValues, type TensorSpec } from '../helpers/safetensors.js';
import { findingsOf, lintScratch, scratchDir } from './lint-folder.js';

/** The rows of an (r×r) orthogonal matrix: Gram-Schmidt on the columns of a random one, each step rounded by `round`. */
function orthogonal(r: number, seed: number, round: (x: number) => number): Float64Array[] {
  const x = randomValues(r * r, seed, 1);
  const q: Float64Array[] = [];
  for (let c = 0; c < r; c++) {
    const v = Float64Array.from({ length: r }, (_, i) => x[i * r + c]!);
    // Twice, so Q is orthogonal to working precision like a Householder QR's ("twice is enough").
    for (const u of [...q, ...q]) {
      let dot = 0;
      for (let i = 0; i < r; i++) dot = round(dot + round(u[i]! * v[i]!));
      for (let i = 0; i < r; i++) v[i] = round(v[i]! - round(dot * u[i]!));
    }
    let norm = 0;
    for (const e of v) norm = round(norm + round(e * e));
    norm = round(Math.sqrt(norm));
    q.push(v.map((e) => round(e / norm)));
  }
  return Array.from({ length: r }, (_, i) => Float64Array.from({ length: r }, (_, c) => q[c]![i]!));
}

interface OrthogonalOptions {
  rank?: number;
  inF?: number;
  outF?: number;
  /** What PEFT casts the factors to (the base weight's dtype). */
  dtype?: Dtype;
  /** What the file stores them as: F32 when PEFT's autocast_adapter_dtype upcast them (the default). */
  stored?: Dtype;
  /** 'f32' computes Q and the products in f32 arithmetic, as PEFT does; 'f64' nearly exactly. */
  arithmetic?: 'f32' | 'f64';
  seed?: number;
  /** Adds that fraction of random noise to B (a few training steps). */
  nudge?: number;
}

/**
 * PEFT's orthogonal_init: Q from a QR of a random r×r matrix, A = (R1·Q[0::2])ᵀ with R1 [in, r/2],
 * B = R2ᵀ·Q[1::2] with R2 [r/2, out], cast to the base dtype; B·A = R2ᵀ·Q[1::2]·Q[0::2]ᵀ·R1ᵀ = 0 but for rounding.
 */
function orthogonalLora(module: string, options: OrthogonalOptions = {}): TensorSpec[] {
  const r = options.rank ?? 8;
  const inF = options.inF ?? 24;
  const outF = options.outF ?? 20;
  const seed = options.seed ?? 5;
  const round = options.arithmetic === 'f64' ? (x: number) => x : Math.fround;
  const q = orthogonal(r, seed, round);
  const odd = q.filter((_, i) => i % 2 === 0);
  const even = q.filter((_, i) => i % 2 === 1);
  const r1 = randomValues(inF * (r / 2), seed + 1, 1);
  const r2 = randomValues((r / 2) * outF, seed + 2, 1);
  const cast = (x: number) => roundToDtype(options.dtype ?? 'F32', x);
  const a = new Float32Array(r * inF);
  for (let k = 0; k < r; k++)
    for (let j = 0; j < inF; j++) {
      let s = 0;
      for (let m = 0; m < r / 2; m++) s = round(s + round(r1[j * (r / 2) + m]! * odd[m]![k]!));
      a[k * inF + j] = cast(s);
    }
  const b = new Float32Array(outF * r);
  const noise = randomValues(outF * r, seed + 3, 1);
  for (let i = 0; i < outF; i++)
    for (let k = 0; k < r; k++) {
      let s = 0;
      for (let m = 0; m < r / 2; m++) s = round(s + round(r2[m * outF + i]! * even[m]![k]!));
      b[i * r + k] = cast(s + (options.nudge ?? 0) * noise[i * r + k]!);
    }
  const stored = options.stored ?? options.dtype ?? 'F32';
  return [
    { name: `${PEFT_PREFIX}${module}.lora_A.weight`, dtype: stored, shape: [r, inF], data: a },
    { name: `${PEFT_PREFIX}${module}.lora_B.weight`, dtype: stored, shape: [outF, r], data: b },
  ];
}

const ORTHOGONAL = { init_lora_weights: 'orthogonal' };

/** Random finite FP8 codes (NaN and Inf codes replaced by 1.0), as raw bytes. */
function fp8Bytes(dtype: 'F8_E4M3' | 'F8_E5M2', count: number, seed: number): Uint8Array {
  const uniform = randomValues(count, seed, 1);
  return Uint8Array.from(uniform, (u) => {
    const code = Math.floor((u + 1) * 128) & 0xff;
    const nonFinite = dtype === 'F8_E4M3' ? (code & 0x7f) === 0x7f : (code & 0x7c) === 0x7c;
    return nonFinite ? (dtype === 'F8_E4M3' ? 0x38 : 0x3c) : code;
  });
}
const Q = 'model.layers.0.self_attn.q_proj';
const V = 'model.layers.0.self_attn.v_proj';

const peftFolder = (tensors: TensorSpec[], config: Record<string, unknown>) => (dir: string) =>
  writeAdapterFolder(join(dir, 'adapter'), { tensors, config: peftConfig(config) });

describe('AL301 zero product', () => {
  // As PEFT makes them: f32 arithmetic, cast to the base dtype, and (autocast_adapter_dtype) saved as F32.
  const cases: Array<[string, OrthogonalOptions]> = [
    ['a bf16 model, saved as F32', { dtype: 'BF16', stored: 'F32' }],
    ['an f16 model, saved as F32', { dtype: 'F16', stored: 'F32' }],
    ['a bf16 model, saved as BF16', { dtype: 'BF16' }],
    ['an f32 model, r = 8', { dtype: 'F32' }],
    ['an f32 model, r = 64', { dtype: 'F32', rank: 64, inF: 96, outF: 80 }],
    ['an f32 model, r = 128', { dtype: 'F32', rank: 128, inF: 160, outF: 144 }],
  ];
  for (const [what, options] of cases) {
    it(`finds an untrained orthogonal-init module of ${what}, and AL302 when all are`, async () => {
      const r = options.rank ?? 8;
      const mixed = await lintScratch(
        peftFolder(
          [...orthogonalLora(Q, options), ...orthogonalLora(V, { ...options, seed: 9, nudge: 0.05 })],
          { r, ...ORTHOGONAL },
        ),
      );
      const found = findingsOf(mixed, 'AL301');
      expect(found.map((f) => f.tensor)).toEqual([`${PEFT_PREFIX}${Q}.lora_B.weight`]);
      expect(found[0]!.message).toContain('only the rounding noise of init_lora_weights="orthogonal"');
      const data = found[0]!.data as { probeEnergy: number; noiseFloor: number };
      expect(data.probeEnergy).toBeLessThanOrEqual(data.noiseFloor);
      expect(data.probeEnergy).toBeGreaterThan(0);
      expect(findingsOf(mixed, 'AL302')).toEqual([]);

      const untrained = await lintScratch(
        peftFolder([...orthogonalLora(Q, options), ...orthogonalLora(V, { ...options, seed: 9 })], {
          r,
          ...ORTHOGONAL,
        }),
      );
      expect(findingsOf(untrained, 'AL301')).toHaveLength(2);
      expect(findingsOf(untrained, 'AL302')[0]!.message).toContain('init_lora_weights="orthogonal"');
    });
  }

  it('judges the precision of F32-stored factors by most values, so stray off-grid values do not hide an untrained module', async () => {
    const [a, b] = orthogonalLora(Q, { dtype: 'BF16', stored: 'F32' });
    const nudged = (spec: TensorSpec) => {
      const values = Float32Array.from(spec.data as Float32Array);
      const bits = new Uint32Array(values.buffer);
      bits[3] = bits[3]! + 1; // one f32 ulp off the BF16 grid
      return { ...spec, data: values };
    };
    const report = await lintScratch(peftFolder([nudged(a!), nudged(b!)], { r: 8, ...ORTHOGONAL }));
    expect(findingsOf(report, 'AL301').map((f) => f.tensor)).toEqual([`${PEFT_PREFIX}${Q}.lora_B.weight`]);
  });

  it('takes the stored product at its word without an orthogonal init: tiny is not zero', async () => {
    // The same untrained factors under a default config: B·A is rounding noise, but a real, non-zero update.
    const report = await lintScratch(
      peftFolder(
        [...orthogonalLora(Q, { dtype: 'BF16', stored: 'F32' }), ...orthogonalLora(V, { arithmetic: 'f64' })],
        { r: 8 },
      ),
    );
    expect(findingsOf(report, 'AL301')).toEqual([]);
  });

  it('stays quiet on a converted PiSSA adapter, whose terms nearly cancel on purpose', async () => {
    // save_pretrained(path_initial_model_for_weight_conversion=...): A' = [A; A0], B' = [B, -B0], so
    // B'A' = B·A - B0·A0, a small but real update (reference §6), stored in BF16.
    const tensors: TensorSpec[] = [];
    for (const [module, seed] of [
      [Q, 11],
      [V, 21],
    ] as const) {
      const a0 = randomValues(4 * 64, seed, 0.1);
      const b0 = randomValues(48 * 4, seed + 1, 0.1);
      const a = a0.map((v, i) => v + 0.003 * randomValues(4 * 64, seed + 2, 0.1)[i]!);
      const b = b0.map((v, i) => v + 0.003 * randomValues(48 * 4, seed + 3, 0.1)[i]!);
      const aJoined = Float32Array.from([...a, ...a0]);
      const bJoined = new Float32Array(48 * 8);
      for (let i = 0; i < 48; i++)
        for (let k = 0; k < 4; k++) {
          bJoined[i * 8 + k] = b[i * 4 + k]!;
          bJoined[i * 8 + 4 + k] = -b0[i * 4 + k]!;
        }
      tensors.push(
        { name: `${PEFT_PREFIX}${module}.lora_A.weight`, dtype: 'BF16', shape: [8, 64], data: aJoined },
        { name: `${PEFT_PREFIX}${module}.lora_B.weight`, dtype: 'BF16', shape: [48, 8], data: bJoined },
      );
    }
    const report = await lintScratch(peftFolder(tensors, { r: 8, lora_alpha: 16 }));
    expect(findingsOf(report, 'AL301')).toEqual([]);
    expect(findingsOf(report, 'AL302')).toEqual([]);
  });

  it('finds products that are exactly zero under any config: disjoint supports, exact cancellation', async () => {
    const a = new Float32Array(4 * 8);
    const b = new Float32Array(6 * 4);
    for (let j = 0; j < 8; j++) a[2 * 8 + j] = 0.1 * (j + 1); // only row 2 of A
    for (let i = 0; i < 6; i++) b[i * 4 + 0] = 0.3 - 0.1 * i; // only column 0 of B
    // A = [a; a], B = [b, -b]: B·A = b·a - b·a, exactly.
    const a2 = randomValues(8, 3, 0.1);
    const b2 = randomValues(6, 4, 0.1);
    const cancelB = new Float32Array(12);
    for (let i = 0; i < 6; i++) {
      cancelB[i * 2] = b2[i]!;
      cancelB[i * 2 + 1] = -b2[i]!;
    }
    const report = await lintScratch(
      peftFolder(
        [
          { name: `${PEFT_PREFIX}${Q}.lora_A.weight`, shape: [4, 8], data: a },
          { name: `${PEFT_PREFIX}${Q}.lora_B.weight`, shape: [6, 4], data: b },
          { name: `${PEFT_PREFIX}${V}.lora_A.weight`, dtype: 'BF16', shape: [2, 8], data: [...a2, ...a2] },
          { name: `${PEFT_PREFIX}${V}.lora_B.weight`, dtype: 'BF16', shape: [6, 2], data: cancelB },
        ],
        { r: 4, rank_pattern: { v_proj: 2 } },
      ),
    );
    const found = findingsOf(report, 'AL301');
    expect(found.map((f) => f.tensor)).toEqual([
      `${PEFT_PREFIX}${Q}.lora_B.weight`,
      `${PEFT_PREFIX}${V}.lora_B.weight`,
    ]);
    expect((found[0]!.data as { probeEnergy: number }).probeEnergy).toBe(0);
    expect((found[1]!.data as { probeEnergy: number }).probeEnergy).toBe(0);
    expect(findingsOf(report, 'AL302')).toHaveLength(1);
  });

  it('finds an orthogonal-init conv module (A [r, in, k, k], B [out, r, 1, 1])', async () => {
    const [a, b] = orthogonalLora('unet.conv_in', { rank: 4, inF: 3 * 3 * 3, outF: 6 });
    const report = await lintScratch(
      peftFolder(
        [
          { ...a!, shape: [4, 3, 3, 3] },
          { ...b!, shape: [6, 4, 1, 1] },
        ],
        { r: 4, target_modules: ['conv_in'], ...ORTHOGONAL },
      ),
    );
    expect(findingsOf(report, 'AL301').map((f) => f.tensor)).toEqual([
      `${PEFT_PREFIX}unet.conv_in.lora_B.weight`,
    ]);
  });

  it('stays quiet on trained-looking factors of every rank and dtype, rank-1 products included', async () => {
    const tensors: TensorSpec[] = [];
    let seed = 100;
    let layer = 0;
    for (const dtype of ['F32', 'BF16', 'F16', 'F8_E4M3', 'F8_E5M2'] as const) {
      for (const rank of [1, 2, 8, 64]) {
        for (const [inF, outF] of [
          [3, 2],
          [64, 48],
        ] as const) {
          const module = `model.layers.${layer++}.mlp.up_proj`;
          const values = (count: number, scale: number) =>
            dtype === 'F8_E4M3' || dtype === 'F8_E5M2'
              ? fp8Bytes(dtype, count, seed++)
              : randomValues(count, seed++, scale);
          tensors.push(
            {
              name: `${PEFT_PREFIX}${module}.lora_A.weight`,
              dtype,
              shape: [rank, inF],
              data: values(rank * inF, 0.5),
            },
            {
              name: `${PEFT_PREFIX}${module}.lora_B.weight`,
              dtype,
              shape: [outF, rank],
              data: values(outF * rank, 0.5),
            },
          );
        }
      }
    }
    // Under an orthogonal config too: trained factors sit far above the noise floor.
    for (const init of [{}, ORTHOGONAL]) {
      const report = await lintScratch(peftFolder(tensors, { r: 8, target_modules: ['up_proj'], ...init }));
      expect(findingsOf(report, 'AL301')).toEqual([]);
      expect(report.adapters[0]!.modules).toBe(40);
    }
  });

  it('judges large modules by the whole product, not only the corner read first', async () => {
    // 2048 x 2048, r = 8: the corner is B's first 1024 rows times A's first 1024 columns.
    const big = { rank: 8, inF: 2048, outF: 2048 };
    const [a, b] = orthogonalLora(V, { ...big, seed: 9 });
    // Trained only outside the corner: A's last column and B's last row move, the corner stays orthogonal.
    const lateA = Float32Array.from(a!.data as Float32Array);
    const lateB = Float32Array.from(b!.data as Float32Array);
    for (let k = 0; k < 8; k++) lateA[k * 2048 + 2047] = lateA[k * 2048 + 2047]! + 0.5;
    for (let k = 0; k < 8; k++) lateB[2047 * 8 + k] = lateB[2047 * 8 + k]! + 0.5;
    const K = 'model.layers.0.self_attn.k_proj';
    const report = await lintScratch(
      peftFolder(
        [
          ...orthogonalLora(Q, big),
          { ...a!, name: a!.name.replace(V, K), data: lateA },
          { ...b!, name: b!.name.replace(V, K), data: lateB },
          ...orthogonalLora(V, { ...big, seed: 9, nudge: 0.05 }),
        ],
        { r: 8, target_modules: ['q_proj', 'k_proj', 'v_proj'], ...ORTHOGONAL },
      ),
    );
    expect(findingsOf(report, 'AL301').map((f) => f.tensor)).toEqual([`${PEFT_PREFIX}${Q}.lora_B.weight`]);
  });

  it('leaves target_parameters expert factors alone: their B·A mixes experts and is not the update', async () => {
    // r = 1, 2 experts: A = [a; a], B = [b, -b]. Plain B·A = b·a - b·a = 0, but expert e's update is ±b·a.
    const a = randomValues(8, 3, 0.1);
    const b = randomValues(6, 4, 0.1);
    const A = Float32Array.from([...a, ...a]);
    const B = new Float32Array(12);
    for (let i = 0; i < 6; i++) {
      B[i * 2] = b[i]!;
      B[i * 2 + 1] = -b[i]!;
    }
    const experts = 'model.layers.0.mlp.experts';
    const report = await lintScratch(
      peftFolder(
        [
          { name: `${PEFT_PREFIX}${experts}.lora_A.weight`, shape: [2, 8], data: A },
          { name: `${PEFT_PREFIX}${experts}.lora_B.weight`, shape: [6, 2], data: B },
        ],
        { r: 1, target_modules: [], target_parameters: ['experts.gate_up_proj'] },
      ),
    );
    expect(findingsOf(report, 'AL301')).toEqual([]);
    // The same factors as a plain module are a zero product.
    const plain = await lintScratch(
      peftFolder(
        [
          { name: `${PEFT_PREFIX}${Q}.lora_A.weight`, shape: [2, 8], data: A },
          { name: `${PEFT_PREFIX}${Q}.lora_B.weight`, shape: [6, 2], data: B },
        ],
        { r: 2, target_modules: ['q_proj'] },
      ),
    );
    expect(findingsOf(plain, 'AL301')).toHaveLength(1);
  });

  it('gives no product verdict for F64 factors beyond f32 range (no false zero from Inf)', async () => {
    const report = await lintScratch(
      peftFolder(
        [
          { name: `${PEFT_PREFIX}${Q}.lora_A.weight`, dtype: 'F64', shape: [1, 2], data: [1e300, 2e300] },
          { name: `${PEFT_PREFIX}${Q}.lora_B.weight`, dtype: 'F64', shape: [2, 1], data: [1e300, -3e300] },
        ],
        { r: 1, target_modules: ['q_proj'] },
      ),
    );
    expect(findingsOf(report, 'AL301')).toEqual([]);
    expect(findingsOf(report, 'AL302')).toEqual([]);
  });

  it('still probes for AL302 when AL301 alone is turned off', async () => {
    const untrained = peftFolder([...orthogonalLora(Q), ...orthogonalLora(V, { seed: 9 })], {
      r: 8,
      ...ORTHOGONAL,
    });
    const onlyAl302 = await lintScratch(untrained, { rules: { 'zero-update': 'off' } });
    expect(onlyAl302.findings.map((f) => f.ruleId)).toEqual(['AL302']);
    const neither = await lintScratch(untrained, { rules: { AL301: 'off', 'no-op-adapter': 'off' } });
    expect(neither.findings).toEqual([]);
  });

  it('gives the same probes on worker threads as inline', async () => {
    const dir = await scratchDir();
    await peftFolder(
      [
        ...orthogonalLora(Q, { dtype: 'BF16', stored: 'F32' }),
        ...orthogonalLora(V, { seed: 9, nudge: 0.05 }),
      ],
      { r: 8, ...ORTHOGONAL },
    )(dir);
    const inline = await lint({ cwd: dir, paths: [], threads: 0 });
    const pooled = await lint({ cwd: dir, paths: [], threads: 2 });
    expect(findingsOf(pooled, 'AL301')).toEqual(findingsOf(inline, 'AL301'));
    expect(findingsOf(pooled, 'AL301')).toHaveLength(1);
  });

  it('reports a module whose scaling is 0 (lora_alpha 0), lora_B bias or not', async () => {
    const report = await lintScratch(
      peftFolder(
        [
          ...orthogonalLora(Q, { nudge: 0.5 }),
          ...orthogonalLora(V, { seed: 9, nudge: 0.5 }),
          { name: `${PEFT_PREFIX}${V}.lora_B.bias`, shape: [20], data: randomValues(20, 7, 0.1) },
        ],
        { r: 8, lora_alpha: 16, alpha_pattern: { v_proj: 0 }, lora_bias: true },
      ),
    );
    const found = findingsOf(report, 'AL301');
    expect(found.map((f) => f.tensor)).toEqual([`${PEFT_PREFIX}${V}.lora_B.weight`]);
    expect(found[0]!.message).toContain('scaling lora_alpha/r is 0');
    expect(found[0]!.file).toBe('adapter/adapter_config.json');
  });

  it('a zero scaling silences lora_B.bias whatever else is zero', async () => {
    const [a, b] = orthogonalLora(Q, { nudge: 0.5 });
    const report = await lintScratch(
      peftFolder(
        [
          a!,
          { ...b!, data: new Float32Array(20 * 8) },
          { name: `${PEFT_PREFIX}${Q}.lora_B.bias`, shape: [20], data: randomValues(20, 7, 0.1) },
        ],
        { r: 8, lora_alpha: 0, lora_bias: true, target_modules: ['q_proj'] },
      ),
    );
    expect(findingsOf(report, 'AL301')).toHaveLength(1);
    expect(findingsOf(report, 'AL302')).toHaveLength(1);
  });
});
