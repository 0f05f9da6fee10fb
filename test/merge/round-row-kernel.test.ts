// The SIMD kernel's fused exact BF16 row (ΔW row, Σ W², rounded-away count) against the JS roundingRowBf16.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveFactors, type Factors, updateRow } from '../../src/merge/factors.js';
import { type RoundingRow, roundingRowBf16 } from '../../src/merge/float-formats.js';
import { mergeKernel } from '../../src/merge/simd/merge-kernel.js';
import { TileScan } from '../../src/merge/simd/tile-scan.js';
import { f32ToBf16Bits } from '../../src/safetensors/encode.js';
import { randomValues } from '../helpers/safetensors.js';

function factorsOf(rows: number, cols: number, rank: number, seed: number, size: number): Factors {
  const left = Float64Array.from(randomValues(rows * rank, seed, size));
  const right = Float64Array.from(randomValues(rank * cols, seed + 1, size));
  return deriveFactors(left, right, { rows, cols, rank, scale: 1 });
}

/** Runs the kernel on `bits` (one row) placed in the tile's base row buffer; null when it defers to JS. */
function kernelRow(
  scan: TileScan,
  f: Factors,
  scale: number,
  o: number,
  bits: Uint16Array,
  delta: Float64Array,
) {
  const rows = scan.baseBuffer;
  new Uint16Array(rows.buffer, rows.byteOffset, bits.length).set(bits);
  const row = scan.roundRowBf16(f, scale, o, rows.byteOffset);
  scan.copyDelta(delta);
  return row;
}

function jsRow(f: Factors, scale: number, rank: number, o: number, bits: Uint16Array): RoundingRow {
  const delta = new Float64Array(bits.length);
  updateRow(f, scale, rank, o, delta);
  const out: RoundingRow = { squares: 0, away: 0, inf: 0, nan: 0, firstNonFinite: -1 };
  roundingRowBf16(bits, 0, bits.length, delta, new Float64Array(bits.length), out);
  return out;
}

