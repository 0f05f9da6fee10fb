// One tile of rows of one module: ||W||² by streaming, the update row by row where it must be exact
// (sampled rows, or every row in exact mode), and the merged checkpoint by Freivalds probes.
import { type Factors, updateRow } from './factors.js';
import {
  coarser,
  maxFinite,
  type RoundingRow,
  roundingRowBf16,
  storedSum,
  storedSumRow,
  tablesFor,
  unitRoundoff,
  type WeightDtype,
} from './float-formats.js';
import { probeVectors } from './random.js';
import { decodeRow } from './row-decode.js';
import { type RowChunk, RowReader } from './row-reader.js';
import { mergeKernel } from './simd/merge-kernel.js';
import { TileScan } from './simd/tile-scan.js';
import type { MergedCounts, ModuleWork, TileResult, TileTask } from './task-types.js';

/** Probe tolerance in standard deviations of the worst-case rounding (Hoeffding: P(false alarm) < 2e^-K²/2). */
const PROBE_SIGMAS = 8;

const MANTISSA: Record<WeightDtype, number> = { F16: 10, BF16: 7, F32: 23, F64: 52 };
const TINY: Record<WeightDtype, number> = { F16: 2 ** -24, BF16: 2 ** -133, F32: 2 ** -149, F64: 2 ** -1074 };

/** A bound on one ulp of x in `dtype` (at most 2x the true ulp), used as the per-element tolerance. */
export function ulpBound(dtype: WeightDtype, x: number): number {
  return Math.max(Math.abs(x) * 2 ** -MANTISSA[dtype], TINY[dtype]);
}

/**
 * Relative error allowed in the update itself: the cast of ΔW to the weight dtype (safe_merge), and the
 * matmul rounding in the adapter dtype (TF32 for cuDNN convolutions).
 */
export function updateTolerance(work: ModuleWork, weightDtype: WeightDtype): number {
  let adapter = unitRoundoff(work.down.dtype as WeightDtype);
  if (work.conv) adapter = Math.max(adapter, 2 ** -11);
  // AdaLoRA rounds three more times: A⊙E, ranknum + 1e-5 (f32), and the division by it.
  const extra = work.singularValues ? 3 : 0;
  return unitRoundoff(weightDtype) + (work.rank + 1 + extra) * adapter;
}

class MergedTally {
  bitIdentical = true;
  probeRows = 0;
  probeFailRows = 0;
  worstProbe = 0;
  exactRows = 0;
  exactElements = 0;
  mismatchElements = 0;
  maxError = 0;
  firstMismatch: [number, number] | null = null;
  nonFinite = 0;

  result(): MergedCounts {
    return { ...this };
  }
}

