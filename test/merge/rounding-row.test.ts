// The one-pass BF16 exact row against element-by-element storedSum on decoded values.
import { describe, expect, it } from 'vitest';
import { type RoundingRow, roundingRowBf16, storedSum, tablesFor } from '../../src/merge/float-formats.js';
import { f32ToBf16Bits } from '../../src/safetensors/encode.js';
import { randomValues } from '../helpers/safetensors.js';

describe('one BF16 exact row in one pass', () => {
  it('decodes W and counts Σ W², rounded-away and non-finite sums like storedSum', () => {
    const cols = 203;
    const offset = 17;
    const bits = Uint16Array.from(randomValues(cols + 40, 9, 2), (x) => f32ToBf16Bits(x));
    const delta = Float64Array.from(randomValues(cols, 10, 1e-3));
    const at = (j: number) => offset + j;
    bits[at(3)] = 0x7fc0; // NaN in W
    bits[at(5)] = 0xff80; // -Inf in W
    bits[at(8)] = 0x7f7f; // max finite: + a positive update overflows
    delta[8] = 3e38;
    bits[at(9)] = 0x8000; // -0 with a zero update rounds back to itself
    delta[9] = 0;
    delta[12] = Number.NaN;
    delta[20] = 0.75; // large enough to move the value
    const out: RoundingRow = { squares: 0, away: 0, inf: 0, nan: 0, firstNonFinite: -1 };
    const w = new Float64Array(cols);
    roundingRowBf16(bits, offset, cols, delta, w, out);

    const value = tablesFor('BF16').value;
    let squares = 0;
    let away = 0;
    let inf = 0;
    let nan = 0;
    let first = -1;
    for (let j = 0; j < cols; j++) {
      const wj = value[bits[at(j)]!]!;
      expect(Object.is(w[j], wj)).toBe(true);
      if (Number.isFinite(wj)) squares += wj * wj;
      const stored = storedSum('BF16', wj, delta[j]!);
      if (stored === wj) away++;
      if (!Number.isFinite(stored)) {
        if (Number.isNaN(stored)) nan++;
        else inf++;
        if (first < 0) first = j;
      }
    }
    expect(out).toEqual({ squares, away, inf, nan, firstNonFinite: first });
    expect(first).toBe(3);
    expect(inf).toBe(2); // -Inf + update, max finite + 3e38
    expect(nan).toBe(2);
    expect(away).toBeLessThan(cols - 4);
    expect(away).toBeGreaterThan(cols / 2);
  });
});
