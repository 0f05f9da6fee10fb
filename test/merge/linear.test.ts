import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dtype } from '../../src/safetensors/types.js';
import { peftConfig } from '../helpers/adapters.js';
import { byModule, randomMatrix, removeDir, runCheck, spec, tempDir, writeFile_ } from './fixtures.js';
import { frobenius, fromFlat, matmul, roundedAwayFraction, scaled, stored } from './reference.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

const Q = 'model.layers.0.self_attn.q_proj';
const V = 'model.layers.0.self_attn.v_proj';

/** Base q_proj [out, in] in `dtype` plus an adapter with lora_A [r, in], lora_B [out, r]. */
async function linearFixture(dtype: Dtype, out: number, inF: number, r: number, updateScale: number) {
  const w = fromFlat(stored(dtype, randomMatrix(out, inF, 11, 0.05).flat()), out, inF);
  const a = randomMatrix(r, inF, 12, updateScale);
  const b = randomMatrix(out, r, 13, updateScale);
  await writeFile_(join(dir, 'base.safetensors'), [spec(`${Q}.weight`, w, dtype)]);
  await writeFile_(join(dir, 'adapter.safetensors'), [
    spec(`base_model.model.${Q}.lora_A.weight`, a),
    spec(`base_model.model.${Q}.lora_B.weight`, b),
  ]);
  return { w, a, b };
}

describe('linear modules against an f32 base', () => {
  it('computes ||s·B·A||, ||W|| and their ratio as the dense float64 reference does', async () => {
    const { w, a, b } = await linearFixture('F32', 96, 64, 4, 0.1);
    const { stats } = await runCheck(dir, 'adapter.safetensors', peftConfig({ r: 4, lora_alpha: 8 }));
    const s = byModule(stats, Q);
    const delta = scaled(matmul(b, a), 2);
    expect(s.baseTensor).toBe(`${Q}.weight`);
    expect(s.scale).toBe(2);
    expect(s.orientation).toBe('normal');
    expect(s.updateNorm).toBeCloseTo(frobenius(delta), 10);
    expect(s.baseNorm).toBeCloseTo(frobenius(w), 10);
    expect(s.ratio).toBeCloseTo(frobenius(delta) / frobenius(w), 10);
    expect(s.error).toBeUndefined();
    expect(s.overflowCount).toBe(0);
  });

  it('exact mode counts rounded-away elements exactly', async () => {
    const { w, a, b } = await linearFixture('F32', 40, 32, 4, 1e-4);
    const { stats } = await runCheck(dir, 'adapter.safetensors', peftConfig({ r: 4, lora_alpha: 4 }), {
      exact: true,
    });
    const s = byModule(stats, Q);
    const expected = roundedAwayFraction('F32', w, matmul(b, a));
    expect(expected).toBeGreaterThan(0);
    expect(s.roundingLoss).toBe(expected);
    expect(s.roundingLossInterval).toEqual([expected, expected]);
    expect(s.roundingRows).toBe(40);
  });
});

