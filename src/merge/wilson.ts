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

/**
 * Interval for the fraction over all `totalRows` rows from `rowFractions` of sampled rows (equal length).
 * Elements of a row are not independent, so n is the Kish effective sample size from the spread between
 * rows (with the finite-population correction), at most the number of sampled elements.
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
  return wilsonInterval(p, Math.max(1, n));
}
