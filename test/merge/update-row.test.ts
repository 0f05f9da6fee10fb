// The SIMD kernel's exact rows of ΔW against the JS updateRow and an in-order float64 reference: same bits.
import { describe, expect, it } from 'vitest';
import { deriveFactors, type Factors, updateRow } from '../../src/merge/factors.js';
import { mergeKernel } from '../../src/merge/simd/merge-kernel.js';
import { TileScan } from '../../src/merge/simd/tile-scan.js';
import { randomValues } from '../helpers/safetensors.js';

function factorsOf(rows: number, cols: number, rank: number, seed: number): Factors {
  const left = Float64Array.from(randomValues(rows * rank, seed, 0.5));
  // Zeros in L: those terms are skipped, not added as ±0.
  for (let o = 0; o < rows; o += 3) left[o * rank + (o % rank)] = 0;
  left.fill(0, 0, rank); // row 0 entirely zero
  const right = Float64Array.from(randomValues(rank * cols, seed + 1, 0.5));
  return deriveFactors(left, right, { rows, cols, rank, scale: 1 });
}

/** s·L·R one element at a time, terms in order of k from 0, zero factors skipped. */
function reference(f: Factors, scale: number, rank: number, cols: number, o: number, j: number): number {
  let sum = 0;
  for (let k = 0; k < rank; k++) {
    const l = scale * f.left[o * rank + k]!;
    if (l !== 0) sum += l * f.right[k * cols + j]!;
  }
  return sum;
}

describe('one exact row of ΔW', () => {
  it.each([
    [64, 16],
    [37, 5], // a tail after the 8-wide blocks
    [7, 3], // tail only
  ])('kernel and JS give the reference bits (cols %i, rank %i)', (cols, rank) => {
    const rows = 9;
    const scale = 1.75;
    const f = factorsOf(rows, cols, rank, cols * 31 + rank);
    const scan = TileScan.open(mergeKernel(), 'BF16', cols, 4, null, f, rank);
    expect(scan).not.toBeNull();
    try {
      const fromKernel = new Float64Array(cols);
      const fromJs = new Float64Array(cols);
      for (let o = 0; o < rows; o++) {
        scan!.updateRow(f, scale, o, fromKernel);
        updateRow(f, scale, rank, o, fromJs);
        for (let j = 0; j < cols; j++) {
          const want = reference(f, scale, rank, cols, o, j);
          expect(Object.is(fromKernel[j], want), `kernel row ${o} col ${j}`).toBe(true);
          expect(Object.is(fromJs[j], want), `JS row ${o} col ${j}`).toBe(true);
        }
      }
      expect(Array.from(fromKernel).some((x) => x !== 0)).toBe(true);
    } finally {
      scan!.close();
    }
  });
});
