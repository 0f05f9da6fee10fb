// Per-module figures from the results of its tiles.
import type { ModuleMergeStats } from '../types.js';
import type { ModuleWork, TileResult } from './task-types.js';
import { roundingInterval } from './wilson.js';

export function moduleStats(
  planned: ModuleMergeStats,
  work: ModuleWork,
  results: readonly TileResult[],
  exact: boolean,
): ModuleMergeStats {
  let baseSquares = 0;
  let updateSquares = 0;
  let roundedAway = 0;
  let elements = 0;
  let inf = 0;
  let nan = 0;
  let first: readonly [number, number] | null = null;
  const fractions: number[] = [];
  for (const r of [...results].sort((a, b) => a.rowStart - b.rowStart)) {
    baseSquares += r.baseSumSquares;
    if (r.updateSumSquares !== null) updateSquares += r.updateSumSquares;
    roundedAway += r.rounding.roundedAway;
    elements += r.rounding.elements;
    fractions.push(...r.rounding.rowFractions);
    inf += r.overflow.inf;
    nan += r.overflow.nan;
    first ??= r.overflow.first;
  }
  const updateNorm = Math.sqrt(updateSquares);
  const baseNorm = Math.sqrt(baseSquares);
  const ratio = baseNorm > 0 ? updateNorm / baseNorm : updateNorm > 0 ? Number.POSITIVE_INFINITY : 0;
  const roundingLoss = elements > 0 ? roundedAway / elements : undefined;
  const allRows = exact || work.dora !== 'none';
  let stats: ModuleMergeStats = {
    ...planned,
    updateNorm,
    baseNorm,
    ratio,
    roundingLoss,
    roundingLossInterval:
      roundingLoss === undefined
        ? undefined
        : roundingInterval(fractions, elements, allRows ? fractions.length : work.rows),
    roundingRows: fractions.length,
    exact: allRows,
    overflowCount: inf,
    nanCount: nan,
    overflowAt: first ?? undefined,
  };
  if (work.merged) stats = { ...stats, ...mergedVerdict(results, updateNorm) };
  return stats;
}

function mergedVerdict(results: readonly TileResult[], updateNorm: number): Partial<ModuleMergeStats> {
  let bitIdentical = true;
  let probeRows = 0;
  let probeFail = 0;
  let worst = 0;
  let exactRows = 0;
  let mismatches = 0;
  let exactElements = 0;
  let maxError = 0;
  let firstMismatch: readonly [number, number] | null = null;
  let nonFinite = 0;
  for (const r of [...results].sort((a, b) => a.rowStart - b.rowStart)) {
    const m = r.merged;
    if (!m) continue;
    bitIdentical &&= m.bitIdentical;
    probeRows += m.probeRows;
    probeFail += m.probeFailRows;
    worst = Math.max(worst, m.worstProbe);
    exactRows += m.exactRows;
    exactElements += m.exactElements;
    mismatches += m.mismatchElements;
    maxError = Math.max(maxError, m.maxError);
    firstMismatch ??= m.firstMismatch;
    nonFinite += m.nonFinite;
  }
  const bad = probeFail > 0 || mismatches > 0;
  const parts: string[] = [];
  if (probeFail > 0)
    parts.push(
      `${probeFail} of ${probeRows} rows fail the probe check (worst residual ${fmt(worst)}x the tolerance)`,
    );
  if (mismatches > 0) {
    parts.push(
      `${mismatches} of ${exactElements} elements in ${exactRows} exactly checked rows differ beyond tolerance (first at [${firstMismatch?.join(', ')}], max error ${fmt(maxError)})`,
    );
  }
  return {
    mergedVerdict: bad ? (bitIdentical && updateNorm > 0 ? 'not-applied' : 'mismatch') : 'ok',
    maxMergedError: maxError,
    mergedNonFinite: nonFinite,
    mergedDetail: bad ? parts.join('; ') : undefined,
  };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(3) : String(x);
}
