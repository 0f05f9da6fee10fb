// The update's two factors in the stored layout (ΔW = scale · L · R), prepared once per module on the
// planning thread with everything the tiles derive from them, and handed to the tasks: on SharedArrayBuffers
// when the tasks run on workers, so no thread copies or reads them again.

import { FileHandles } from './file-handles.js';
import { readSmallTensor } from './row-reader.js';
import { planningKernel } from './simd/merge-kernel.js';
import type { ModuleWork, TensorLocation } from './task-types.js';

export interface Factors {
  /** rows x rank, row-major. */
  readonly left: Float64Array;
  /** rank x cols, row-major. */
  readonly right: Float64Array;
  /** ||R[k, :]||₂ per k. */
  readonly rightRowNorms: Float64Array;
  /** ||R[:, j]||₂ per column j. */
  readonly rightColNorms: Float64Array;
  /** ||L[o, :]||₂ per row o (the same bits as leftRowNorm). */
  readonly leftNorms: Float64Array;
  /** Σ_k |L[o, k]| · ||R[k, :]||₂ per row o. */
  readonly absDotNorms: Float64Array;
  /** ||scale · L · R||_F², from the Gram matrices. */
  readonly updateSumSquares: number;
  readonly magnitude: Float64Array | null;
}

/** Where the arrays of prepared factors live (their contents may be anything: every value is written). */
export type FloatAllocator = (length: number) => Float64Array;
export const localFloats: FloatAllocator = (length) => new Float64Array(length);

/** Reads the factors (on `files`, or on handles of its own) and derives the rest. */
export async function prepareFactors(
  work: ModuleWork,
  alloc: FloatAllocator,
  files?: FileHandles,
): Promise<Factors> {
  const handles = files ?? new FileHandles();
  try {
    const { rows, cols, rank } = work;
    const read = (location: TensorLocation) => readSmallTensor(location, alloc, handles);
    // AdaLoRA: A⊙E, row k of A times E[k], before any transpose.
    const readDown = async () => {
      const down = await read(work.down);
      if (work.singularValues)
        foldSingularValues(down, await readSmallTensor(work.singularValues, localFloats, handles), rank);
      return down;
    };
    let left: Float64Array;
    let right: Float64Array;
    if (!work.transposed) {
      left = await read(work.up); // B: rows x rank
      right = await readDown(); // A: rank x cols
    } else {
      // L = Aᵀ (rows x rank), R = Bᵀ (rank x cols)
      const down = await readDown();
      const up = await read(work.up);
      if (down.length !== rank * rows || up.length !== cols * rank)
        throw sizeError(down.length, up.length, work);
      left = alloc(rows * rank);
      for (let k = 0; k < rank; k++) for (let i = 0; i < rows; i++) left[i * rank + k] = down[k * rows + i]!;
      right = alloc(rank * cols);
      for (let o = 0; o < cols; o++) for (let k = 0; k < rank; k++) right[k * cols + o] = up[o * rank + k]!;
    }
    if (left.length !== rows * rank || right.length !== rank * cols)
      throw sizeError(right.length, left.length, work);
    const magnitude = work.magnitude ? await read(work.magnitude) : null;
    return deriveFactors(left, right, work, magnitude, alloc);
  } finally {
    if (!files) await handles.closeAll();
  }
}

/** A (rank x n, row-major) ← A⊙E: row k times E[k] (AdaLoRA's singular values, lora_E [r, 1]). */
export function foldSingularValues(a: Float64Array, e: Float64Array, rank: number): void {
  if (e.length !== rank || a.length % rank !== 0)
    throw new Error(`lora_E has ${e.length} values for ${rank} rows of lora_A`);
  const n = a.length / rank;
  for (let k = 0; k < rank; k++) {
    const ek = e[k]!;
    for (let i = k * n, end = i + n; i < end; i++) a[i] = a[i]! * ek;
  }
}

/** Factors from L (rows x rank) and R (rank x cols) with everything the tiles derive from them. */
export function deriveFactors(
  left: Float64Array,
  right: Float64Array,
  shape: { readonly rows: number; readonly cols: number; readonly rank: number; readonly scale: number },
  magnitude: Float64Array | null = null,
  alloc: FloatAllocator = localFloats,
): Factors {
  const { rows, cols, rank, scale } = shape;
  const derived = {
    gl: new Float64Array(rank * rank),
    gr: new Float64Array(rank * rank),
    rightRowNorms: alloc(rank),
    rightColNorms: alloc(cols),
    leftNorms: alloc(rows),
    absDotNorms: alloc(rows),
  };
  if (!deriveOnKernel(left, right, rows, cols, rank, derived))
    deriveInJs(left, right, rows, cols, rank, derived);
  let trace = 0;
  for (let i = 0; i < rank * rank; i++) trace += derived.gl[i]! * derived.gr[i]!;
  return {
    left,
    right,
    rightRowNorms: derived.rightRowNorms,
    rightColNorms: derived.rightColNorms,
    leftNorms: derived.leftNorms,
    absDotNorms: derived.absDotNorms,
    updateSumSquares: scale * scale * Math.max(0, trace),
    magnitude,
  };
}

