// AdaLoRA against base weights: ΔW = B·(A⊙E)·alpha/(r + 1e-5), checked against the dense float64 reference.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roundToDtype } from '../../src/safetensors/encode.js';
import type { Dtype } from '../../src/safetensors/types.js';
import { adaloraConfig } from '../helpers/adapters.js';
import { byModule, randomMatrix, removeDir, runCheck, spec, tempDir, writeFile_ } from './fixtures.js';
import {
  adaloraDelta,
  frobenius,
  fromFlat,
  type Matrix,
  matmul,
  roundedAwayFraction,
  scaled,
  stored,
  transpose,
} from './reference.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

const Q = 'model.layers.0.self_attn.q_proj';
const ATTN = 'transformer.h.0.attn.c_attn'; // GPT-2 Conv1D: stored [in, out]
const P = 'base_model.model.';

/** W + ΔW added in f32, stored in `dtype` (PyTorch's unsafe merge). */
function merge(dtype: Dtype, w: Matrix, delta: Matrix): Matrix {
  return w.map((row, i) =>
    row.map((x, j) => roundToDtype(dtype, Math.fround(x + Math.fround(delta[i]![j]!)))),
  );
}

/** q_proj [out, in] in `dtype`, AdaLoRA lora_A [r, in], lora_B [out, r], lora_E [r, 1] (no `.weight`). */
async function linearFixture(dtype: Dtype, out: number, inF: number, r: number, size: number, zeroE = false) {
  const w = fromFlat(stored(dtype, randomMatrix(out, inF, 31, 0.05).flat()), out, inF);
  const a = randomMatrix(r, inF, 32, size);
  const b = randomMatrix(out, r, 33, size);
  const e = zeroE ? new Array<number>(r).fill(0) : randomMatrix(r, 1, 34, 1).flat();
  await writeFile_(join(dir, 'base.safetensors'), [spec(`${Q}.weight`, w, dtype)]);
  await writeFile_(join(dir, 'adapter.safetensors'), [
    spec(`${P}${Q}.lora_A`, a),
    spec(`${P}${Q}.lora_B`, b),
    spec(`${P}${Q}.lora_E`, e, 'F32', [r, 1]),
  ]);
  return { w, a, b, e };
}

describe('AdaLoRA Linear', () => {
  it('||ΔW||, its scale and the ratio are those of B·(A⊙E)·alpha/(r + 1e-5)', async () => {
    const { w, a, b, e } = await linearFixture('F32', 96, 64, 5, 0.1);
    const { stats } = await runCheck(dir, 'adapter.safetensors', adaloraConfig({ lora_alpha: 6, init_r: 5 }));
    const s = byModule(stats, Q);
    const delta = adaloraDelta(a, b, e, 6);
    expect(s.skipped).toBeUndefined();
    expect(s.baseTensor).toBe(`${Q}.weight`);
    expect(s.scale).toBe(6 / (5 + 1e-5));
    expect(s.orientation).toBe('normal');
    expect(s.updateNorm).toBeCloseTo(frobenius(delta), 10);
    expect(s.ratio).toBeCloseTo(frobenius(delta) / frobenius(w), 10);
    // E changes the answer: without it (or with LoRA's alpha / r) the norm is far from this one.
    expect(Math.abs(frobenius(scaled(matmul(b, a), 6 / 5)) - frobenius(delta))).toBeGreaterThan(1e-3);
  });

  it('alpha <= 0 scales by r / (r + 1e-5)', async () => {
    const { a, b, e } = await linearFixture('F32', 32, 24, 4, 0.1);
    const { stats } = await runCheck(dir, 'adapter.safetensors', adaloraConfig({ lora_alpha: 0, init_r: 4 }));
    const s = byModule(stats, Q);
    expect(s.scale).toBe(4 / (4 + 1e-5));
    expect(s.updateNorm).toBeCloseTo(frobenius(adaloraDelta(a, b, e, 0)), 10);
  });

  it('an untrained module (lora_E = 0) has a zero update against the base', async () => {
    await linearFixture('F32', 32, 24, 4, 0.1, true);
    const { stats } = await runCheck(dir, 'adapter.safetensors', adaloraConfig({ lora_alpha: 8, init_r: 4 }));
    const s = byModule(stats, Q);
    expect(s.updateNorm).toBe(0);
    expect(s.ratio).toBe(0);
  });

  it('exact mode: the rounded-away fraction of a BF16 base is the reference one, row by row with E', async () => {
    const { w, a, b, e } = await linearFixture('BF16', 80, 48, 4, 0.05);
    const { stats } = await runCheck(
      dir,
      'adapter.safetensors',
      adaloraConfig({ lora_alpha: 4, init_r: 4 }),
      {
        exact: true,
      },
    );
    const s = byModule(stats, Q);
    const expected = roundedAwayFraction('BF16', w, adaloraDelta(a, b, e, 4));
    const withoutE = roundedAwayFraction('BF16', w, scaled(matmul(b, a), 4 / (4 + 1e-5)));
    expect(expected).toBeGreaterThan(0.05);
    expect(expected).toBeLessThan(0.95);
    expect(expected).not.toBe(withoutE);
    expect(s.roundingLoss).toBe(expected);
  });

  it('an AdaLoRA module without lora_E is skipped, not merged as plain LoRA', async () => {
    const w = randomMatrix(16, 16, 1, 0.05);
    await writeFile_(join(dir, 'base.safetensors'), [spec(`${Q}.weight`, w)]);
    await writeFile_(join(dir, 'adapter.safetensors'), [
      spec(`${P}${Q}.lora_A`, randomMatrix(4, 16, 2, 0.1)),
      spec(`${P}${Q}.lora_B`, randomMatrix(16, 4, 3, 0.1)),
    ]);
    const { stats } = await runCheck(dir, 'adapter.safetensors', adaloraConfig({ init_r: 4 }));
    expect(byModule(stats, Q).skipped).toBe('AdaLoRA module without lora_E');
  });
});

