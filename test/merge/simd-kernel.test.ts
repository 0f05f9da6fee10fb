// The WebAssembly SIMD merge kernel against a plain float64 reference, and proof the tile check uses it.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeKernel, setMergeKernelEnabled } from '../../src/merge/simd/merge-kernel.js';
import { peftConfig } from '../helpers/adapters.js';
import { byModule, randomMatrix, removeDir, runCheck, spec, tempDir, writeFile_ } from './fixtures.js';
import { fromFlat, stored } from './reference.js';

type Dt = 'BF16' | 'F16' | 'F32';
const DTYPES: readonly Dt[] = ['BF16', 'F16', 'F32'];
const SIZE: Record<Dt, number> = { BF16: 2, F16: 2, F32: 4 };

/** Plain decoding of one element's bits. */
function decode(dtype: Dt, bits: number): number {
  if (dtype === 'F32') return new Float32Array(new Uint32Array([bits]).buffer)[0]!;
  if (dtype === 'BF16') return new Float32Array(new Uint32Array([bits << 16]).buffer)[0]!;
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 31;
  const mant = bits & 0x3ff;
  if (exp === 31) return mant ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return exp === 0 ? sign * mant * 2 ** -24 : sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** The tolerance ulp the JS path uses: spacing at |m| (16-bit types), max(|m|·2^-23, 2^-149) for F32. */
function ulpOf(dtype: Dt, m: number): number {
  if (!Number.isFinite(m)) return Number.POSITIVE_INFINITY;
  if (dtype === 'F32') return Math.max(Math.abs(m) * 2 ** -23, 2 ** -149);
  const [mant, minExp] = dtype === 'BF16' ? [7, -126] : [10, -14];
  const e = m === 0 ? minExp : Math.max(minExp, Math.floor(Math.log2(Math.abs(m))));
  return 2 ** (e - mant);
}

const finiteBits: Record<Dt, fc.Arbitrary<number>> = {
  BF16: fc.integer({ min: 0, max: 0xffff }).filter((b) => (b & 0x7f80) !== 0x7f80),
  F16: fc.integer({ min: 0, max: 0xffff }).filter((b) => (b & 0x7c00) !== 0x7c00),
  F32: fc.integer({ min: 0, max: 0xffffffff }).filter((b) => (b & 0x7f800000) !== 0x7f800000),
};

/** Writes rows of bits at an unaligned pointer in a fresh lease; runs `body`; releases. */
function withRows(
  dtype: Dt,
  shift: number,
  arrays: number[][],
  body: (pointers: number[], out: number, free: number) => void,
) {
  const kernel = mergeKernel()!;
  const bytes = arrays.reduce((s, a) => s + a.length * SIZE[dtype] + 64, 0) + 8192;
  const lease = kernel.lease(bytes)!;
  try {
    const view = new DataView(kernel.buffer);
    const pointers: number[] = [];
    let at = lease.offset + 64 * 8 + shift;
    for (const array of arrays) {
      pointers.push(at);
      array.forEach((b, i) => {
        if (SIZE[dtype] === 2) view.setUint16(at + 2 * i, b, true);
        else view.setUint32(at + 4 * i, b, true);
      });
      at += array.length * SIZE[dtype] + 16 + shift;
    }
    body(pointers, lease.offset, Math.ceil(at / 8) * 8);
  } finally {
    kernel.release();
  }
}

describe('merge kernel', () => {
  it('is available (WebAssembly SIMD) in this runtime', () => {
    expect(mergeKernel()).not.toBeNull();
  });

  it('refuses a lease its memory cannot grow to (the caller takes the JS path), and leases again after', () => {
    const kernel = mergeKernel()!;
    expect(kernel.lease(5 * 2 ** 30)).toBeNull(); // past WebAssembly's 4 GiB
    const lease = kernel.lease(1024);
    expect(lease).not.toBeNull();
    kernel.release();
  });

  for (const dtype of DTYPES) {
    describe(dtype, () => {
      it('sums squares of each row like float64 (odd lengths, unaligned rows)', () => {
        fc.assert(
          fc.property(
            fc.integer({ min: 1, max: 41 }),
            fc.integer({ min: 1, max: 3 }),
            fc.integer({ min: 0, max: 3 }),
            fc.array(finiteBits[dtype], { minLength: 123, maxLength: 123 }),
            (cols, rows, shiftUnits, pool) => {
              const bits = Array.from({ length: rows * cols }, (_, i) => pool[(i * 7) % pool.length]!);
              withRows(dtype, shiftUnits * SIZE[dtype], [bits], ([p], out) => {
                mergeKernel()!.squares(dtype, p!, cols, rows, out);
                const results = new Float64Array(mergeKernel()!.buffer, out, rows);
                for (let r = 0; r < rows; r++) {
                  let expected = 0;
                  for (let j = 0; j < cols; j++) expected += decode(dtype, bits[r * cols + j]!) ** 2;
                  // BF16 sums its squares in f32 trees of 8 (relative error <= 3·2^-24).
                  const bound = dtype === 'BF16' ? 2 ** -22 : 1e-7;
                  expect(Math.abs(results[r]! - expected)).toBeLessThanOrEqual(bound * expected);
                }
              });
            },
          ),
        );
      });

      it('computes Σ W², both probe dots of M − W and Σ ulp(M)² like float64', () => {
        fc.assert(
          fc.property(
            fc.integer({ min: 1, max: 37 }),
            fc.integer({ min: 1, max: 3 }),
            fc.integer({ min: 0, max: 1 }),
            fc.array(finiteBits[dtype], { minLength: 111, maxLength: 111 }),
            fc.array(finiteBits[dtype], { minLength: 111, maxLength: 111 }),
            fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
            (cols, rows, shiftUnits, wPool, mPool, signs) => {
              const w = Array.from({ length: rows * cols }, (_, i) => wPool[i % wPool.length]!);
              const m = Array.from({ length: rows * cols }, (_, i) => mPool[(i * 5) % mPool.length]!);
              const x = [0, 1].map((p) =>
                Array.from({ length: cols }, (_, j) => (signs[(j + 40 * p) % 80] ? 1 : -1)),
              );
              withRows(dtype, shiftUnits * SIZE[dtype], [w, m], ([pw, pm], out, xAt) => {
                const kernel = mergeKernel()!;
                kernel.writeProbes(xAt, [Float64Array.from(x[0]!), Float64Array.from(x[1]!)]);
                kernel.probe(dtype, pw!, pm!, xAt, cols, rows, out);
                const results = new Float64Array(kernel.buffer, out, rows * 4);
                for (let r = 0; r < rows; r++) {
                  let sq = 0;
                  let us = 0;
                  let size = 0;
                  const dots = [0, 0];
                  for (let j = 0; j < cols; j++) {
                    const wv = decode(dtype, w[r * cols + j]!);
                    const mv = decode(dtype, m[r * cols + j]!);
                    sq += wv * wv;
                    us += ulpOf(dtype, mv) ** 2;
                    size += Math.abs(mv - wv);
                    for (const p of [0, 1]) dots[p]! += x[p]![j]! * (mv - wv);
                  }
                  expect(Math.abs(results[4 * r]! - sq)).toBeLessThanOrEqual(1e-7 * sq);
                  // BF16's fast path takes M − W and sums of four in f32: each term within 3·2^-24 of its value.
                  const slack = dtype === 'BF16' ? 2 ** -22 * size : 0;
                  expect(Math.abs(results[4 * r + 1]! - dots[0]!)).toBeLessThanOrEqual(
                    slack + 1e-12 * size + Number.MIN_VALUE,
                  );
                  expect(Math.abs(results[4 * r + 2]! - dots[1]!)).toBeLessThanOrEqual(
                    slack + 1e-12 * size + Number.MIN_VALUE,
                  );
                  expect(Math.abs(results[4 * r + 3]! - us)).toBeLessThanOrEqual(
                    (dtype === 'BF16' ? 2 ** -22 : 1e-7) * us,
                  );
                }
              });
            },
          ),
        );
      });

      it('reports +Inf for rows holding NaN or Inf, in the vector body and in the tail', () => {
        const bad =
          dtype === 'F32' ? [0x7f800000, 0x7fc00000] : dtype === 'BF16' ? [0x7f80, 0x7fc0] : [0x7c00, 0x7e00];
        for (const position of [3, 9]) {
          for (const b of bad) {
            const row: number[] = Array.from({ length: 11 }, () =>
              dtype === 'F32' ? 0x3f800000 : dtype === 'BF16' ? 0x3f80 : 0x3c00,
            );
            row[position] = b;
            withRows(dtype, 0, [row, row], ([pw, pm], out, xAt) => {
              const kernel = mergeKernel()!;
              kernel.squares(dtype, pw!, 11, 1, out);
              expect(new Float64Array(kernel.buffer, out, 1)[0]).toBe(Number.POSITIVE_INFINITY);
              kernel.writeProbes(xAt, [new Float64Array(11).fill(1), new Float64Array(11).fill(1)]);
              kernel.probe(dtype, pw!, pm!, xAt, 11, 1, out);
              const results = new Float64Array(kernel.buffer, out, 4);
              expect(results[0]).toBe(Number.POSITIVE_INFINITY);
              expect(results[3]).toBe(Number.POSITIVE_INFINITY);
            });
          }
        }
      });
    });
  }
});

describe('tile checks on the kernel', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    setMergeKernelEnabled(true);
    await removeDir(dir);
  });

  const Q = 'model.layers.0.self_attn.q_proj';
  const config = peftConfig({ r: 4, lora_alpha: 8 });

  it('run every base row through the SIMD kernel, with the same stats as the JS path', async () => {
    const w = fromFlat(stored('BF16', randomMatrix(300, 77, 1, 0.05).flat()), 300, 77);
    await writeFile_(join(dir, 'base.safetensors'), [spec(`${Q}.weight`, w, 'BF16')]);
    await writeFile_(join(dir, 'merged.safetensors'), [
      spec(
        `${Q}.weight`,
        w.map((row) => row.map((v) => v * 1.01)),
        'BF16',
      ),
    ]);
    await writeFile_(join(dir, 'adapter.safetensors'), [
      spec(`base_model.model.${Q}.lora_A.weight`, randomMatrix(4, 77, 2, 0.1)),
      spec(`base_model.model.${Q}.lora_B.weight`, randomMatrix(300, 4, 3, 0.1)),
    ]);
    const kernel = mergeKernel()!;
    const before = kernel.rowsProcessed;
    const simd = byModule(
      (await runCheck(dir, 'adapter.safetensors', config, { merged: 'merged.safetensors' })).stats,
      Q,
    );
    expect(kernel.rowsProcessed - before).toBe(300);
    setMergeKernelEnabled(false);
    const plain = byModule(
      (await runCheck(dir, 'adapter.safetensors', config, { merged: 'merged.safetensors' })).stats,
      Q,
    );
    expect(kernel.rowsProcessed - before).toBe(300);
    expect(simd.mergedVerdict).toBe(plain.mergedVerdict);
    expect(simd.mergedVerdict).toBe('mismatch');
    expect(simd.baseNorm).toBeGreaterThan(0);
    // The kernel sums BF16 squares in f32 (within 3·2^-24 of the sum), the JS path one by one in f64; the
    // norm, a square root, is within half that.
    expect(Math.abs(simd.baseNorm - plain.baseNorm)).toBeLessThanOrEqual(2 ** -23 * plain.baseNorm);
    expect(Math.abs(simd.ratio - plain.ratio)).toBeLessThanOrEqual(2 ** -22 * plain.ratio);
    expect(simd.roundingLoss).toBe(plain.roundingLoss);
  });
});