export async function runTile(task: TileTask): Promise<TileResult> {
  const { work, factors } = task;
  const { cols, rank, scale } = work;
  const baseDtype = work.base.dtype;
  const mergedDtype = work.merged?.dtype;
  const tolDtype = mergedDtype ? coarser(baseDtype, mergedDtype) : baseDtype;
  const gamma = updateTolerance(work, tolDtype);

  const allExact = task.exactRows === 'all';
  const probes = work.merged && !allExact ? probeVectors(task.probes, cols, task.seed) : [];
  const rowsPerChunk = Math.min(
    RowReader.rowsPerChunk(work.base, cols, task.chunkBytes),
    work.merged ? RowReader.rowsPerChunk(work.merged, cols, task.chunkBytes) : Number.POSITIVE_INFINITY,
  );
  // In exact mode every row is decoded anyway; otherwise the kernel does the per-row sums when it can
  // (probes fused in when the merged rows share the base's dtype).
  const probing = probes.length > 0 && mergedDtype === baseDtype;
  // The sampled rows' ΔW up front (BF16 bases, whose exact rows the kernel takes).
  const prepared = !allExact && baseDtype === 'BF16' ? (task.exactRows as readonly number[]) : [];
  const simd = allExact
    ? null
    : TileScan.open(
        mergeKernel(),
        baseDtype,
        cols,
        rowsPerChunk,
        probing ? probes : null,
        factors,
        rank,
        prepared.length,
      );
  const fusedProbes = simd !== null && simd.stride === 4;
  let base: RowReader;
  let merged: RowReader | null = null;
  try {
    simd?.prepareRows(factors, scale, prepared);
    base = RowReader.open(work.base, cols, task.chunkBytes, simd?.baseBuffer);
  } catch (error) {
    simd?.close();
    throw error;
  }
  let scratch: RowScratch | null = null;
  try {
    if (work.merged) {
      merged = RowReader.open(work.merged, cols, task.chunkBytes, simd?.mergedBuffer ?? undefined);
    }
    const exactList = allExact ? [] : (task.exactRows as readonly number[]);
    let nextExact = 0;
    const projected = probes.map((x) => project(factors, x, rank, cols));
    const limit = maxFinite(baseDtype);
    let maxColNorm = 0;
    for (const v of factors.rightColNorms) maxColNorm = Math.max(maxColNorm, v);
    const { leftNorms, absDotNorms } = factors;
    const overflowSlack = Math.abs(scale) * maxColNorm;
    const halfLimit = limit / 2;

    scratch = takeRowScratch(cols);
    const [wRow, mRowScratch, delta, storedRow] = scratch.rows;
    const mRow = merged ? mRowScratch! : null;
    const roundingRow: RoundingRow = { squares: 0, away: 0, inf: 0, nan: 0, firstNonFinite: -1 };
    const probeSums = new Float64Array(probes.length);
    const tally = merged ? new MergedTally() : null;
    const rounding = { rows: 0, elements: 0, roundedAway: 0, rowFractions: [] as number[] };
    const overflow = { inf: 0, nan: 0, first: null as [number, number] | null };
    let baseSumSquares = 0;

    for (let first = task.rowStart; first < task.rowEnd; first += rowsPerChunk) {
      const count = Math.min(rowsPerChunk, task.rowEnd - first);
      const wChunk = base.read(first, count);
      const mChunk = merged ? merged.read(first, count) : null;
      // Compared only until the first chunk that differs (one full extra pass over both chunks otherwise).
      if (
        tally?.bitIdentical &&
        mChunk &&
        (mergedDtype !== baseDtype || !wChunk.bytes.equals(mChunk.bytes))
      ) {
        tally.bitIdentical = false;
      }
      simd?.scan(count);
      const kernelRows = simd?.results;
      const stride = simd?.stride ?? 0;
      if (kernelRows && stride === 1 && !mChunk) {
        // Squares only: sum the kernel's row sums, stopping only at sampled rows and rows that might overflow.
        const end = first + count;
        let o = first;
        while (o < end) {
          const sampledRow = nextExact < exactList.length ? exactList[nextExact]! : end;
          const stop = Math.min(sampledRow, end);
          for (; o < stop; o++) {
            const rowSquares = kernelRows[o - first]!;
            if (Math.sqrt(rowSquares) + overflowSlack * leftNorms[o]! < halfLimit)
              baseSumSquares += rowSquares;
            else baseSumSquares += exactPath(o, false, wChunk, null);
          }
          if (o < end) {
            nextExact++;
            baseSumSquares += exactPath(o, true, wChunk, null);
            o++;
          }
        }
        continue;
      }
      for (let o = first; o < first + count; o++) {
        let sampled = allExact;
        if (!sampled && nextExact < exactList.length && exactList[nextExact] === o) {
          sampled = true;
          nextExact++;
        }
        let exact = sampled;
        const at = (o - first) * stride;
        const rowSquares = kernelRows ? kernelRows[at]! : sumSquares(baseDtype, wChunk, o, cols);
        // |W + ΔW| ≤ ||W_o||₂ + s·||L_o||·max_j ||R_:,j||: a row that cannot overflow needs no exact pass.
        if (!exact && !(Math.sqrt(rowSquares) + overflowSlack * leftNorms[o]! < halfLimit)) {
          exact = true;
        }
        let probeFailed = false;
        let probeRatio = 0;
        if (!exact && mChunk && tally) {
          let ulpSquares: number;
          if (fusedProbes) {
            probeSums[0] = kernelRows![at + 1]!;
            probeSums[1] = kernelRows![at + 2]!;
            ulpSquares = kernelRows![at + 3]!;
          } else {
            ulpSquares = probeRow(
              wChunk,
              mChunk,
              baseDtype,
              mergedDtype!,
              tolDtype,
              o,
              cols,
              probes,
              probeSums,
            );
          }
          if (!Number.isFinite(ulpSquares)) {
            exact = true; // non-finite merged values: count them element by element
          } else {
            const tolerance =
              PROBE_SIGMAS * (Math.sqrt(ulpSquares) + gamma * Math.abs(scale) * absDotNorms[o]!);
            for (let p = 0; p < probes.length; p++) {
              let predicted = 0;
              for (let k = 0; k < rank; k++) predicted += factors.left[o * rank + k]! * projected[p]![k]!;
              const residual = Math.abs(probeSums[p]! - scale * predicted);
              const ratio =
                tolerance > 0 ? residual / tolerance : residual > 0 ? Number.POSITIVE_INFINITY : 0;
              if (!(ratio <= 1)) probeFailed = true;
              probeRatio = Math.max(probeRatio, Number.isNaN(ratio) ? Number.POSITIVE_INFINITY : ratio);
            }
          }
        }
        if (exact) {
          baseSumSquares += exactPath(o, sampled, wChunk, mChunk);
        } else {
          baseSumSquares += rowSquares;
          if (tally) {
            tally.probeRows++;
            if (probeFailed) tally.probeFailRows++;
            tally.worstProbe = Math.max(tally.worstProbe, probeRatio);
          }
        }
      }
    }

    const updateSumSquares = task.gram ? factors.updateSumSquares : null;
    return {
      rowStart: task.rowStart,
      rowEnd: task.rowEnd,
      baseSumSquares,
      updateSumSquares,
      rounding,
      overflow,
      merged: tally ? tally.result() : null,
    };

    /** Decodes row o and checks it exactly; returns the row's finite sum of squares. */
    function exactPath(o: number, sampled: boolean, wChunk: RowChunk, mChunk: RowChunk | null): number {
      if (baseDtype === 'BF16') {
        // The kernel takes the row when the merged row (if any) is BF16 in its memory too.
        if (simd && (!mChunk || fusedProbes)) {
          const wAt = wChunk.bytes.byteOffset + (o - wChunk.firstRow) * cols * 2;
          const row = simd.roundRowBf16(factors, scale, o, wAt);
          if (row && (!mChunk || compareInKernel(o, wAt, mChunk))) {
            if (sampled) countRounding(row.away);
            return row.squares;
          }
          simd.copyDelta(delta);
        } else if (simd) simd.updateRow(factors, scale, o, delta);
        else updateRow(factors, scale, rank, o, delta);
        // One pass: decode, round W + ΔW back to BF16, count (the same bits as decodeRow + exactRow).
        roundingRowBf16(wChunk.u16, (o - wChunk.firstRow) * cols, cols, delta, wRow, roundingRow);
        if (roundingRow.firstNonFinite >= 0) {
          overflow.inf += roundingRow.inf;
          overflow.nan += roundingRow.nan;
          overflow.first ??= [o, roundingRow.firstNonFinite];
        }
        if (mChunk && mRow && tally) {
          decodeRow(mergedDtype!, mChunk, o, cols, mRow);
          compareRow(o, wRow, mRow, delta);
        }
        if (sampled) countRounding(roundingRow.away);
        return roundingRow.squares;
      }
      decodeRow(baseDtype, wChunk, o, cols, wRow);
      if (mChunk && mRow) decodeRow(mergedDtype!, mChunk, o, cols, mRow);
      return exactRow(o, sampled, wRow, mRow, delta);
    }

    /** Returns the row's finite sum of squares. */
    function exactRow(
      o: number,
      sampled: boolean,
      w: Float64Array,
      m: Float64Array | null,
      d: Float64Array,
    ): number {
      if (simd) simd.updateRow(factors, scale, o, d);
      else updateRow(factors, scale, rank, o, d);
      storedSumRow(baseDtype, w, d, storedRow);
      let squares = 0;
      let away = 0;
      for (let j = 0; j < cols; j++) {
        const wj = w[j]!;
        const stored = storedRow[j]!;
        if (wj - wj === 0) squares += wj * wj;
        if (stored === wj) away++;
        if (stored - stored !== 0) {
          if (Number.isNaN(stored)) overflow.nan++;
          else overflow.inf++;
          overflow.first ??= [o, j];
        }
      }
      if (m && tally) compareRow(o, w, m, d);
      if (sampled) countRounding(away);
      return squares;
    }

    /** compareRow on the kernel, after roundRowBf16 for the row; false (nothing counted) when it cannot. */
    function compareInKernel(o: number, wAt: number, mChunk: RowChunk): boolean {
      const t = tally!;
      const mAt = mChunk.bytes.byteOffset + (o - mChunk.firstRow) * cols * 2;
      const updateTol = gamma * Math.abs(scale) * factors.leftNorms[o]!;
      const row = simd!.compareRowBf16(wAt, mAt, 2 ** -MANTISSA[tolDtype], TINY[tolDtype], updateTol);
      if (!row) return false;
      t.maxError = Math.max(t.maxError, row.maxError);
      t.mismatchElements += row.mismatches;
      if (row.firstMismatch >= 0) t.firstMismatch ??= [o, row.firstMismatch];
      t.exactRows++;
      t.exactElements += cols;
      return true;
    }

    function countRounding(away: number): void {
      rounding.rows++;
      rounding.elements += cols;
      rounding.roundedAway += away;
      rounding.rowFractions.push(cols > 0 ? away / cols : 0);
    }

    function compareRow(o: number, w: Float64Array, m: Float64Array, d: Float64Array): void {
      const t = tally!;
      const rel = 2 ** -MANTISSA[tolDtype];
      const tiny = TINY[tolDtype];
      const updateTol = gamma * Math.abs(scale) * leftNorms[o]!;
      const colNorms = factors.rightColNorms;
      let maxError = t.maxError;
      for (let j = 0; j < cols; j++) {
        const mj = m[j]!;
        const expected = w[j]! + d[j]!;
        let error: number;
        let bad: boolean;
        if (mj - mj === 0 && expected - expected === 0) {
          error = Math.abs(mj - expected);
          const magnitude = Math.max(Math.abs(mj), Math.abs(expected));
          bad = error > Math.max(magnitude * rel, tiny) + updateTol * colNorms[j]!;
        } else {
          if (mj - mj !== 0) t.nonFinite++;
          const expectedStored = storedSum(mergedDtype!, w[j]!, d[j]!);
          bad = !(Object.is(mj, expectedStored) || (Number.isNaN(mj) && Number.isNaN(expectedStored)));
          error = bad ? Number.POSITIVE_INFINITY : 0;
        }
        if (bad) {
          t.mismatchElements++;
          t.firstMismatch ??= [o, j];
        }
        if (error > maxError) maxError = error;
      }
      t.maxError = maxError;
      t.exactRows++;
      t.exactElements += cols;
    }
  } finally {
    scratch?.release();
    base.close();
    merged?.close();
    simd?.close();
  }
}

