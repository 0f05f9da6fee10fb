// AL301 "or the product is zero": factors that are both non-zero but multiply to zero, as PEFT's
// init_lora_weights="orthogonal" makes them (reference §6), are found by probing B·(A·x); trained factors,
// including ones that started orthogonal and moved a little, are not.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import type { Dtype } from '../../src/safetensors/types.js';
import { PEFT_PREFIX, peftConfig, writeAdapterFolder } from '../helpers/adapters.js';
import { randomValues, type TensorSpec } from '../helpers/safetensors.js';
import { findingsOf, lintScratch, scratchDir } from './lint-folder.js';

/** A (r×r) orthogonal matrix: Gram-Schmidt on the columns of a random one, in f64. */
function orthogonal(r: number, seed: number): Float64Array[] {
  const x = randomValues(r * r, seed, 1);
  const q: Float64Array[] = [];
  for (let c = 0; c < r; c++) {
    const v = Float64Array.from({ length: r }, (_, i) => x[i * r + c]!);
    for (const u of q) {
      let dot = 0;
      for (let i = 0; i < r; i++) dot += u[i]! * v[i]!;
      for (let i = 0; i < r; i++) v[i] = v[i]! - dot * u[i]!;
    }
    const norm = Math.hypot(...v);
    q.push(v.map((e) => e / norm));
  }
  // q holds the columns of Q; rows of an orthogonal matrix are orthonormal too. Return the rows.
  return Array.from({ length: r }, (_, i) => Float64Array.from({ length: r }, (_, c) => q[c]![i]!));
}

/**
 * PEFT's orthogonal_init: Q from a QR of a random r×r matrix, A = (R1·Q[0::2])ᵀ with R1 [in, r/2],
 * B = R2ᵀ·Q[1::2] with R2 [r/2, out]; B·A = R2ᵀ·Q[1::2]·Q[0::2]ᵀ·R1ᵀ = 0. `nudge` adds that fraction of
 * random noise to B (a few training steps).
 */
function orthogonalLora(
  module: string,
  options: { rank?: number; inF?: number; outF?: number; dtype?: Dtype; seed?: number; nudge?: number } = {},
): TensorSpec[] {
  const r = options.rank ?? 8;
  const inF = options.inF ?? 24;
  const outF = options.outF ?? 20;
  const seed = options.seed ?? 5;
  const q = orthogonal(r, seed);
  const odd = q.filter((_, i) => i % 2 === 0);
  const even = q.filter((_, i) => i % 2 === 1);
  const r1 = randomValues(inF * (r / 2), seed + 1, 1);
  const r2 = randomValues((r / 2) * outF, seed + 2, 1);
  const a = new Float32Array(r * inF);
  for (let k = 0; k < r; k++)
    for (let j = 0; j < inF; j++) {
      let s = 0;
      for (let m = 0; m < r / 2; m++) s += r1[j * (r / 2) + m]! * odd[m]![k]!;
      a[k * inF + j] = s;
    }
  const b = new Float32Array(outF * r);
  const noise = randomValues(outF * r, seed + 3, 1);
  for (let i = 0; i < outF; i++)
    for (let k = 0; k < r; k++) {
      let s = 0;
      for (let m = 0; m < r / 2; m++) s += r2[m * outF + i]! * even[m]![k]!;
      b[i * r + k] = s + (options.nudge ?? 0) * noise[i * r + k]!;
    }
  const dtype = options.dtype ?? 'F32';
  return [
    { name: `${PEFT_PREFIX}${module}.lora_A.weight`, dtype, shape: [r, inF], data: a },
    { name: `${PEFT_PREFIX}${module}.lora_B.weight`, dtype, shape: [outF, r], data: b },
  ];
}

const Q = 'model.layers.0.self_attn.q_proj';
const V = 'model.layers.0.self_attn.v_proj';