describe.each([false, true])('AdaLoRA on a GPT-2 Conv1D with fan_in_fan_out (exact: %s)', (exact) => {
  async function conv1dFixture() {
    const w = fromFlat(stored('BF16', randomMatrix(32, 96, 41, 0.05).flat()), 32, 96); // [in, out]
    const a = randomMatrix(6, 32, 42, 0.1);
    const b = randomMatrix(96, 6, 43, 0.1);
    const e = randomMatrix(6, 1, 44, 1).flat();
    await writeFile_(join(dir, 'base.safetensors'), [spec(`${ATTN}.weight`, w, 'BF16')]);
    await writeFile_(join(dir, 'adapter.safetensors'), [
      spec(`${P}${ATTN}.lora_A`, a),
      spec(`${P}${ATTN}.lora_B`, b),
      spec(`${P}${ATTN}.lora_E`, e, 'F32', [6, 1]),
    ]);
    return { w, a, b, e };
  }
  const config = adaloraConfig({
    lora_alpha: 12,
    init_r: 6,
    fan_in_fan_out: true,
    target_modules: ['c_attn'],
  });

  it('ΔW = (B·(A⊙E))ᵀ·s: the update norm matches and a correct merged checkpoint passes', async () => {
    const { w, a, b, e } = await conv1dFixture();
    const delta = transpose(adaloraDelta(a, b, e, 12));
    await writeFile_(join(dir, 'merged.safetensors'), [
      spec(`${ATTN}.weight`, merge('BF16', w, delta), 'BF16'),
    ]);
    const { stats } = await runCheck(dir, 'adapter.safetensors', config, {
      merged: 'merged.safetensors',
      exact,
    });
    const s = byModule(stats, ATTN);
    expect(s.orientation).toBe('transposed');
    expect(s.updateNorm).toBeCloseTo(frobenius(delta), 10);
    expect(s.mergedVerdict, s.mergedDetail).toBe('ok');
  });

  it('a checkpoint merged without E (plain B·A) is a mismatch', async () => {
    const { w, a, b } = await conv1dFixture();
    const withoutE = transpose(scaled(matmul(b, a), 12 / (6 + 1e-5)));
    await writeFile_(join(dir, 'merged.safetensors'), [
      spec(`${ATTN}.weight`, merge('BF16', w, withoutE), 'BF16'),
    ]);
    const { stats } = await runCheck(dir, 'adapter.safetensors', config, {
      merged: 'merged.safetensors',
      exact,
    });
    expect(byModule(stats, ATTN).mergedVerdict).toBe('mismatch');
  });
});
