// Probe vectors and row samples: deterministic per seed, and as random as the checks need.
import { describe, expect, it } from 'vitest';
import { probeVectors, sampleIndices } from '../../src/merge/random.js';

describe('probe vectors', () => {
  it('hold only ±1, about half each, the same for the same seed and different for another', () => {
    const [a, b] = probeVectors(2, 10_000, 42);
    expect(a!.length).toBe(10_000);
    expect(a!.every((x) => x === 1 || x === -1)).toBe(true);
    const minus = a!.filter((x) => x === -1).length;
    expect(minus).toBeGreaterThan(4_800);
    expect(minus).toBeLessThan(5_200);
    // The two vectors of one call are independent: they agree on about half the entries.
    const agree = a!.filter((x, j) => x === b![j]).length;
    expect(agree).toBeGreaterThan(4_800);
    expect(agree).toBeLessThan(5_200);
    expect(Array.from(probeVectors(2, 10_000, 42)[1]!)).toEqual(Array.from(b!));
    const other = probeVectors(1, 10_000, 43)[0]!;
    expect(other.filter((x, j) => x === a![j]).length).toBeLessThan(5_200);
  });
});

describe('row samples', () => {
  it('are distinct, ascending, inside the range, and all rows when asked for more', () => {
    const rows = sampleIndices(1000, 64, 7);
    expect(rows).toHaveLength(64);
    expect(new Set(rows).size).toBe(64);
    expect(rows.every((r, i) => r >= 0 && r < 1000 && (i === 0 || r > rows[i - 1]!))).toBe(true);
    expect(sampleIndices(10, 64, 7)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