/**
 * Four reused rows of f64 for the tile being run (fresh memory costs a page fault per 4 KiB); a second tile
 * running at the same time in this thread gets rows of its own.
 */
let scratchRows: Float64Array[] = [];
let scratchBusy = false;

interface RowScratch {
  readonly rows: readonly Float64Array[];
  release(): void;
}

function takeRowScratch(cols: number): RowScratch {
  if (scratchBusy) return { rows: Array.from({ length: 4 }, () => new Float64Array(cols)), release() {} };
  scratchBusy = true;
  if (scratchRows.length === 0 || scratchRows[0]!.length < cols) {
    scratchRows = Array.from({ length: 4 }, () => new Float64Array(cols));
  }
  return {
    rows: scratchRows.map((row) => row.subarray(0, cols)),
    release() {
      scratchBusy = false;
    },
  };
}

/** R·x (rank values). */
function project(factors: Factors, x: Float64Array, rank: number, cols: number): Float64Array {
  const y = new Float64Array(rank);
  for (let k = 0; k < rank; k++) {
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += factors.right[k * cols + j]! * x[j]!;
    y[k] = sum;
  }
  return y;
}

/** Σ_j W[o, j]², +Inf when the row holds NaN or ±Inf. */
function sumSquares(dtype: WeightDtype, chunk: RowChunk, o: number, cols: number): number {
  const offset = (o - chunk.firstRow) * cols;
  const end = offset + cols;
  if (dtype === 'BF16' || dtype === 'F16') {
    const square = tablesFor(dtype).squareOrInf;
    const u16 = chunk.u16;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = offset;
    for (; i + 3 < end; i += 4) {
      s0 += square[u16[i]!]!;
      s1 += square[u16[i + 1]!]!;
      s2 += square[u16[i + 2]!]!;
      s3 += square[u16[i + 3]!]!;
    }
    for (; i < end; i++) s0 += square[u16[i]!]!;
    return s0 + s1 + s2 + s3;
  }
  const values = dtype === 'F32' ? chunk.f32 : chunk.f64;
  let sum = 0;
  for (let i = offset; i < end; i++) {
    const v = values[i]!;
    sum += v * v;
  }
  return Number.isNaN(sum) ? Number.POSITIVE_INFINITY : sum;
}