describe('fused exact BF16 row in the kernel', () => {
  it('gives roundingRowBf16 counts and squares, and updateRow bits, for random rows (tails, tiny, large)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 45 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(1e-30, 1e-4, 0.02, 3),
        fc.array(
          fc.integer({ min: 0, max: 0xffff }).filter((b) => (b & 0x7f80) !== 0x7f80),
          {
            minLength: 45,
            maxLength: 45,
          },
        ),
        fc.integer({ min: 0, max: 3 }),
        (cols, rank, size, pool, mode) => {
          const f = factorsOf(3, cols, rank, cols * 7 + rank, size);
          // Mode 0: arbitrary bits; 1: W of the update's size (many elements move); 2: all ±0; 3: typical W.
          const bits = Uint16Array.from({ length: cols }, (_, j) =>
            mode === 0
              ? pool[j]!
              : mode === 1
                ? f32ToBf16Bits(size * Math.sin(j + 1))
                : mode === 2
                  ? (j & 1) << 15
                  : f32ToBf16Bits(0.05 * Math.cos(j * 3)),
          );
          const scan = TileScan.open(mergeKernel(), 'BF16', cols, 1, null, f, rank)!;
          try {
            for (let o = 0; o < 3; o++) {
              const delta = new Float64Array(cols);
              const got = kernelRow(scan, f, 1.5, o, bits, delta);
              const want = jsRow(f, 1.5, rank, o, bits);
              const wantDelta = new Float64Array(cols);
              updateRow(f, 1.5, rank, o, wantDelta);
              for (let j = 0; j < cols; j++) expect(Object.is(delta[j], wantDelta[j])).toBe(true);
              if (want.inf + want.nan > 0) {
                expect(got).toBeNull();
              } else {
                expect(got).not.toBeNull();
                expect(got!.away).toBe(want.away);
                expect(Math.abs(got!.squares - want.squares)).toBeLessThanOrEqual(1e-15 * want.squares);
              }
            }
          } finally {
            scan.close();
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('defers rows with NaN or Inf in W, or a sum that overflows BF16, in the vector body and the tail', () => {
    const cols = 19;
    const f = factorsOf(1, cols, 2, 5, 0.01);
    f.left.fill(0.01); // every element of ΔW positive, so a large scale overflows upwards
    f.right.fill(0.01);
    const scan = TileScan.open(mergeKernel(), 'BF16', cols, 1, null, f, 2)!;
    try {
      const base = Uint16Array.from({ length: cols }, () => 0x3f80);
      expect(kernelRow(scan, f, 1, 0, base, new Float64Array(cols))).toEqual({
        squares: cols,
        away: jsRow(f, 1, 2, 0, base).away,
      });
      for (const position of [2, 17]) {
        for (const bad of [0x7fc0, 0xff80, 0x7f7f]) {
          const bits = base.slice();
          bits[position] = bad;
          const scale = bad === 0x7f7f ? 1e40 : 1; // 0x7f7f, the largest finite, + 2e36 is past the f32 range
          const want = jsRow(f, scale, 2, 0, bits);
          if (bad === 0x7f7f) expect(want.inf).toBeGreaterThan(0);
          expect(
            kernelRow(scan, f, scale, 0, bits, new Float64Array(cols)),
            `${bad} at ${position}`,
          ).toBeNull();
        }
      }
    } finally {
      scan.close();
    }
  });
});

describe('exact BF16 merged row compared in the kernel', () => {
  /** compareRow's rule, element by element on decoded values. */
  function reference(
    w: Uint16Array,
    m: Uint16Array,
    delta: Float64Array,
    colNorms: Float64Array,
    updateTol: number,
  ) {
    const value = (b: number) => new Float32Array(new Uint32Array([b << 16]).buffer)[0]!;
    let maxError = 0;
    let mismatches = 0;
    let firstMismatch = -1;
    for (let j = 0; j < w.length; j++) {
      const mj = value(m[j]!);
      const expected = value(w[j]!) + delta[j]!;
      const error = Math.abs(mj - expected);
      const bound = Math.max(Math.max(Math.abs(mj), Math.abs(expected)) * 2 ** -7, 2 ** -133);
      if (error > bound + updateTol * colNorms[j]!) {
        mismatches++;
        if (firstMismatch < 0) firstMismatch = j;
      }
      maxError = Math.max(maxError, error);
    }
    return { maxError, mismatches, firstMismatch };
  }

  it('counts mismatches, the first one and the largest error like compareRow; defers non-finite rows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 0, max: 1e-3, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 39 }), { maxLength: 6 }),
        (cols, rank, updateTol, wrong) => {
          const f = factorsOf(1, cols, rank, cols + 13 * rank, 0.05);
          const w = Uint16Array.from({ length: cols }, (_, j) => f32ToBf16Bits(0.05 * Math.sin(j * 1.7 + 1)));
          const delta = new Float64Array(cols);
          updateRow(f, 1, rank, 0, delta);
          // The correct merge, then some elements pushed far off (and one nudged by one ulp).
          const m = Uint16Array.from(w, (b, j) =>
            f32ToBf16Bits(new Float32Array(new Uint32Array([b << 16]).buffer)[0]! + delta[j]!),
          );
          for (const j of wrong) if (j < cols) m[j] = f32ToBf16Bits(0.5 + j);
          if (cols > 2) m[1] = m[1]! + 1;
          const scan = TileScan.open(
            mergeKernel(),
            'BF16',
            cols,
            1,
            [new Float64Array(cols), new Float64Array(cols)],
            f,
            rank,
          )!;
          try {
            const wAt = scan.baseBuffer.byteOffset;
            const mAt = scan.mergedBuffer!.byteOffset;
            new Uint16Array(scan.baseBuffer.buffer, wAt, cols).set(w);
            new Uint16Array(scan.mergedBuffer!.buffer, mAt, cols).set(m);
            expect(scan.roundRowBf16(f, 1, 0, wAt)).not.toBeNull();
            const got = scan.compareRowBf16(wAt, mAt, 2 ** -7, 2 ** -133, updateTol);
            const want = reference(w, m, delta, f.rightColNorms, updateTol);
            expect(got).toEqual(want);
            if (wrong.some((j) => j < cols)) expect(want.mismatches).toBeGreaterThan(0);
            m[cols - 1] = 0x7fc0; // NaN in M
            new Uint16Array(scan.mergedBuffer!.buffer, mAt, cols).set(m);
            expect(scan.compareRowBf16(wAt, mAt, 2 ** -7, 2 ** -133, updateTol)).toBeNull();
          } finally {
            scan.close();
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('sampled rows prepared at the start of a tile', () => {
  it('give the same ΔW, counts and comparison as rows computed when they are read, two at a time too', () => {
    const cols = 53; // 3 blocks of 16, then a tail
    const rank = 5;
    const rows = 6;
    const f = factorsOf(rows, cols, rank, 77, 0.05);
    f.left[2 * rank + 1] = 0; // a row whose ΔW skips a term
    const w = Uint16Array.from({ length: cols }, (_, j) => f32ToBf16Bits(0.05 * Math.cos(j * 2.1)));
    const m = Uint16Array.from(w, (b, j) => (j % 7 === 0 ? b + 1 : b));
    const probes: [Float64Array, Float64Array] = [
      new Float64Array(cols).fill(1),
      new Float64Array(cols).fill(-1),
    ];
    const run = (prepare: boolean) => {
      const scan = TileScan.open(mergeKernel(), 'BF16', cols, 1, probes, f, rank, prepare ? rows : 0)!;
      try {
        if (prepare) scan.prepareRows(f, 1.25, [0, 1, 2, 3, 5]); // pairs (0, 1) and (3, 5); 2 alone (a zero term)
        const wAt = scan.baseBuffer.byteOffset;
        const mAt = scan.mergedBuffer!.byteOffset;
        new Uint16Array(scan.baseBuffer.buffer, wAt, cols).set(w);
        new Uint16Array(scan.mergedBuffer!.buffer, mAt, cols).set(m);
        return [0, 1, 2, 3, 5].map((o) => {
          const delta = new Float64Array(cols);
          const row = scan.roundRowBf16(f, 1.25, o, wAt);
          scan.copyDelta(delta);
          const compared = scan.compareRowBf16(wAt, mAt, 2 ** -7, 2 ** -133, 0);
          return { row, delta: Array.from(delta), compared };
        });
      } finally {
        scan.close();
      }
    };
    const prepared = run(true);
    expect(prepared).toEqual(run(false));
    expect(prepared[0]!.compared!.mismatches).toBeGreaterThan(0);
    expect(prepared.every((r) => r.row !== null && r.delta.some((x) => x !== 0))).toBe(true);
  });
});
