// The 22 dtypes of the reference reader with their bit sizes, matched by exact name.
import type { Dtype } from './types.js';

const DTYPE_BITS: ReadonlyMap<string, number> = new Map<Dtype, number>([
  ['BOOL', 8],
  ['F4', 4],
  ['F6_E2M3', 6],
  ['F6_E3M2', 6],
  ['U8', 8],
  ['I8', 8],
  ['F8_E5M2', 8],
  ['F8_E4M3', 8],
  ['F8_E8M0', 8],
  ['F8_E4M3FNUZ', 8],
  ['F8_E5M2FNUZ', 8],
  ['I16', 16],
  ['U16', 16],
  ['F16', 16],
  ['BF16', 16],
  ['I32', 32],
  ['U32', 32],
  ['F32', 32],
  ['C64', 64],
  ['F64', 64],
  ['I64', 64],
  ['U64', 64],
]);

/** All dtype names in the reference enum order. */
export const DTYPES: readonly Dtype[] = [...DTYPE_BITS.keys()] as Dtype[];

const FLOAT_DTYPES: ReadonlySet<Dtype> = new Set<Dtype>([
  'F4',
  'F6_E2M3',
  'F6_E3M2',
  'F8_E5M2',
  'F8_E4M3',
  'F8_E8M0',
  'F8_E4M3FNUZ',
  'F8_E5M2FNUZ',
  'F16',
  'BF16',
  'F32',
  'C64',
  'F64',
]);

/** Dtypes that `floatChunks`/`readFloat32` can decode to f32 (one element per whole number of bytes). */
const DECODABLE_DTYPES: ReadonlySet<Dtype> = new Set<Dtype>([
  'F8_E5M2',
  'F8_E4M3',
  'F8_E8M0',
  'F8_E4M3FNUZ',
  'F8_E5M2FNUZ',
  'F16',
  'BF16',
  'F32',
  'F64',
]);

export function isDtype(name: string): name is Dtype {
  return DTYPE_BITS.has(name);
}

/** Floating-point dtypes, including packed (F4, F6), scale (F8_E8M0) and complex (C64) types. */
export function isFloatDtype(dtype: Dtype): boolean {
  return FLOAT_DTYPES.has(dtype);
}

/** Dtypes whose values can be decoded to f32 by this reader. */
export function isDecodableDtype(dtype: Dtype): boolean {
  return DECODABLE_DTYPES.has(dtype);
}

export function dtypeBits(dtype: Dtype): number {
  const bits = DTYPE_BITS.get(dtype);
  if (bits === undefined) throw new TypeError(`unknown dtype ${String(dtype)}`);
  return bits;
}