interface Derived {
  /** LᵀL and R Rᵀ (rank x rank). */
  readonly gl: Float64Array;
  readonly gr: Float64Array;
  /** ‖R[k, :]‖₂ = √(R Rᵀ)[k, k]. */
  readonly rightRowNorms: Float64Array;
  readonly rightColNorms: Float64Array;
  readonly leftNorms: Float64Array;
  readonly absDotNorms: Float64Array;
}

/** All of Derived on the planning kernel, the same bits as deriveInJs; false when the kernel is unavailable. */
function deriveOnKernel(
  left: Float64Array,
  right: Float64Array,
  rows: number,
  cols: number,
  rank: number,
  out: Derived,
): boolean {
  const kernel = planningKernel();
  const sizes = [rank * cols, rows * rank, rank * rows, rank * rank, rank * rank, rank, cols, rows, rows];
  const lease = kernel?.lease(sizes.reduce((sum, n) => sum + n * 8, 0));
  if (!kernel || !lease) return false;
  try {
    const at: number[] = [];
    sizes.reduce((offset, n) => {
      at.push(offset);
      return offset + n * 8;
    }, lease.offset);
    const [r, l, lt, gl, gr, rowNorms, colNorms, norms, dots] = at as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const view = (offset: number, n: number) => new Float64Array(kernel.buffer, offset, n);
    view(r, rank * cols).set(right.subarray(0, rank * cols));
    view(l, rows * rank).set(left.subarray(0, rows * rank));
    kernel.transpose(l, rows, rank, lt);
    kernel.gramRows(lt, rank, rows, gl);
    kernel.gramRows(r, rank, cols, gr);
    out.gl.set(view(gl, rank * rank));
    out.gr.set(view(gr, rank * rank));
    for (let k = 0; k < rank; k++) out.rightRowNorms[k] = Math.sqrt(out.gr[k * rank + k]!);
    view(rowNorms, rank).set(out.rightRowNorms);
    kernel.colNorms(r, rank, cols, colNorms);
    kernel.rowBounds(lt, rank, rows, rowNorms, norms, dots);
    out.rightColNorms.set(view(colNorms, cols));
    out.leftNorms.set(view(norms, rows));
    out.absDotNorms.set(view(dots, rows));
    return true;
  } finally {
    kernel.release();
  }
}

function deriveInJs(
  left: Float64Array,
  right: Float64Array,
  rows: number,
  cols: number,
  rank: number,
  out: Derived,
): void {
  out.gl.set(gram(left, rows, rank, false));
  gramOfRows(right, rank, cols, out.gr);
  for (let k = 0; k < rank; k++) out.rightRowNorms[k] = Math.sqrt(out.gr[k * rank + k]!);
  const colNorms = out.rightColNorms.fill(0);
  for (let k = 0; k < rank; k++) {
    for (let j = 0; j < cols; j++) {
      const v = right[k * cols + j]!;
      colNorms[j] += v * v;
    }
  }
  for (let j = 0; j < cols; j++) colNorms[j] = Math.sqrt(colNorms[j]!);
  const bounds = leftRowBounds(left, out.rightRowNorms, rank, rows);
  out.leftNorms.set(bounds.norms);
  out.absDotNorms.set(bounds.absDotNorms);
}

function sizeError(down: number, up: number, work: ModuleWork): Error {
  const { rows, cols, rank } = work;
  return new Error(
    `factor sizes ${down}, ${up} do not fit ${rank}x${work.transposed ? rows : cols}, ${work.transposed ? cols : rows}x${rank}`,
  );
}

let scaledLeft = new Float64Array(64);
let nonZero = new Int32Array(64);

const byColumn = new WeakMap<Float64Array, Float64Array>();

