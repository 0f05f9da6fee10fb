// Per-dtype facts the merge checks need: unit roundoff, largest finite value, and lookup tables over the
// bit patterns of 16-bit floats (value, value squared, ulp squared) so hot loops do one load per element.
import { decodeTable } from '../safetensors/decode.js';
import { f32ToBf16Bits, f32ToF16Bits } from '../safetensors/encode.js';
import type { Dtype } from '../safetensors/types.js';

/** Float dtypes a base or merged weight may have for a test merge. */
export type WeightDtype = 'F16' | 'BF16' | 'F32' | 'F64';

export function isWeightDtype(dtype: string): dtype is WeightDtype {
  return dtype === 'F16' || dtype === 'BF16' || dtype === 'F32' || dtype === 'F64';
}

const MANTISSA_BITS: Record<WeightDtype, number> = { F16: 10, BF16: 7, F32: 23, F64: 52 };

/** Unit roundoff 2^-p (p = significand bits including the hidden one): half an ulp, relative. */
export function unitRoundoff(dtype: Dtype): number {
  const m = isWeightDtype(dtype) ? MANTISSA_BITS[dtype] : 7;
  return 2 ** -(m + 1);
}

export function maxFinite(dtype: WeightDtype): number {
  switch (dtype) {
    case 'F16':
      return 65504;
    case 'BF16':
      return 3.3895313892515355e38;
    case 'F32':
      return 3.4028234663852886e38;
    case 'F64':
      return Number.MAX_VALUE;
  }
}

/** The dtype with the coarser precision (tolerances use it). */
export function coarser(a: WeightDtype, b: WeightDtype): WeightDtype {
  return MANTISSA_BITS[a] <= MANTISSA_BITS[b] ? a : b;
}

/** Distance from |x| to the next representable magnitude in `dtype` (subnormal spacing near zero). */
export function ulpOf(dtype: WeightDtype, x: number): number {
  const m = MANTISSA_BITS[dtype];
  const minExp = dtype === 'F16' ? -14 : dtype === 'F64' ? -1022 : -126;
  const a = Math.abs(x);
  if (!Number.isFinite(a)) return Number.POSITIVE_INFINITY;
  const e = a === 0 ? minExp : Math.max(minExp, Math.floor(Math.log2(a)));
  return 2 ** (e - m);
}

export interface HalfTables {
  /** f32 value of every bit pattern. */
  readonly value: Float32Array;
  /** value², +Inf for non-finite patterns (so a row sum flags them). */
  readonly squareOrInf: Float64Array;
  /** ulp², +Inf for non-finite patterns (so a probe on a row with Inf/NaN always fails). */
  readonly ulpSquare: Float64Array;
  /** 1 for NaN and ±Inf. */
  readonly nonFinite: Uint8Array;
}

const halfTables = new Map<Dtype, HalfTables>();

export function tablesFor(dtype: 'F16' | 'BF16'): HalfTables {
  let tables = halfTables.get(dtype);
  if (!tables) {
    const value = decodeTable(dtype)!;
    const squareOrInf = new Float64Array(65536);
    const ulpSquare = new Float64Array(65536);
    const nonFinite = new Uint8Array(65536);
    for (let bits = 0; bits < 65536; bits++) {
      const v = value[bits]!;
      if (Number.isFinite(v)) {
        squareOrInf[bits] = v * v;
        const u = ulpOf(dtype, v);
        ulpSquare[bits] = u * u;
      } else {
        nonFinite[bits] = 1;
        squareOrInf[bits] = Number.POSITIVE_INFINITY;
        ulpSquare[bits] = Number.POSITIVE_INFINITY;
      }
    }
    tables = { value, squareOrInf, ulpSquare, nonFinite };
    halfTables.set(dtype, tables);
  }
  return tables;
}

/**
 * The value stored when a merge adds an f32 update `delta` to a weight `w` of `dtype`: PyTorch promotes
 * to f32, adds (rounded to f32), then casts to the weight dtype.
 */
export function storedSum(dtype: WeightDtype, w: number, delta: number): number {
  const sum = Math.fround(w + Math.fround(delta));
  switch (dtype) {
    case 'BF16':
      return tablesFor('BF16').value[f32ToBf16Bits(sum)]!;
    case 'F16':
      return tablesFor('F16').value[f32ToF16Bits(sum)]!;
    case 'F32':
      return sum;
    case 'F64':
      return w + delta;
  }
}

/** The value `x` takes when stored in `dtype` (single rounding). */
export function storedValue(dtype: WeightDtype, x: number): number {
  switch (dtype) {
    case 'BF16':
      return tablesFor('BF16').value[f32ToBf16Bits(x)]!;
    case 'F16':
      return tablesFor('F16').value[f32ToF16Bits(x)]!;
    case 'F32':
      return Math.fround(x);
    case 'F64':
      return x;
  }
}

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

/** out[j] = storedSum(dtype, w[j], delta[j]) for a whole row, with the bf16 rounding inlined. */
export function storedSumRow(
  dtype: WeightDtype,
  w: Float64Array,
  delta: Float64Array,
  out: Float64Array,
): void {
  const n = w.length;
  if (dtype === 'BF16') {
    const value = tablesFor('BF16').value;
    for (let j = 0; j < n; j++) {
      scratchF32[0] = w[j]! + Math.fround(delta[j]!);
      const bits = scratchU32[0]!;
      if ((bits & 0x7f800000) === 0x7f800000 && (bits & 0x007fffff) !== 0) {
        out[j] = Number.NaN;
      } else {
        out[j] = value[((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) & 0xffff]!;
      }
    }
    return;
  }
  for (let j = 0; j < n; j++) out[j] = storedSum(dtype, w[j]!, delta[j]!);
}

/** What one exact BF16 row gives: the finite Σ W², the elements W + ΔW rounds back to, its non-finite sums. */
export interface RoundingRow {
  squares: number;
  away: number;
  inf: number;
  nan: number;
  /** The first column whose stored sum is NaN or ±Inf, or -1. */
  firstNonFinite: number;
}

/**
 * One pass over a BF16 row (`cols` bits from `offset`): w[j] = its value, and per element what
 * decodeRow + storedSumRow('BF16') + the exact-row loop give, the same bits.
 */
export function roundingRowBf16(
  bits: Uint16Array,
  offset: number,
  cols: number,
  delta: Float64Array,
  w: Float64Array,
  out: RoundingRow,
): void {
  const value = tablesFor('BF16').value;
  let squares = 0;
  let away = 0;
  let inf = 0;
  let nan = 0;
  let first = -1;
  for (let j = 0; j < cols; j++) {
    const wj = value[bits[offset + j]!]!;
    w[j] = wj;
    if (wj - wj === 0) squares += wj * wj;
    scratchF32[0] = wj + Math.fround(delta[j]!);
    const sum = scratchU32[0]!;
    if ((sum & 0x7f800000) === 0x7f800000 && (sum & 0x007fffff) !== 0) {
      nan++;
      if (first < 0) first = j;
      continue;
    }
    const stored = value[((sum + 0x7fff + ((sum >>> 16) & 1)) >>> 16) & 0xffff]!;
    if (stored === wj) away++;
    if (stored - stored !== 0) {
      if (Number.isNaN(stored)) nan++;
      else inf++;
      if (first < 0) first = j;
    }
  }
  out.squares = squares;
  out.away = away;
  out.inf = inf;
  out.nan = nan;
  out.firstNonFinite = first;
}