/**
 * probeSums[p] = Σ_j (M[o, j] − W[o, j]) · x_p[j]; returns Σ_j ulp(M[o, j])² in the tolerance dtype
 * (+Inf when the merged row holds a non-finite value).
 */
function probeRow(
  wChunk: RowChunk,
  mChunk: RowChunk,
  baseDtype: WeightDtype,
  mergedDtype: WeightDtype,
  tolDtype: WeightDtype,
  o: number,
  cols: number,
  probes: readonly Float64Array[],
  probeSums: Float64Array,
): number {
  const offset = (o - wChunk.firstRow) * cols;
  probeSums.fill(0);
  const half = (baseDtype === 'BF16' || baseDtype === 'F16') && mergedDtype === baseDtype;
  if (half && probes.length === 2) {
    const tables = tablesFor(baseDtype as 'BF16' | 'F16');
    const value = tables.value;
    const ulpSquare = tables.ulpSquare;
    const w16 = wChunk.u16;
    const m16 = mChunk.u16;
    const x0 = probes[0]!;
    const x1 = probes[1]!;
    let a0 = 0;
    let a1 = 0;
    let us = 0;
    for (let j = 0; j < cols; j++) {
      const mb = m16[offset + j]!;
      const d = value[mb]! - value[w16[offset + j]!]!;
      a0 += d * x0[j]!;
      a1 += d * x1[j]!;
      us += ulpSquare[mb]!;
    }
    probeSums[0] = a0;
    probeSums[1] = a1;
    return us;
  }
  const w = new Float64Array(cols);
  const m = new Float64Array(cols);
  decodeRow(baseDtype, wChunk, o, cols, w);
  decodeRow(mergedDtype, mChunk, o, cols, m);
  let us = 0;
  for (let j = 0; j < cols; j++) {
    const mj = m[j]!;
    const d = mj - w[j]!;
    for (let p = 0; p < probes.length; p++) probeSums[p] += d * probes[p]![j]!;
    const u = ulpBound(tolDtype, mj);
    us += Number.isFinite(mj) ? u * u : Number.POSITIVE_INFINITY;
  }
  return us;
}
