// The update's two factors in the stored layout (ΔW = scale · L · R), read once per worker and module.
import { readSmallTensor } from './row-reader.js';
import type { ModuleWork } from './task-types.js';

export interface Factors {
  /** rows x rank, row-major. */
  readonly left: Float64Array;
  /** rank x cols, row-major. */
  readonly right: Float64Array;
  /** The same R column by column (cols x rank), so one row of ΔW reads R contiguously. */
  readonly rightByColumn: Float64Array;
  /** ||R[k, :]||₂ per k. */
  readonly rightRowNorms: Float64Array;
  /** ||R[:, j]||₂ per column j. */
  readonly rightColNorms: Float64Array;
  readonly magnitude: Float64Array | null;
}

const cache = new Map<string, Promise<Factors>>();
const CACHE_ENTRIES = 4;

export function loadFactors(work: ModuleWork): Promise<Factors> {
  const key = `${work.key}\0${work.down.path}\0${work.down.start}\0${work.up.start}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = buildFactors(work);
    cache.set(key, entry);
    entry.catch(() => cache.delete(key));
    while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return entry;
}

async function buildFactors(work: ModuleWork): Promise<Factors> {
  const { rows, cols, rank } = work;
  const down = await readSmallTensor(work.down); // A: rank x (rows or cols)
  const up = await readSmallTensor(work.up); // B: (rows or cols) x rank
  let left: Float64Array;
  let right: Float64Array;
  if (!work.transposed) {
    left = up;
    right = down;
  } else {
    // L = Aᵀ (rows x rank), R = Bᵀ (rank x cols)
    left = new Float64Array(rows * rank);
    for (let k = 0; k < rank; k++) for (let i = 0; i < rows; i++) left[i * rank + k] = down[k * rows + i]!;
    right = new Float64Array(rank * cols);
    for (let o = 0; o < cols; o++) for (let k = 0; k < rank; k++) right[k * cols + o] = up[o * rank + k]!;
  }
  if (left.length !== rows * rank || right.length !== rank * cols) {
    throw new Error(
      `factor sizes ${left.length}, ${right.length} do not fit ${rows}x${rank}, ${rank}x${cols}`,
    );
  }
  const rightRowNorms = new Float64Array(rank);
  const rightColNorms = new Float64Array(cols);
  for (let k = 0; k < rank; k++) {
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const v = right[k * cols + j]!;
      sum += v * v;
      rightColNorms[j] += v * v;
    }
    rightRowNorms[k] = Math.sqrt(sum);
  }
  for (let j = 0; j < cols; j++) rightColNorms[j] = Math.sqrt(rightColNorms[j]!);
  const rightByColumn = new Float64Array(rank * cols);
  for (let k = 0; k < rank; k++)
    for (let j = 0; j < cols; j++) rightByColumn[j * rank + k] = right[k * cols + j]!;
  const magnitude = work.magnitude ? await readSmallTensor(work.magnitude) : null;
  return { left, right, rightByColumn, rightRowNorms, rightColNorms, magnitude };
}

let scaledLeft = new Float64Array(64);
let nonZero = new Int32Array(64);

/**
 * The terms of one row of ΔW: l[t] = scale · L[row, ks[t]] for the k (ascending) where it is not 0. Returns
 * how many; `l` and `ks` hold at least `rank` values.
 */
export function updateTerms(
  factors: Factors,
  scale: number,
  rank: number,
  row: number,
  l: Float64Array,
  ks: Int32Array,
): number {
  const { left } = factors;
  let terms = 0;
  for (let k = 0; k < rank; k++) {
    const v = scale * left[row * rank + k]!;
    if (v === 0) continue;
    l[terms] = v;
    ks[terms++] = k;
  }
  return terms;
}

/**
 * delta[j] = scale · Σ_k L[row, k] · R[k, j] for one stored row. Terms are added in order of k, starting
 * from 0 and skipping k where L[row, k] = 0, so every path (this, the SIMD kernel) gets the same bits.
 */
export function updateRow(
  factors: Factors,
  scale: number,
  rank: number,
  row: number,
  delta: Float64Array,
): void {
  const { rightByColumn } = factors;
  const cols = delta.length;
  if (scaledLeft.length < rank) {
    scaledLeft = new Float64Array(rank);
    nonZero = new Int32Array(rank);
  }
  const l = scaledLeft;
  const ks = nonZero;
  const terms = updateTerms(factors, scale, rank, row, l, ks);
  if (terms === rank) {
    for (let j = 0, at = 0; j < cols; j++, at += rank) {
      let sum = 0;
      for (let k = 0; k < rank; k++) sum += l[k]! * rightByColumn[at + k]!;
      delta[j] = sum;
    }
    return;
  }
  for (let j = 0, at = 0; j < cols; j++, at += rank) {
    let sum = 0;
    for (let t = 0; t < terms; t++) sum += l[t]! * rightByColumn[at + ks[t]!]!;
    delta[j] = sum;
  }
}

/** ||L[row, :]||₂ */
export function leftRowNorm(factors: Factors, rank: number, row: number): number {
  let sum = 0;
  for (let k = 0; k < rank; k++) {
    const v = factors.left[row * rank + k]!;
    sum += v * v;
  }
  return Math.sqrt(sum);
}

/**
 * ||scale · L · R||_F² = scale² · trace((LᵀL)(R Rᵀ)) from the two rank x rank Gram matrices, never forming the
 * rows x cols product.
 */
export function gramUpdateSumSquares(
  factors: Factors,
  scale: number,
  rank: number,
  rows: number,
  cols: number,
): number {
  const gl = gram(factors.left, rows, rank, false);
  const gr = gram(factors.right, rank, cols, true);
  let trace = 0;
  for (let i = 0; i < rank * rank; i++) trace += gl[i]! * gr[i]!;
  return scale * scale * Math.max(0, trace);
}

/** XᵀX for X (n x r, byRows false) or X Xᵀ for X (r x n, byRows true); r x r, symmetric. */
function gram(x: Float64Array, a: number, b: number, byRows: boolean): Float64Array {
  const r = byRows ? a : b;
  const n = byRows ? b : a;
  // Row-major r x n: each entry is then a dot product of two contiguous rows.
  let rowsOfX = x;
  if (!byRows) {
    rowsOfX = new Float64Array(r * n);
    for (let i = 0; i < n; i++) for (let p = 0; p < r; p++) rowsOfX[p * n + i] = x[i * r + p]!;
  }
  const out = new Float64Array(r * r);
  for (let p = 0; p < r; p++)
    for (let q = p; q < r; q++) {
      let even = 0;
      let odd = 0;
      const u = p * n;
      const v = q * n;
      let i = 0;
      for (; i + 1 < n; i += 2) {
        even += rowsOfX[u + i]! * rowsOfX[v + i]!;
        odd += rowsOfX[u + i + 1]! * rowsOfX[v + i + 1]!;
      }
      if (i < n) even += rowsOfX[u + i]! * rowsOfX[v + i]!;
      out[p * r + q] = even + odd;
      out[q * r + p] = even + odd;
    }
  return out;
}
