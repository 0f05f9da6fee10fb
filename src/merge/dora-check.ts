// DoRA: W′ = (m / ||V||)·V with V = W + ΔW, norms per output row (Linear, conv) or per stored column
// (Conv1D, embeddings). The norms need whole rows of V, so the module is computed row by row, exactly.
import { updateRow } from './factors.js';
import { coarser, storedValue } from './float-formats.js';
import { decodeRow } from './row-decode.js';
import { RowReader } from './row-reader.js';
import type { DoraTask, TileResult } from './task-types.js';
import { ulpBound, updateTolerance } from './tile-check.js';

export async function runDora(task: DoraTask): Promise<TileResult> {
  const { work, factors } = task;
  const { rows, cols, rank, scale } = work;
  const magnitude = factors.magnitude;
  const perColumn = work.dora === 'columns';
  if (!magnitude || magnitude.length !== (perColumn ? cols : rows)) {
    throw new Error(
      `DoRA magnitude has ${magnitude?.length ?? 0} values, expected ${perColumn ? cols : rows} (one per ${perColumn ? 'column' : 'row'})`,
    );
  }
  const baseDtype = work.base.dtype;
  const mergedDtype = work.merged?.dtype;
  const tolDtype = mergedDtype ? coarser(baseDtype, mergedDtype) : baseDtype;
  const gamma = updateTolerance(work, tolDtype);
  const base = RowReader.open(work.base, cols, task.chunkBytes);
  let merged: RowReader | null = null;
  try {
    merged = work.merged ? RowReader.open(work.merged, cols, task.chunkBytes) : null;
  } catch (error) {
    base.close();
    throw error;
  }
  const rowsPerChunk = Math.min(base.rowsPerChunk, merged?.rowsPerChunk ?? Number.POSITIVE_INFINITY);
  const w = new Float64Array(cols);
  const m = new Float64Array(cols);
  const delta = new Float64Array(cols);

  try {
    let columnFactor: Float64Array | null = null;
    if (perColumn) {
      const columnSquares = new Float64Array(cols);
      for (let first = 0; first < rows; first += rowsPerChunk) {
        const count = Math.min(rowsPerChunk, rows - first);
        const chunk = base.read(first, count);
        for (let o = first; o < first + count; o++) {
          decodeRow(baseDtype, chunk, o, cols, w);
          updateRow(factors, scale, rank, o, delta);
          for (let j = 0; j < cols; j++) {
            const v = w[j]! + delta[j]!;
            columnSquares[j] += v * v;
          }
        }
      }
      columnFactor = new Float64Array(cols);
      for (let j = 0; j < cols; j++) columnFactor[j] = magnitude[j]! / Math.sqrt(columnSquares[j]!);
    }

    let baseSumSquares = 0;
    let updateSumSquares = 0;
    let roundedAway = 0;
    const rowFractions: number[] = [];
    const overflow = { inf: 0, nan: 0, first: null as [number, number] | null };
    const tally = merged
      ? {
          bitIdentical: true,
          probeRows: 0,
          probeFailRows: 0,
          worstProbe: 0,
          exactRows: 0,
          exactElements: 0,
          mismatchElements: 0,
          maxError: 0,
          firstMismatch: null as [number, number] | null,
          nonFinite: 0,
        }
      : null;

    for (let first = 0; first < rows; first += rowsPerChunk) {
      const count = Math.min(rowsPerChunk, rows - first);
      const chunk = base.read(first, count);
      const mChunk = merged ? merged.read(first, count) : null;
      if (tally && mChunk && (mergedDtype !== baseDtype || !chunk.bytes.equals(mChunk.bytes))) {
        tally.bitIdentical = false;
      }
      for (let o = first; o < first + count; o++) {
        decodeRow(baseDtype, chunk, o, cols, w);
        if (mChunk) decodeRow(mergedDtype!, mChunk, o, cols, m);
        updateRow(factors, scale, rank, o, delta);
        let rowFactor = 0;
        if (!columnFactor) {
          let squares = 0;
          for (let j = 0; j < cols; j++) {
            const v = w[j]! + delta[j]!;
            squares += v * v;
          }
          rowFactor = magnitude[o]! / Math.sqrt(squares);
        }
        const leftNorm = factors.leftNorms[o]!;
        let away = 0;
        for (let j = 0; j < cols; j++) {
          const wj = w[j]!;
          const factor = columnFactor ? columnFactor[j]! : rowFactor;
          const target = factor * (wj + delta[j]!);
          if (Number.isFinite(wj)) baseSumSquares += wj * wj;
          updateSumSquares += (target - wj) * (target - wj);
          const stored = storedValue(baseDtype, target);
          if (stored === wj) away++;
          if (!Number.isFinite(stored)) {
            if (Number.isNaN(stored)) overflow.nan++;
            else overflow.inf++;
            overflow.first ??= [o, j];
          }
          if (tally) {
            const mj = m[j]!;
            if (!Number.isFinite(mj)) tally.nonFinite++;
            let error: number;
            let bad: boolean;
            if (!Number.isFinite(mj) || !Number.isFinite(target)) {
              const expected = storedValue(mergedDtype!, target);
              bad = !(Object.is(mj, expected) || (Number.isNaN(mj) && Number.isNaN(expected)));
              error = bad ? Number.POSITIVE_INFINITY : 0;
            } else {
              error = Math.abs(mj - target);
              // The norm and factor are computed in f32 after the cast: allow two ulps plus the update's error.
              const tolerance =
                2 * ulpBound(tolDtype, Math.max(Math.abs(mj), Math.abs(target))) +
                gamma * Math.abs(factor * scale) * leftNorm * factors.rightColNorms[j]!;
              bad = error > tolerance;
            }
            if (bad) {
              tally.mismatchElements++;
              tally.firstMismatch ??= [o, j];
            }
            if (error > tally.maxError) tally.maxError = error;
          }
        }
        roundedAway += away;
        rowFractions.push(cols > 0 ? away / cols : 0);
        if (tally) {
          tally.exactRows++;
          tally.exactElements += cols;
        }
      }
    }
    return {
      rowStart: 0,
      rowEnd: rows,
      baseSumSquares,
      updateSumSquares,
      rounding: { rows, elements: rows * cols, roundedAway, rowFractions },
      overflow,
      merged: tally,
    };
  } finally {
    base.close();
    merged?.close();
  }
}
