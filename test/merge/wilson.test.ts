// The rounding-loss interval: Wilson with the Kish effective sample size, at Student's t for k − 1 degrees of
// freedom (the spread between rows is itself estimated from the k sampled rows).
import { describe, expect, it } from 'vitest';
import { roundingInterval, studentT975, wilsonInterval } from '../../src/merge/wilson.js';

describe('studentT975', () => {
  it('matches the t table, and the expansion beyond it', () => {
    expect(studentT975(1)).toBe(12.706);
    expect(studentT975(10)).toBe(2.228);
    expect(studentT975(30)).toBe(2.042);
    // Published quantiles: t(0.975; 31) = 2.039513, t(0.975; 63) = 1.998341, t(0.975; 200) = 1.971896.
    expect(Math.abs(studentT975(31) - 2.039513)).toBeLessThan(1e-4);
    expect(Math.abs(studentT975(63) - 1.998341)).toBeLessThan(1e-4);
    expect(Math.abs(studentT975(200) - 1.971896)).toBeLessThan(1e-4);
    expect(Math.abs(studentT975(1e9) - 1.959964)).toBeLessThan(1e-6);
    expect(studentT975(0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('roundingInterval', () => {
  it('is the Wilson interval at the effective sample size, with t for k − 1 degrees of freedom', () => {
    const fractions = [0.5, 0.6, 0.7, 0.55, 0.65, 0.45, 0.75, 0.6];
    const k = fractions.length;
    const p = fractions.reduce((a, b) => a + b, 0) / k;
    const spread = fractions.reduce((a, f) => a + (f - p) ** 2, 0) / (k - 1);
    const totalRows = 1000;
    const n = (p * (1 - p)) / ((spread / k) * (1 - k / totalRows));
    const [lo, hi] = roundingInterval(fractions, k * 4096, totalRows);
    const [elo, ehi] = wilsonInterval(p, n, 2.365);
    expect(lo).toBeCloseTo(elo, 12);
    expect(hi).toBeCloseTo(ehi, 12);
    // Wider than the same interval at z = 1.96.
    const [zlo, zhi] = wilsonInterval(p, n);
    expect(hi - lo).toBeGreaterThan((zhi - zlo) * 1.15);
  });

  it('is exact when every row was sampled, and [0, 1] with nothing sampled', () => {
    expect(roundingInterval([0.25, 0.75], 8, 2)).toEqual([0.5, 0.5]);
    expect(roundingInterval([], 0, 10)).toEqual([0, 1]);
  });
});