/** R column by column (cols x rank), so one row of ΔW reads R contiguously; made when the JS path first needs it. */
function rightByColumn(factors: Factors, rank: number, cols: number): Float64Array {
  let columns = byColumn.get(factors.right);
  if (!columns) {
    const { right } = factors;
    columns = new Float64Array(rank * cols);
    for (let k = 0; k < rank; k++)
      for (let j = 0; j < cols; j++) columns[j * rank + k] = right[k * cols + j]!;
    byColumn.set(factors.right, columns);
  }
  return columns;
}

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
  const cols = delta.length;
  const columns = rightByColumn(factors, rank, cols);
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
      for (let k = 0; k < rank; k++) sum += l[k]! * columns[at + k]!;
      delta[j] = sum;
    }
    return;
  }
  for (let j = 0, at = 0; j < cols; j++, at += rank) {
    let sum = 0;
    for (let t = 0; t < terms; t++) sum += l[t]! * columns[at + ks[t]!]!;
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

export interface LeftRowBounds {
  /** ||L[o, :]||₂ per row o (the same bits as leftRowNorm). */
  readonly norms: Float64Array;
  /** Σ_k |L[o, k]| · ||R[k, :]||₂ per row o. */
  readonly absDotNorms: Float64Array;
}

export function leftRowBounds(
  left: Float64Array,
  rightRowNorms: Float64Array,
  rank: number,
  rows: number,
  alloc: FloatAllocator = localFloats,
): LeftRowBounds {
  const norms = alloc(rows);
  const absDotNorms = alloc(rows);
  for (let o = 0, at = 0; o < rows; o++, at += rank) {
    let squares = 0;
    let dot = 0;
    for (let k = 0; k < rank; k++) {
      const v = left[at + k]!;
      squares += v * v;
      dot += Math.abs(v) * rightRowNorms[k]!;
    }
    norms[o] = Math.sqrt(squares);
    absDotNorms[o] = dot;
  }
  return { norms, absDotNorms };
}

/**
 * ||scale · L · R||_F² = scale² · trace((LᵀL)(R Rᵀ)) from the two rank x rank Gram matrices, never forming the
 * rows x cols product.
 */
export function gramUpdateSumSquares(
  left: Float64Array,
  right: Float64Array,
  scale: number,
  rank: number,
  rows: number,
  cols: number,
): number {
  const gl = gram(left, rows, rank, false);
  const gr = gram(right, rank, cols, true);
  let trace = 0;
  for (let i = 0; i < rank * rank; i++) trace += gl[i]! * gr[i]!;
  return scale * scale * Math.max(0, trace);
}

/** A reused r x n scratch for the rows of Xᵀ (grown as needed, so no allocation per module). */
let transposed = new Float64Array(0);

/** XᵀX for X (n x r, byRows false) or X Xᵀ for X (r x n, byRows true); r x r, symmetric (JS; deriveOnKernel has the kernel's). */
function gram(x: Float64Array, a: number, b: number, byRows: boolean): Float64Array {
  const r = byRows ? a : b;
  const n = byRows ? b : a;
  const out = new Float64Array(r * r);
  // Row-major r x n: each entry is then a dot product of two contiguous rows.
  let rowsOfX = x;
  if (!byRows) {
    if (transposed.length < r * n) transposed = new Float64Array(r * n);
    rowsOfX = transposed;
    for (let i = 0, at = 0; i < n; i++, at += r) for (let p = 0; p < r; p++) rowsOfX[p * n + i] = x[at + p]!;
  }
  gramOfRows(rowsOfX, r, n, out);
  return out;
}

/**
 * out = X Xᵀ for X (r x n, row-major, possibly longer). Each entry sums the even and the odd columns in two
 * chains in order of i and adds them at the end; four entries of a row at once share the loads of row p.
 */
export function gramOfRows(x: Float64Array, r: number, n: number, out: Float64Array): void {
  const last = n - (n & 1);
  for (let p = 0; p < r; p++) {
    const u = p * n;
    let q = p;
    for (; q + 3 < r; q += 4) {
      const v0 = q * n;
      const v1 = v0 + n;
      const v2 = v1 + n;
      const v3 = v2 + n;
      let e0 = 0;
      let o0 = 0;
      let e1 = 0;
      let o1 = 0;
      let e2 = 0;
      let o2 = 0;
      let e3 = 0;
      let o3 = 0;
      for (let i = 0; i < last; i += 2) {
        const a = x[u + i]!;
        const b = x[u + i + 1]!;
        e0 += a * x[v0 + i]!;
        o0 += b * x[v0 + i + 1]!;
        e1 += a * x[v1 + i]!;
        o1 += b * x[v1 + i + 1]!;
        e2 += a * x[v2 + i]!;
        o2 += b * x[v2 + i + 1]!;
        e3 += a * x[v3 + i]!;
        o3 += b * x[v3 + i + 1]!;
      }
      if (last < n) {
        const a = x[u + last]!;
        e0 += a * x[v0 + last]!;
        e1 += a * x[v1 + last]!;
        e2 += a * x[v2 + last]!;
        e3 += a * x[v3 + last]!;
      }
      out[p * r + q] = out[q * r + p] = e0 + o0;
      out[p * r + q + 1] = out[(q + 1) * r + p] = e1 + o1;
      out[p * r + q + 2] = out[(q + 2) * r + p] = e2 + o2;
      out[p * r + q + 3] = out[(q + 3) * r + p] = e3 + o3;
    }
    for (; q < r; q++) {
      const v = q * n;
      let even = 0;
      let odd = 0;
      for (let i = 0; i < last; i += 2) {
        even += x[u + i]! * x[v + i]!;
        odd += x[u + i + 1]! * x[v + i + 1]!;
      }
      if (last < n) even += x[u + last]! * x[v + last]!;
      out[p * r + q] = out[q * r + p] = even + odd;
    }
  }
}
