// Plain float64 reference for the merge tests: dense matrices, written out without any cleverness.
import { roundToDtype } from '../../src/safetensors/encode.js';
import type { Dtype } from '../../src/safetensors/types.js';

export type Matrix = number[][];

export function fromFlat(values: ArrayLike<number>, rows: number, cols: number): Matrix {
  const m: Matrix = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < cols; j++) row.push(values[i * cols + j]!);
    m.push(row);
  }
  return m;
}

export function matmul(a: Matrix, b: Matrix): Matrix {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((sum, x, k) => sum + x * b[k]![j]!, 0)));
}

export function transpose(a: Matrix): Matrix {
  return a[0]!.map((_, j) => a.map((row) => row[j]!));
}

export function scaled(a: Matrix, s: number): Matrix {
  return a.map((row) => row.map((x) => x * s));
}

/** Row k of `a` times e[k]: AdaLoRA's A⊙E, with E [r, 1] broadcast along the row. */
export function scaleRows(a: Matrix, e: ArrayLike<number>): Matrix {
  return a.map((row, k) => row.map((x) => x * e[k]!));
}

/** AdaLoRA's SVDLinear.get_delta_weight: B·(A⊙E)·scaling / (ranknum + 1e-5), scaling = alpha (r if alpha ≤ 0). */
export function adaloraDelta(a: Matrix, b: Matrix, e: ArrayLike<number>, alpha: number): Matrix {
  const r = a.length;
  const scaling = alpha > 0 ? alpha : r;
  return scaled(matmul(b, scaleRows(a, e)), scaling / (r + 1e-5));
}

export function add(a: Matrix, b: Matrix): Matrix {
  return a.map((row, i) => row.map((x, j) => x + b[i]![j]!));
}

export function frobenius(a: Matrix): number {
  return Math.sqrt(a.reduce((sum, row) => sum + row.reduce((s, x) => s + x * x, 0), 0));
}

export function flat(a: Matrix): number[] {
  return a.flat();
}

/** Values as stored in `dtype`. */
export function stored(dtype: Dtype, values: ArrayLike<number>): number[] {
  return Array.from(values, (x) => roundToDtype(dtype, x));
}

/** Fraction of elements where W + ΔW (f32 add, then cast) equals W. */
export function roundedAwayFraction(dtype: Dtype, w: Matrix, delta: Matrix): number {
  let same = 0;
  let total = 0;
  w.forEach((row, i) => {
    row.forEach((x, j) => {
      const sum = roundToDtype(dtype, Math.fround(x + Math.fround(delta[i]![j]!)));
      if (sum === x) same++;
      total++;
    });
  });
  return same / total;
}

/** DoRA: W′ rows (or columns) = m / ||V|| · V, V = W + ΔW. */
export function doraMerge(
  w: Matrix,
  delta: Matrix,
  magnitude: ArrayLike<number>,
  perColumn: boolean,
): Matrix {
  const v = add(w, delta);
  if (!perColumn) {
    return v.map((row, i) => {
      const norm = Math.sqrt(row.reduce((s, x) => s + x * x, 0));
      return row.map((x) => (magnitude[i]! / norm) * x);
    });
  }
  const norms = v[0]!.map((_, j) => Math.sqrt(v.reduce((s, row) => s + row[j]! ** 2, 0)));
  return v.map((row) => row.map((x, j) => (magnitude[j]! / norms[j]!) * x));
}
