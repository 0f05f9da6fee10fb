// Verifying a published merged checkpoint: probes + sampled exact rows by default, every element in exact mode.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roundToDtype } from '../../src/safetensors/encode.js';
import { peftConfig } from '../helpers/adapters.js';
import { byModule, randomMatrix, removeDir, runCheck, spec, tempDir, writeFile_ } from './fixtures.js';
import { add, fromFlat, type Matrix, matmul, scaled, stored, transpose } from './reference.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

const Q = 'model.layers.0.self_attn.q_proj';
const PROJ = 'transformer.h.0.attn.c_proj'; // GPT-2 Conv1D, square: orientation only from the config

/** PyTorch's unsafe merge of a bf16 weight: f32 add, then cast. */
function mergeBf16(w: Matrix, delta: Matrix): Matrix {
  return w.map((row, i) =>
    row.map((x, j) => roundToDtype('BF16', Math.fround(x + Math.fround(delta[i]![j]!)))),
  );
}

async function fixture() {
  const w = fromFlat(stored('BF16', randomMatrix(256, 64, 1, 0.05).flat()), 256, 64);
  const a = randomMatrix(8, 64, 2, 0.1);
  const b = randomMatrix(256, 8, 3, 0.1);
  const wp = fromFlat(stored('BF16', randomMatrix(48, 48, 4, 0.05).flat()), 48, 48);
  const ap = randomMatrix(8, 48, 5, 0.1);
  const bp = randomMatrix(48, 8, 6, 0.1);
  await writeFile_(join(dir, 'base.safetensors'), [
    spec(`${Q}.weight`, w, 'BF16'),
    spec(`${PROJ}.weight`, wp, 'BF16'),
  ]);
  await writeFile_(join(dir, 'adapter.safetensors'), [
    spec(`base_model.model.${Q}.lora_A.weight`, a),
    spec(`base_model.model.${Q}.lora_B.weight`, b),
    spec(`base_model.model.${PROJ}.lora_A.weight`, ap),
    spec(`base_model.model.${PROJ}.lora_B.weight`, bp),
  ]);
  const s = 2; // alpha 16 / r 8
  return {
    w,
    wp,
    delta: scaled(matmul(b, a), s),
    deltaProj: scaled(transpose(matmul(bp, ap)), s),
    deltaProjUntransposed: scaled(matmul(bp, ap), s),
  };
}

const config = peftConfig({ r: 8, lora_alpha: 16, fan_in_fan_out: true });

async function writeMerged(q: Matrix, proj: Matrix, dtype: 'BF16' | 'F32' = 'BF16') {
  await writeFile_(join(dir, 'merged.safetensors'), [
    spec(`${Q}.weight`, q, dtype),
    spec(`${PROJ}.weight`, proj, dtype),
  ]);
}

