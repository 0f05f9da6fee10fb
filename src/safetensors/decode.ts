// Decoding of float dtypes to f32. 8- and 16-bit formats go through lookup tables built once from the
// general formula (sign, exponent, mantissa, bias) with each format's own NaN/Inf encoding.
import { dtypeBits } from './dtypes.js';
import type { Dtype } from './types.js';

export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Value of a minifloat with `e` exponent bits and `m` mantissa bits (no special values). */
function minifloat(bits: number, e: number, m: number, bias: number): number {
  const sign = (bits >>> (e + m)) & 1 ? -1 : 1;
  const exponent = (bits >>> m) & ((1 << e) - 1);
  const mantissa = bits & ((1 << m) - 1);
  if (exponent === 0) return sign * mantissa * 2 ** (1 - bias - m);
  return sign * (1 + mantissa / 2 ** m) * 2 ** (exponent - bias);
}

function buildTable(size: number, decode: (bits: number) => number): Float32Array {
  const table = new Float32Array(size);
  for (let i = 0; i < size; i++) table[i] = decode(i);
  return table;
}

const tables = new Map<Dtype, Float32Array>();

function f16(bits: number): number {
  if ((bits & 0x7c00) === 0x7c00) return bits & 0x3ff ? Number.NaN : bits & 0x8000 ? -Infinity : Infinity;
  return minifloat(bits, 5, 10, 15);
}

function bf16(bits: number): number {
  const scratch = new Float32Array(1);
  new Uint32Array(scratch.buffer)[0] = bits << 16;
  return scratch[0]!;
}

function e4m3(bits: number): number {
  return (bits & 0x7f) === 0x7f ? Number.NaN : minifloat(bits, 4, 3, 7);
}

function e5m2(bits: number): number {
  if ((bits & 0x7c) === 0x7c) return bits & 0x03 ? Number.NaN : bits & 0x80 ? -Infinity : Infinity;
  return minifloat(bits, 5, 2, 15);
}

function e4m3fnuz(bits: number): number {
  return bits === 0x80 ? Number.NaN : minifloat(bits, 4, 3, 8);
}

function e5m2fnuz(bits: number): number {
  return bits === 0x80 ? Number.NaN : minifloat(bits, 5, 2, 16);
}

function e8m0(bits: number): number {
  return bits === 0xff ? Number.NaN : 2 ** (bits - 127);
}

const TABLE_BUILDERS: Partial<Record<Dtype, () => Float32Array>> = {
  F16: () => buildTable(65536, f16),
  BF16: () => buildTable(65536, bf16),
  F8_E4M3: () => buildTable(256, e4m3),
  F8_E5M2: () => buildTable(256, e5m2),
  F8_E4M3FNUZ: () => buildTable(256, e4m3fnuz),
  F8_E5M2FNUZ: () => buildTable(256, e5m2fnuz),
  F8_E8M0: () => buildTable(256, e8m0),
};

/** The f32 value of every bit pattern of an 8- or 16-bit float dtype (built on first use). */
export function decodeTable(dtype: Dtype): Float32Array | undefined {
  let table = tables.get(dtype);
  if (table === undefined) {
    const build = TABLE_BUILDERS[dtype];
    if (build === undefined) return undefined;
    table = build();
    tables.set(dtype, table);
  }
  return table;
}

/** Decode one element's bits (as an unsigned integer) of an 8- or 16-bit float dtype. */
export function decodeBits(dtype: Dtype, bits: number): number {
  const table = decodeTable(dtype);
  if (table === undefined) throw new TypeError(`no bit-pattern decoder for ${dtype}`);
  return table[bits]!;
}

/** A 2-byte-aligned Uint16Array over `bytes`, copying only when the offset is odd. */
export function u16View(bytes: Uint8Array, count: number): Uint16Array {
  if (bytes.byteOffset % 2 === 0) return new Uint16Array(bytes.buffer, bytes.byteOffset, count);
  return new Uint16Array(bytes.slice(0, count * 2).buffer, 0, count);
}

/**
 * Decode `count` elements of a float dtype from little-endian `bytes` into `out` (from index 0).
 * `bytes` may sit at any offset. Throws TypeError for dtypes that cannot be decoded to f32.
 */
export function decodeToFloat32(dtype: Dtype, bytes: Uint8Array, out: Float32Array, count: number): void {
  const elementBytes = dtypeBits(dtype) / 8;
  if (bytes.length < count * elementBytes) throw new RangeError('not enough bytes to decode');
  if (out.length < count) throw new RangeError('output too small');
  switch (dtype) {
    case 'F32': {
      if (HOST_LITTLE_ENDIAN) {
        new Uint8Array(out.buffer, out.byteOffset, count * 4).set(bytes.subarray(0, count * 4));
      } else {
        const view = new DataView(bytes.buffer, bytes.byteOffset, count * 4);
        for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
      }
      return;
    }
    case 'F64': {
      const view = new DataView(bytes.buffer, bytes.byteOffset, count * 8);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, true);
      return;
    }
    case 'F16':
    case 'BF16': {
      const table = decodeTable(dtype)!;
      if (HOST_LITTLE_ENDIAN) {
        const u16 = u16View(bytes, count);
        for (let i = 0; i < count; i++) out[i] = table[u16[i]!]!;
      } else {
        for (let i = 0; i < count; i++) out[i] = table[bytes[2 * i]! | (bytes[2 * i + 1]! << 8)]!;
      }
      return;
    }
    case 'F8_E4M3':
    case 'F8_E5M2':
    case 'F8_E4M3FNUZ':
    case 'F8_E5M2FNUZ':
    case 'F8_E8M0': {
      const table = decodeTable(dtype)!;
      for (let i = 0; i < count; i++) out[i] = table[bytes[i]!]!;
      return;
    }
    default:
      throw new TypeError(`dtype ${dtype} cannot be decoded to f32`);
  }
}
