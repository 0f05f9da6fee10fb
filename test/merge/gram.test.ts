// ||s·L·R||_F² from the two Gram matrices, and the per-row bounds of L, against plain float64 references.
import { afterEach, describe, expect, it } from 'vitest';
import {
  deriveFactors,
  type Factors,
  gramOfRows,
  gramUpdateSumSquares,
  leftRowNorm,
} from '../../src/merge/factors.js';
import { planningKernel, setMergeKernelEnabled } from '../../src/merge/simd/merge-kernel.js';
import { randomValues } from '../helpers/safetensors.js';
import { fromFlat, matmul, scaled } from './reference.js';

function factorsOf(rows: number, cols: number, rank: number, seed: number): Factors {
  const left = Float64Array.from(randomValues(rows * rank, seed, 0.5));
  const right = Float64Array.from(randomValues(rank * cols, seed + 1, 0.5));
  return deriveFactors(left, right, { rows, cols, rank, scale: 0.75 });
}

describe('the Gram matrices of the update', () => {
  it.each([
    [40, 33, 16], // blocks of four entries only
    [17, 9, 7], // a tail after the blocks, odd lengths
    [6, 5, 3], // no whole block
    [1, 1, 1],
  ])('||s·L·R||_F² equals the dense float64 product (%i x %i, rank %i)', (rows, cols, rank) => {
    const f = factorsOf(rows, cols, rank, rows + cols);
    const dense = scaled(matmul(fromFlat(f.left, rows, rank), fromFlat(f.right, rank, cols)), 0.75);
    let expected = 0;
    for (const row of dense) for (const x of row) expected += x * x;
    const actual = gramUpdateSumSquares(f.left, f.right, 0.75, rank, rows, cols);
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * expected);
    expect(f.updateSumSquares).toBe(actual);
  });

  it.each([
    [1, 9],
    [5, 8],
    [6, 7],
    [9, 1],
  ])('X Xᵀ (%i x %i): each entry the even and odd chains in order, then their sum', (r, n) => {
    const x = Float64Array.from(randomValues(r * n, r * 31 + n, 1));
    const out = new Float64Array(r * r).fill(Number.NaN);
    gramOfRows(x, r, n, out);
    for (let p = 0; p < r; p++)
      for (let q = 0; q < r; q++) {
        let even = 0;
        let odd = 0;
        for (let i = 0; i < n; i++) {
          if (i % 2 === 0) even += x[p * n + i]! * x[q * n + i]!;
          else odd += x[p * n + i]! * x[q * n + i]!;
        }
        expect(out[p * r + q]).toBe(even + odd);
      }
  });
});

describe('per-row bounds of L', () => {
  it('equal ||L[o, :]||₂ and Σ_k |L[o, k]|·||R[k, :]||₂ row by row, and the row norms of R', () => {
    const rows = 13;
    const rank = 5;
    const f = factorsOf(rows, 7, rank, 4);
    for (let o = 0; o < rows; o++) {
      expect(f.leftNorms[o]).toBe(leftRowNorm(f, rank, o));
      let dot = 0;
      for (let k = 0; k < rank; k++) {
        let rowSquares = 0;
        for (let j = 0; j < 7; j++) rowSquares += f.right[k * 7 + j]! ** 2;
        expect(f.rightRowNorms[k]).toBeCloseTo(Math.sqrt(rowSquares), 14);
      }
      for (let k = 0; k < rank; k++) dot += Math.abs(f.left[o * rank + k]!) * f.rightRowNorms[k]!;
      expect(f.absDotNorms[o]).toBeCloseTo(dot, 14);
    }
  });
});

describe('the Gram matrices on the SIMD kernel', () => {
  afterEach(() => setMergeKernelEnabled(true));

  it.each([
    [1, 9],
    [5, 8],
    [6, 7],
    [9, 1],
    [16, 33],
  ])('X Xᵀ (%i x %i) has the bits of gramOfRows', (r, n) => {
    const x = Float64Array.from(randomValues(r * n, r * 17 + n, 1));
    const expected = new Float64Array(r * r);
    gramOfRows(x, r, n, expected);
    const kernel = planningKernel()!;
    const lease = kernel.lease(r * n * 8 + r * r * 8)!;
    try {
      new Float64Array(kernel.buffer, lease.offset, r * n).set(x);
      kernel.gramRows(lease.offset, r, n, lease.offset + r * n * 8);
      const actual = new Float64Array(kernel.buffer, lease.offset + r * n * 8, r * r);
      for (let i = 0; i < r * r; i++) expect(Object.is(actual[i], expected[i]), `entry ${i}`).toBe(true);
    } finally {
      kernel.release();
    }
  });

  it.each([
    [40, 33, 16],
    [17, 9, 7],
    [1, 1, 1],
  ])(
    '||s·L·R||_F², the norms and the row bounds are the same bits with and without it (%i x %i, rank %i)',
    (rows, cols, rank) => {
      const withKernel = factorsOf(rows, cols, rank, 3);
      setMergeKernelEnabled(false);
      const withoutKernel = factorsOf(rows, cols, rank, 3);
      expect(withKernel.updateSumSquares).toBe(withoutKernel.updateSumSquares);
      expect(withKernel.updateSumSquares).toBeGreaterThan(0);
      for (const key of ['absDotNorms', 'leftNorms', 'rightColNorms', 'rightRowNorms'] as const) {
        expect(Array.from(withKernel[key]), key).toEqual(Array.from(withoutKernel[key]));
        expect(withKernel[key].some((x) => x > 0)).toBe(true);
      }
    },
  );
});