describe.each([false, true])('merged checkpoint (exact: %s)', (exact) => {
  it('a correct merge passes, with errors under an ulp', async () => {
    const f = await fixture();
    await writeMerged(mergeBf16(f.w, f.delta), mergeBf16(f.wp, f.deltaProj));
    const { stats } = await runCheck(dir, 'adapter.safetensors', config, {
      merged: 'merged.safetensors',
      exact,
    });
    for (const name of [Q, PROJ]) {
      const s = byModule(stats, name);
      expect(s.mergedVerdict, `${name}: ${s.mergedDetail}`).toBe('ok');
      expect(s.maxMergedError).toBeGreaterThan(0);
      expect(s.maxMergedError).toBeLessThan(0.002);
    }
  });

  it('safe_merge (update cast to bf16 before the add) and an f32 merged file pass too', async () => {
    const f = await fixture();
    const safe = (w: Matrix, d: Matrix) =>
      mergeBf16(
        w,
        d.map((row) => row.map((x) => roundToDtype('BF16', x))),
      );
    await writeMerged(safe(f.w, f.delta), safe(f.wp, f.deltaProj));
    const bf16 = await runCheck(dir, 'adapter.safetensors', config, { merged: 'merged.safetensors', exact });
    expect(bf16.stats.map((s) => s.mergedVerdict)).toEqual(['ok', 'ok']);
    await writeMerged(add(f.w, f.delta), add(f.wp, f.deltaProj), 'F32');
    const f32 = await runCheck(dir, 'adapter.safetensors', config, { merged: 'merged.safetensors', exact });
    expect(f32.stats.map((s) => s.mergedVerdict)).toEqual(['ok', 'ok']);
  });

  it('merged equal to the base, bit for bit: "not applied"', async () => {
    const f = await fixture();
    await writeMerged(f.w, f.wp);
    const { stats } = await runCheck(dir, 'adapter.safetensors', config, {
      merged: 'merged.safetensors',
      exact,
    });
    expect(stats.map((s) => s.mergedVerdict)).toEqual(['not-applied', 'not-applied']);
  });

  it('a merge with the wrong scale is a mismatch', async () => {
    const f = await fixture();
    await writeMerged(mergeBf16(f.w, scaled(f.delta, 0.5)), mergeBf16(f.wp, f.deltaProj));
    const { stats } = await runCheck(dir, 'adapter.safetensors', config, {
      merged: 'merged.safetensors',
      exact,
    });
    expect(byModule(stats, Q).mergedVerdict).toBe('mismatch');
    expect(byModule(stats, Q).mergedDetail).toMatch(
      exact ? /elements .* differ/ : /rows fail the probe check/,
    );
    expect(byModule(stats, PROJ).mergedVerdict).toBe('ok');
  });

  it('a Conv1D merged without the fan_in_fan_out transpose is a mismatch', async () => {
    const f = await fixture();
    await writeMerged(mergeBf16(f.w, f.delta), mergeBf16(f.wp, f.deltaProjUntransposed));
    const { stats } = await runCheck(dir, 'adapter.safetensors', config, {
      merged: 'merged.safetensors',
      exact,
    });
    expect(byModule(stats, PROJ).orientation).toBe('transposed');
    expect(byModule(stats, PROJ).mergedVerdict).toBe('mismatch');
    expect(byModule(stats, Q).mergedVerdict).toBe('ok');
  });
});

describe('merged checkpoint shapes and values', () => {
  it('a transposed merged tensor is reported with both shapes', async () => {
    const f = await fixture();
    await writeMerged(transpose(mergeBf16(f.w, f.delta)), mergeBf16(f.wp, f.deltaProj));
    const { stats } = await runCheck(dir, 'adapter.safetensors', config, { merged: 'merged.safetensors' });
    expect(byModule(stats, Q).mergedVerdict).toBe('mismatch');
    expect(byModule(stats, Q).mergedDetail).toBe(
      'merged tensor is [64, 256], the transpose of the base [256, 64]',
    );
  });

  it('NaN in the merged file is counted', async () => {
    const f = await fixture();
    const q = mergeBf16(f.w, f.delta);
    q[100]![5] = Number.NaN;
    q[200]![7] = Number.POSITIVE_INFINITY;
    await writeMerged(q, mergeBf16(f.wp, f.deltaProj));
    const { stats } = await runCheck(dir, 'adapter.safetensors', config, { merged: 'merged.safetensors' });
    expect(byModule(stats, Q).mergedNonFinite).toBe(2);
    expect(byModule(stats, Q).mergedVerdict).toBe('mismatch');
    expect(byModule(stats, PROJ).mergedNonFinite).toBe(0);
  });
});

describe('overflow in the base dtype', () => {
  it('counts every element of an f16 merge that becomes ±Inf, also without exact mode', async () => {
    const w = fromFlat(stored('F16', randomMatrix(300, 16, 1, 100).flat()), 300, 16);
    const a = randomMatrix(4, 16, 2, 10);
    const b = randomMatrix(300, 4, 3, 1);
    b[17] = [20, 20, 20, 20].map(Math.fround); // one row with a huge update
    await writeFile_(join(dir, 'base.safetensors'), [spec(`${Q}.weight`, w, 'F16')]);
    await writeFile_(join(dir, 'adapter.safetensors'), [
      spec(`base_model.model.${Q}.lora_A.weight`, a),
      spec(`base_model.model.${Q}.lora_B.weight`, b),
    ]);
    const s = 400; // alpha 1600 / r 4
    const delta = scaled(matmul(b, a), s);
    let expected = 0;
    w.forEach((row, i) => {
      row.forEach((x, j) => {
        if (!Number.isFinite(roundToDtype('F16', Math.fround(x + Math.fround(delta[i]![j]!))))) expected++;
      });
    });
    expect(expected).toBeGreaterThan(0);
    const { stats } = await runCheck(dir, 'adapter.safetensors', peftConfig({ r: 4, lora_alpha: 1600 }));
    expect(stats[0]!.overflowCount).toBe(expected);
    expect(stats[0]!.nanCount).toBe(0);
  });
});