describe.each(['BF16', 'F16'] as const)('a %s base', (dtype) => {
  // f16 keeps 3 more mantissa bits: a smaller update rounds away about as often.
  const size = dtype === 'BF16' ? 0.02 : 0.005;
  it('exact mode: the rounded-away fraction equals the reference', async () => {
    const { w, a, b } = await linearFixture(dtype, 80, 48, 4, size);
    const { stats } = await runCheck(dir, 'adapter.safetensors', peftConfig({ r: 4, lora_alpha: 8 }), {
      exact: true,
    });
    const s = byModule(stats, Q);
    const expected = roundedAwayFraction(dtype, w, scaled(matmul(b, a), 2));
    expect(expected).toBeGreaterThan(0.05);
    expect(expected).toBeLessThan(0.95);
    expect(s.roundingLoss).toBe(expected);
    expect(s.baseDtype).toBe(dtype);
    expect(s.baseNorm).toBeCloseTo(frobenius(w), 10);
  });

  it('default mode samples 64 rows and its 95% interval holds the exact fraction', async () => {
    const { w, a, b } = await linearFixture(dtype, 512, 48, 4, size);
    const { stats } = await runCheck(dir, 'adapter.safetensors', peftConfig({ r: 4, lora_alpha: 8 }));
    const s = byModule(stats, Q);
    const expected = roundedAwayFraction(dtype, w, scaled(matmul(b, a), 2));
    expect(s.roundingRows).toBe(64);
    expect(s.exact).toBe(false);
    const [lo, hi] = s.roundingLossInterval!;
    expect(lo).toBeLessThanOrEqual(expected);
    expect(hi).toBeGreaterThanOrEqual(expected);
    expect(hi - lo).toBeLessThan(0.2);
    expect(Math.abs(s.roundingLoss! - expected)).toBeLessThan(0.1);
    // ||ΔW|| is exact in every mode (Gram matrices); ||W|| within 2^-23 (the kernel sums BF16 squares in f32).
    expect(s.updateNorm).toBeCloseTo(frobenius(scaled(matmul(b, a), 2)), 10);
    expect(Math.abs(s.baseNorm! - frobenius(w))).toBeLessThanOrEqual(2 ** -23 * frobenius(w));
  });

  it.each([
    [64, 64],
    [100, 40],
    [200, 32],
  ])(
    'above rank 64 the sample shrinks as the cost of a row grows: rank %i samples %i rows',
    async (r, rows) => {
      const { w, a, b } = await linearFixture(dtype, 512, 48, r, size / 4);
      const { stats } = await runCheck(dir, 'adapter.safetensors', peftConfig({ r, lora_alpha: 2 * r }));
      const s = byModule(stats, Q);
      const expected = roundedAwayFraction(dtype, w, scaled(matmul(b, a), 2));
      expect(expected).toBeGreaterThan(0.05);
      expect(expected).toBeLessThan(0.95);
      expect(s.roundingRows).toBe(rows);
      // An estimate from that many rows (its interval's coverage is the 64-row test's subject).
      expect(Math.abs(s.roundingLoss! - expected)).toBeLessThan(0.05);
      const [lo, hi] = s.roundingLossInterval!;
      expect(lo).toBeLessThan(s.roundingLoss!);
      expect(hi).toBeGreaterThan(s.roundingLoss!);
    },
  );
});

describe('scaling', () => {
  it('rsLoRA uses alpha / sqrt(r)', async () => {
    const { a, b } = await linearFixture('F32', 32, 32, 16, 0.1);
    const config = peftConfig({ r: 16, lora_alpha: 8, use_rslora: true });
    const { stats } = await runCheck(dir, 'adapter.safetensors', config);
    const s = byModule(stats, Q);
    expect(s.scale).toBe(2);
    expect(s.updateNorm).toBeCloseTo(frobenius(scaled(matmul(b, a), 8 / Math.sqrt(16))), 10);
  });

  it('rank_pattern and alpha_pattern give each module its own scale', async () => {
    const w = randomMatrix(24, 24, 1, 0.05);
    const aq = randomMatrix(2, 24, 2, 0.1);
    const bq = randomMatrix(24, 2, 3, 0.1);
    const av = randomMatrix(4, 24, 4, 0.1);
    const bv = randomMatrix(24, 4, 5, 0.1);
    await writeFile_(join(dir, 'base.safetensors'), [spec(`${Q}.weight`, w), spec(`${V}.weight`, w)]);
    await writeFile_(join(dir, 'adapter.safetensors'), [
      spec(`base_model.model.${Q}.lora_A.weight`, aq),
      spec(`base_model.model.${Q}.lora_B.weight`, bq),
      spec(`base_model.model.${V}.lora_A.weight`, av),
      spec(`base_model.model.${V}.lora_B.weight`, bv),
    ]);
    const config = peftConfig({
      r: 4,
      lora_alpha: 8,
      rank_pattern: { q_proj: 2 },
      alpha_pattern: { v_proj: 2 },
    });
    const { stats } = await runCheck(dir, 'adapter.safetensors', config);
    expect(byModule(stats, Q).scale).toBe(4); // 8 / 2
    expect(byModule(stats, V).scale).toBe(0.5); // 2 / 4
    expect(byModule(stats, Q).updateNorm).toBeCloseTo(frobenius(scaled(matmul(bq, aq), 4)), 10);
    expect(byModule(stats, V).updateNorm).toBeCloseTo(frobenius(scaled(matmul(bv, av), 0.5)), 10);
  });
});
