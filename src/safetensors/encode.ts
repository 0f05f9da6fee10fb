// Float encoders (round to nearest, ties to even) for writing tensors and for modelling a merge in the base dtype.
import type { Dtype } from './types.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export function f32ToBf16Bits(value: number): number {
  f32[0] = value;
  const bits = u32[0]!;
  if ((bits & 0x7f800000) === 0x7f800000 && (bits & 0x007fffff) !== 0)
    return ((bits >>> 16) | 0x0040) & 0xffff;
  const roundingBias = 0x7fff + ((bits >>> 16) & 1);
  return ((bits + roundingBias) >>> 16) & 0xffff;
}

export function f32ToF16Bits(value: number): number {
  f32[0] = value;
  const bits = u32[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  let mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa !== 0 ? 0x200 : 0);
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    if (halfExponent < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - halfExponent;
    let half = mantissa >>> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && (half & 1) === 1)) half++;
    return sign | half;
  }
  let half = (halfExponent << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1)) half++;
  return sign | half;
}

export function bf16BitsToF32(bits: number): number {
  u32[0] = (bits & 0xffff) << 16;
  return f32[0]!;
}

export function f16BitsToF32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** The value `x` becomes when stored in `dtype` (F32, F16, BF16; F64 keeps it). */
export function roundToDtype(dtype: Dtype, x: number): number {
  switch (dtype) {
    case 'F64':
      return x;
    case 'F32':
      return Math.fround(x);
    case 'F16':
      return f16BitsToF32(f32ToF16Bits(x));
    case 'BF16':
      return bf16BitsToF32(f32ToBf16Bits(x));
    default:
      throw new Error(`roundToDtype: unsupported dtype ${dtype}`);
  }
}

/** Little-endian bytes of `values` in `dtype`: floats F64/F32/F16/BF16 (rounded), integers truncated. */
export function encodeValues(dtype: Dtype, values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  switch (dtype) {
    case 'F64':
      return bytesOf(Float64Array.from(values));
    case 'F32':
      return bytesOf(Float32Array.from(values));
    case 'F16':
    case 'BF16': {
      const out = new Uint16Array(n);
      const encode = dtype === 'F16' ? f32ToF16Bits : f32ToBf16Bits;
      for (let i = 0; i < n; i++) out[i] = encode(values[i]!);
      return bytesOf(out);
    }
    case 'I8':
      return bytesOf(Int8Array.from(values));
    case 'U8':
    case 'BOOL':
      return Uint8Array.from(values);
    case 'I16':
      return bytesOf(Int16Array.from(values));
    case 'U16':
      return bytesOf(Uint16Array.from(values));
    case 'I32':
      return bytesOf(Int32Array.from(values));
    case 'U32':
      return bytesOf(Uint32Array.from(values));
    case 'I64':
      return bytesOf(BigInt64Array.from(Array.from(values, (v) => BigInt(Math.trunc(v)))));
    case 'U64':
      return bytesOf(BigUint64Array.from(Array.from(values, (v) => BigInt(Math.trunc(v)))));
    default:
      throw new Error(`encodeValues: unsupported dtype ${dtype}; pass raw bytes instead`);
  }
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}
