// Confidence interval of the rounded-away fraction from sampled rows.

/** Wilson score interval for proportion p observed on n trials (z = 1.96: 95%). */
export function wilsonInterval(p: number, n: number, z = 1.96): [number, number] {
  if (n <= 0) return [0, 1];
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

/** Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * Student's t at 0.975 for `df` degrees of freedom: the table up to 30, above it the Cornish-Fisher expansion
 * around z (within 1e-4 there).
 */
export function studentT975(df: number): number {
  if (df < 1) return Number.POSITIVE_INFINITY;
  if (df <= T975.length) return T975[Math.floor(df) - 1]!;
  const z = 1.959964;
  const z3 = z ** 3;
  const z5 = z ** 5;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df);
}

/**
 * Interval for the fraction over all `totalRows` rows from `rowFractions` of sampled rows (equal length).
 * Elements of a row are not independent, so n is the Kish effective sample size from the spread between
 * rows (with the finite-population correction), at most the number of sampled elements; that spread is
 * itself estimated from k rows, so the quantile is Student's t with k − 1 degrees of freedom, not z.
 */
export function roundingInterval(
  rowFractions: readonly number[],
  elements: number,
  totalRows: number,
): [number, number] {
  const k = rowFractions.length;
  if (k === 0) return [0, 1];
  const p = rowFractions.reduce((a, b) => a + b, 0) / k;
  if (k >= totalRows) return [p, p];
  let n = elements;
  if (k > 1) {
    const spread = rowFractions.reduce((a, f) => a + (f - p) ** 2, 0) / (k - 1);
    const variance = (spread / k) * (1 - k / totalRows);
    if (variance > 0 && p > 0 && p < 1) n = Math.min(elements, (p * (1 - p)) / variance);
  }
  return wilsonInterval(p, Math.max(1, n), k > 1 ? studentT975(k - 1) : undefined);
}