describe('AL301 zero product', () => {
  for (const dtype of ['F32', 'BF16', 'F16'] as const) {
    it(`finds an untrained orthogonal-init module stored in ${dtype}, and AL302 when all are`, async () => {
      const mixed = await lintScratch((dir) =>
        writeAdapterFolder(join(dir, 'adapter'), {
          tensors: [
            ...orthogonalLora(Q, { dtype, rank: 8 }),
            ...orthogonalLora(V, { dtype, rank: 8, seed: 9, nudge: 0.05 }),
          ],
          config: peftConfig({ r: 8, init_lora_weights: 'orthogonal' }),
        }),
      );
      const found = findingsOf(mixed, 'AL301');
      expect(found.map((f) => f.tensor)).toEqual([`${PEFT_PREFIX}${Q}.lora_B.weight`]);
      expect(found[0]!.message).toContain('product B·A is zero');
      const data = found[0]!.data as { probeEnergy: number; noiseFloor: number };
      expect(data.probeEnergy).toBeLessThanOrEqual(data.noiseFloor);
      expect(data.noiseFloor).toBeGreaterThan(0);
      expect(findingsOf(mixed, 'AL302')).toEqual([]);

      const untrained = await lintScratch((dir) =>
        writeAdapterFolder(join(dir, 'adapter'), {
          tensors: [
            ...orthogonalLora(Q, { dtype, rank: 16 }),
            ...orthogonalLora(V, { dtype, rank: 16, seed: 9 }),
          ],
          config: peftConfig({ r: 16, init_lora_weights: 'orthogonal' }),
        }),
      );
      expect(findingsOf(untrained, 'AL301')).toHaveLength(2);
      expect(findingsOf(untrained, 'AL302')).toHaveLength(1);
    });
  }

  it('finds factors with disjoint support (B uses rank columns that are zero rows of A): exactly zero', async () => {
    const a = new Float32Array(4 * 8);
    const b = new Float32Array(6 * 4);
    for (let j = 0; j < 8; j++) a[2 * 8 + j] = 0.1 * (j + 1); // only row 2 of A
    for (let i = 0; i < 6; i++) b[i * 4 + 0] = 0.3 - 0.1 * i; // only column 0 of B
    const report = await lintScratch((dir) =>
      writeAdapterFolder(join(dir, 'adapter'), {
        tensors: [
          { name: `${PEFT_PREFIX}${Q}.lora_A.weight`, shape: [4, 8], data: a },
          { name: `${PEFT_PREFIX}${Q}.lora_B.weight`, shape: [6, 4], data: b },
        ],
        config: peftConfig({ target_modules: ['q_proj'] }),
      }),
    );
    const data = findingsOf(report, 'AL301')[0]!.data as { probeEnergy: number; noiseFloor: number };
    expect(data.probeEnergy).toBe(0);
    expect(data.noiseFloor).toBe(0);
    expect(findingsOf(report, 'AL302')).toHaveLength(1);
  });

  it('finds an orthogonal-init conv module (A [r, in, k, k], B [out, r, 1, 1])', async () => {
    const [a, b] = orthogonalLora('unet.conv_in', { rank: 4, inF: 3 * 3 * 3, outF: 6 });
    const report = await lintScratch((dir) =>
      writeAdapterFolder(join(dir, 'adapter'), {
        tensors: [
          { ...a!, shape: [4, 3, 3, 3] },
          { ...b!, shape: [6, 4, 1, 1] },
        ],
        config: peftConfig({ r: 4, target_modules: ['conv_in'] }),
      }),
    );
    expect(findingsOf(report, 'AL301').map((f) => f.tensor)).toEqual([
      `${PEFT_PREFIX}unet.conv_in.lora_B.weight`,
    ]);
  });

  it('stays quiet on trained-looking factors of every rank and dtype, rank-1 products included', async () => {
    const tensors: TensorSpec[] = [];
    const modules: string[] = [];
    let seed = 100;
    for (const dtype of ['F32', 'BF16', 'F16'] as const) {
      for (const rank of [1, 2, 8, 64]) {
        for (const [inF, outF] of [
          [3, 2],
          [64, 48],
        ] as const) {
          const module = `model.layers.${modules.length}.mlp.up_proj`;
          modules.push(module);
          tensors.push(
            {
              name: `${PEFT_PREFIX}${module}.lora_A.weight`,
              dtype,
              shape: [rank, inF],
              data: randomValues(rank * inF, seed++, 0.02),
            },
            {
              name: `${PEFT_PREFIX}${module}.lora_B.weight`,
              dtype,
              shape: [outF, rank],
              data: randomValues(outF * rank, seed++, 0.001),
            },
          );
        }
      }
    }
    const report = await lintScratch((dir) =>
      writeAdapterFolder(join(dir, 'adapter'), {
        tensors,
        config: peftConfig({ r: 8, target_modules: ['up_proj'], rank_pattern: {} }),
      }),
    );
    expect(findingsOf(report, 'AL301')).toEqual([]);
    expect(modules).toHaveLength(24);
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
    const report = await lintScratch((dir) =>
      writeAdapterFolder(join(dir, 'adapter'), {
        tensors: [
          ...orthogonalLora(Q, big),
          { ...a!, name: a!.name.replace(V, 'model.layers.0.self_attn.k_proj'), data: lateA },
          { ...b!, name: b!.name.replace(V, 'model.layers.0.self_attn.k_proj'), data: lateB },
          ...orthogonalLora(V, { ...big, seed: 9, nudge: 0.05 }),
        ],
        config: peftConfig({ r: 8, target_modules: ['q_proj', 'k_proj', 'v_proj'] }),
      }),
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
    const report = await lintScratch((dir) =>
      writeAdapterFolder(join(dir, 'adapter'), {
        tensors: [
          { name: `${PEFT_PREFIX}${experts}.lora_A.weight`, shape: [2, 8], data: A },
          { name: `${PEFT_PREFIX}${experts}.lora_B.weight`, shape: [6, 2], data: B },
        ],
        config: peftConfig({ r: 1, target_modules: [], target_parameters: ['experts.gate_up_proj'] }),
      }),
    );
    expect(findingsOf(report, 'AL301')).toEqual([]);
    // The same factors as a plain module are a zero product.
    const plain = await lintScratch((dir) =>
      writeAdapterFolder(join(dir, 'adapter'), {
        tensors: [
          { name: `${PEFT_PREFIX}${Q}.lora_A.weight`, shape: [2, 8], data: A },
          { name: `${PEFT_PREFIX}${Q}.lora_B.weight`, shape: [6, 2], data: B },
        ],
        config: peftConfig({ r: 2, target_modules: ['q_proj'] }),
      }),
    );
    expect(findingsOf(plain, 'AL301')).toHaveLength(1);
  });

  it('gives the same probes on worker threads as inline', async () => {
    const dir = await scratchDir();
    await writeAdapterFolder(join(dir, 'adapter'), {
      tensors: [...orthogonalLora(Q, { dtype: 'BF16' }), ...orthogonalLora(V, { seed: 9, nudge: 0.05 })],
      config: peftConfig({ r: 8 }),
    });
    const inline = await lint({ cwd: dir, paths: [], threads: 0 });
    const pooled = await lint({ cwd: dir, paths: [], threads: 2 });
    expect(findingsOf(pooled, 'AL301')).toEqual(findingsOf(inline, 'AL301'));
    expect(findingsOf(pooled, 'AL301')).toHaveLength(1);
  });

  it('reports a module whose scaling is 0 (lora_alpha 0)', async () => {
    const report = await lintScratch((dir) =>
      writeAdapterFolder(join(dir, 'adapter'), {
        tensors: [...orthogonalLora(Q, { nudge: 0.5 }), ...orthogonalLora(V, { seed: 9, nudge: 0.5 })],
        config: peftConfig({ r: 8, lora_alpha: 16, alpha_pattern: { v_proj: 0 } }),
      }),
    );
    const found = findingsOf(report, 'AL301');
    expect(found.map((f) => f.tensor)).toEqual([`${PEFT_PREFIX}${V}.lora_B.weight`]);
    expect(found[0]!.message).toContain('scaling lora_alpha/r is 0');
    expect(found[0]!.file).toBe('adapter/adapter_config.json');
  });
});
