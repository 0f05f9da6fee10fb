// Builders for safetensors fixtures: every test makes its own files by code.
import { encodeValues } from '../../src/safetensors/encode.js';
import type { Dtype } from '../../src/safetensors/types.js';
import { serializeSafetensors } from '../../src/safetensors/write.js';

export interface TensorSpec {
  readonly name: string;
  /** Default F32. */
  readonly dtype?: Dtype;
  readonly shape: readonly number[];
  /** Values (encoded per dtype) or raw bytes; default: zeros. */
  readonly data?: ArrayLike<number> | Uint8Array;
}

const BITS: Partial<Record<Dtype, number>> = {
  BOOL: 8,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  F8_E4M3FNUZ: 8,
  F8_E5M2FNUZ: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  C64: 64,
  F64: 64,
  I64: 64,
  U64: 64,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
};

export function tensorBytes(spec: TensorSpec): Uint8Array {
  const dtype = spec.dtype ?? 'F32';
  const numel = spec.shape.reduce((a, b) => a * b, 1);
  if (spec.data instanceof Uint8Array) return spec.data;
  if (spec.data) {
    if (spec.data.length !== numel)
      throw new Error(`${spec.name}: ${spec.data.length} values for ${numel} elements`);
    return encodeValues(dtype, spec.data);
  }
  return new Uint8Array((numel * BITS[dtype]!) / 8);
}

/** A valid file in the reference writer's layout. */
export function buildSafetensors(specs: readonly TensorSpec[], metadata?: Record<string, string>): Buffer {
  return serializeSafetensors(
    specs.map((s) => ({ name: s.name, dtype: s.dtype ?? 'F32', shape: s.shape, data: tensorBytes(s) })),
    metadata ?? null,
  );
}

/** A file from a literal header text (anything, valid or not) and data bytes (or a count of zero bytes). */
export function buildRaw(
  header: string | object,
  data: Uint8Array | number = 0,
  options: { headerLength?: bigint | number } = {},
): Buffer {
  const text = typeof header === 'string' ? header : JSON.stringify(header);
  const headerBytes = Buffer.from(text, 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.writeBigUInt64LE(BigInt(options.headerLength ?? headerBytes.length), 0);
  const dataBytes = typeof data === 'number' ? Buffer.alloc(data) : Buffer.from(data);
  return Buffer.concat([prefix, headerBytes, dataBytes]);
}

/** Deterministic pseudo-random values in [-scale, scale) (mulberry32). */
export function randomValues(count: number, seed: number, scale = 1): Float32Array {
  let state = seed >>> 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1) * scale;
  }
  return out;
}
