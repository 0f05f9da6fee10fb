// Writes safetensors the way the reference writer does: header padded with spaces to a multiple of 8,
// tensors ordered by descending dtype alignment then name, offsets contiguous from 0.
import type { Dtype } from './types.js';

/** Enum order of the reference Dtype (the writer sorts by it, descending). */
const DTYPE_ORDER: readonly Dtype[] = [
  'BOOL',
  'F4',
  'F6_E2M3',
  'F6_E3M2',
  'U8',
  'I8',
  'F8_E5M2',
  'F8_E4M3',
  'F8_E8M0',
  'F8_E4M3FNUZ',
  'F8_E5M2FNUZ',
  'I16',
  'U16',
  'F16',
  'BF16',
  'I32',
  'U32',
  'F32',
  'C64',
  'F64',
  'I64',
  'U64',
];

export interface HeaderEntry {
  readonly name: string;
  readonly dtype: Dtype;
  readonly shape: readonly (number | bigint)[];
  readonly dataOffsets: readonly [number, number];
}

export interface TensorToWrite {
  readonly name: string;
  readonly dtype: Dtype;
  readonly shape: readonly (number | bigint)[];
  readonly data: Uint8Array;
}

/** The 8-byte length prefix plus the JSON header, space-padded so the data section starts 8-aligned. */
export function encodeHeader(
  entries: readonly HeaderEntry[],
  metadata?: ReadonlyMap<string, string> | Readonly<Record<string, string>> | null,
  /** Pad the JSON with spaces to exactly this many bytes (N) instead of to the next multiple of 8. */
  headerLength?: number,
): Buffer {
  const parts: string[] = [];
  const metaEntries = metadata instanceof Map ? [...metadata] : metadata ? Object.entries(metadata) : [];
  if (metadata) {
    const fields = metaEntries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    parts.push(`"__metadata__":{${fields.join(',')}}`);
  }
  const sorted = [...entries].sort(
    (a, b) => a.dataOffsets[0] - b.dataOffsets[0] || a.dataOffsets[1] - b.dataOffsets[1],
  );
  for (const e of sorted) {
    const shape = e.shape.map((d) => d.toString()).join(',');
    parts.push(
      `${JSON.stringify(e.name)}:{"dtype":"${e.dtype}","shape":[${shape}],"data_offsets":[${e.dataOffsets[0]},${e.dataOffsets[1]}]}`,
    );
  }
  let json = `{${parts.join(',')}}`;
  const length = Buffer.byteLength(json);
  if (headerLength !== undefined && length > headerLength) {
    throw new RangeError(`the header needs ${length} bytes, more than the ${headerLength} asked for`);
  }
  json += ' '.repeat(headerLength !== undefined ? headerLength - length : (8 - (length % 8)) % 8);
  const header = Buffer.from(json, 'utf8');
  const out = Buffer.alloc(8 + header.length);
  out.writeBigUInt64LE(BigInt(header.length), 0);
  header.copy(out, 8);
  return out;
}

/** Lays tensors out in the reference writer's order and returns header entries plus the data order. */
export function layoutTensors(tensors: readonly TensorToWrite[]): {
  entries: HeaderEntry[];
  ordered: TensorToWrite[];
} {
  const ordered = [...tensors].sort(
    (a, b) =>
      DTYPE_ORDER.indexOf(b.dtype) - DTYPE_ORDER.indexOf(a.dtype) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const entries: HeaderEntry[] = [];
  let offset = 0;
  for (const t of ordered) {
    entries.push({
      name: t.name,
      dtype: t.dtype,
      shape: t.shape,
      dataOffsets: [offset, offset + t.data.length],
    });
    offset += t.data.length;
  }
  return { entries, ordered };
}

/** A whole safetensors file in memory (for small files: tests, examples). */
export function serializeSafetensors(
  tensors: readonly TensorToWrite[],
  metadata?: ReadonlyMap<string, string> | Readonly<Record<string, string>> | null,
): Buffer {
  const { entries, ordered } = layoutTensors(tensors);
  return Buffer.concat([encodeHeader(entries, metadata), ...ordered.map((t) => t.data)]);
}
