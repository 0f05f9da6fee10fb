// Header validation in the reference reader's order: UTF-8, JSON + schema, then per tensor (sorted by
// offsets) offsets → shape overflow → sub-byte → size, then coverage of the whole file.
import { dtypeBits, isDtype } from './dtypes.js';
import { SafetensorsError } from './errors.js';
import { findInvalidUtf8, JsonCursor, JsonSyntaxError } from './json-tokenizer.js';
import type { Dtype, SafetensorsHeader, TensorInfo } from './types.js';

/** MAX_HEADER_SIZE of the reference reader (decimal bytes). */
export const MAX_HEADER_SIZE = 100_000_000;

const U64_MAX = (1n << 64n) - 1n;

/** A tensor entry as written, before offset validation. */
interface RawEntry {
  readonly name: string;
  /** Byte index of the entry's key in the JSON text. */
  readonly index: number;
  readonly dtype: Dtype;
  readonly shape: bigint[];
  readonly begin: bigint;
  readonly end: bigint;
}

/** Raised inside the schema pass; turned into InvalidHeaderDeserialization. */
class SchemaError extends Error {
  constructor(
    message: string,
    readonly index: number,
    readonly reason: string,
  ) {
    super(message);
  }
}

const ENTRY_FIELDS = ['dtype', 'shape', 'data_offsets'] as const;

/** Validate header JSON bytes (the N bytes after the length prefix) against a file size. */
export function parseHeader(json: Uint8Array, fileSize: number | bigint, file: string): SafetensorsHeader {
  const headerLength = json.length;
  const size = BigInt(fileSize);
  const fileOffset = (i: number) => 8 + i;

  const badByte = findInvalidUtf8(json);
  if (badByte >= 0) {
    throw new SafetensorsError('InvalidHeader', 'invalid UTF-8 in header', file, fileOffset(badByte), 'utf8');
  }

  let metadata: Map<string, string> | null = null;
  const entries: RawEntry[] = [];
  const tensorNames = new Set<string>();
  const cursor = new JsonCursor(json);
  // Reported only once the whole JSON parsed: the reference deserializes first, so any JSON or schema error
  // anywhere in the header is what it names.
  let duplicate: { readonly key: string; readonly index: number } | null = null;
  try {
    let sawMetadata = false;
    cursor.readObject((key, keyIndex) => {
      if (key === '__metadata__') {
        if (sawMetadata)
          throw new SchemaError('duplicate field `__metadata__`', keyIndex, 'schema.duplicate-field');
        sawMetadata = true;
        metadata = readMetadata(cursor);
        return;
      }
      const entry = readEntry(cursor, key, keyIndex);
      if (tensorNames.has(key)) {
        duplicate ??= { key, index: keyIndex };
        return;
      }
      tensorNames.add(key);
      entries.push(entry);
    });
    cursor.expectEnd();
  } catch (error) {
    if (error instanceof JsonSyntaxError || error instanceof SchemaError) {
      throw new SafetensorsError(
        'InvalidHeaderDeserialization',
        `invalid JSON in header: ${error.message}`,
        file,
        fileOffset(error.index),
        error.reason,
      );
    }
    throw error;
  }
  if (duplicate) {
    const { key, index } = duplicate;
    throw new SafetensorsError(
      'DuplicateTensorName',
      `duplicate tensor name ${JSON.stringify(key)}`,
      file,
      fileOffset(index),
      'schema.duplicate-tensor',
    );
  }

  // Stable sort: ties keep document order (the reference's choice among ties is arbitrary).
  entries.sort((a, b) =>
    a.begin < b.begin ? -1 : a.begin > b.begin ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : 0,
  );

  const dataStart = 8 + headerLength;
  const tensors = new Map<string, TensorInfo>();
  let position = 0n;
  for (const entry of entries) {
    const at = fileOffset(entry.index);
    const quoted = JSON.stringify(entry.name);
    if (entry.begin !== position || entry.end < entry.begin) {
      throw new SafetensorsError(
        'InvalidOffset',
        `invalid offset for tensor ${quoted}`,
        file,
        at,
        'offset.not-contiguous',
      );
    }
    // Left-to-right checked u64 multiply, as the reference does: [2^64−1, 2, 0] overflows before reaching 0.
    let numel = 1n;
    for (const dim of entry.shape) {
      numel *= dim;
      if (numel > U64_MAX) throw overflow(file, at, quoted);
    }
    const bits = numel * BigInt(dtypeBits(entry.dtype));
    if (bits > U64_MAX) throw overflow(file, at, quoted);
    if (bits % 8n !== 0n) {
      throw new SafetensorsError(
        'MisalignedSlice',
        `tensor ${quoted}: the slice does not end at a byte boundary`,
        file,
        at,
        'size.sub-byte',
      );
    }
    if (entry.end - entry.begin !== bits / 8n) {
      throw new SafetensorsError(
        'TensorInvalidInfo',
        `invalid shape, data type, or offset for tensor ${quoted}`,
        file,
        at,
        'size.mismatch',
      );
    }
    position = entry.end;
    tensors.set(entry.name, {
      name: entry.name,
      dtype: entry.dtype,
      shape: entry.shape,
      dims: entry.shape.map(Number),
      numel: Number(numel),
      start: dataStart + Number(entry.begin),
      byteLength: Number(entry.end - entry.begin),
      dataOffsets: [Number(entry.begin), Number(entry.end)],
    });
  }
  const covered = position + BigInt(dataStart);
  if (covered !== size) {
    throw new SafetensorsError(
      'MetadataIncompleteBuffer',
      `incomplete metadata, file not fully covered: tensors end at ${covered}, file size is ${size}`,
      file,
      covered < size ? Number(covered) : Number(size),
      covered < size ? 'coverage.trailing-bytes' : 'coverage.truncated',
    );
  }
  return { headerLength, dataStart, fileSize: Number(size), metadata, tensors };
}

function overflow(file: string, at: number, quoted: string): SafetensorsError {
  return new SafetensorsError(
    'ValidationOverflow',
    `overflow computing buffer size from shape and/or element type of tensor ${quoted}`,
    file,
    at,
    'size.overflow',
  );
}

/** `__metadata__`: null (absent) or a string→string object; duplicate keys inside: last wins. */
function readMetadata(cursor: JsonCursor): Map<string, string> | null {
  const kind = cursor.peekKind();
  if (kind === 'null') {
    cursor.readLiteral('null');
    return null;
  }
  if (kind !== 'object')
    throw new SchemaError('`__metadata__` must be a map', cursor.pos, 'schema.metadata-type');
  const map = new Map<string, string>();
  cursor.readObject((key) => {
    if (cursor.peekKind() !== 'string') {
      throw new SchemaError(
        `metadata value for ${JSON.stringify(key)} must be a string`,
        cursor.pos,
        'schema.metadata-value',
      );
    }
    map.set(key, cursor.readString());
  });
  return map;
}

/** One tensor entry: an object with dtype/shape/data_offsets (extra fields ignored) or a 3-element array. */
function readEntry(cursor: JsonCursor, name: string, index: number): RawEntry {
  const kind = cursor.peekKind();
  let dtype: Dtype | undefined;
  let shape: bigint[] | undefined;
  let offsets: [bigint, bigint] | undefined;
  const readField = (field: (typeof ENTRY_FIELDS)[number]) => {
    if (field === 'dtype') dtype = readDtype(cursor);
    else if (field === 'shape') shape = readUintArray(cursor, 'shape');
    else offsets = readOffsets(cursor);
  };
  if (kind === 'object') {
    const seen = new Set<string>();
    cursor.readObject((key, keyIndex) => {
      const field = ENTRY_FIELDS.find((f) => f === key);
      if (field === undefined) {
        cursor.skipValue();
        return;
      }
      if (seen.has(field))
        throw new SchemaError(`duplicate field \`${field}\``, keyIndex, 'schema.duplicate-field');
      seen.add(field);
      readField(field);
    });
  } else if (kind === 'array') {
    const start = cursor.pos;
    cursor.readArray((i) => {
      const field = ENTRY_FIELDS[i];
      if (field === undefined)
        throw new SchemaError('tensor entry array must have 3 elements', cursor.pos, 'schema.entry-length');
      readField(field);
    });
    if (offsets === undefined)
      throw new SchemaError('tensor entry array must have 3 elements', start, 'schema.entry-length');
  } else {
    throw new SchemaError(
      `tensor ${JSON.stringify(name)} must be an object`,
      cursor.pos,
      'schema.entry-type',
    );
  }
  if (dtype === undefined) throw new SchemaError('missing field `dtype`', index, 'schema.missing-field');
  if (shape === undefined) throw new SchemaError('missing field `shape`', index, 'schema.missing-field');
  if (offsets === undefined)
    throw new SchemaError('missing field `data_offsets`', index, 'schema.missing-field');
  return { name, index, dtype, shape, begin: offsets[0], end: offsets[1] };
}

/**
 * A dtype as serde reads a unit enum variant: a string, or an object of exactly one member whose key names
 * the variant and whose value is null (`{"F32": null}`).
 */
function readDtype(cursor: JsonCursor): Dtype {
  const at = cursor.pos;
  const kind = cursor.peekKind();
  if (kind === 'object') {
    let dtype: Dtype | null = null;
    let members = 0;
    cursor.readObject((name, nameIndex) => {
      if (++members > 1)
        throw new SchemaError('dtype object must have exactly one member', nameIndex, 'dtype.type');
      if (!isDtype(name))
        throw new SchemaError(`unknown dtype ${JSON.stringify(name)}`, nameIndex, 'dtype.unknown');
      if (cursor.peekKind() !== 'null')
        throw new SchemaError(`dtype ${name} takes no value (null)`, cursor.pos, 'dtype.type');
      cursor.readLiteral('null');
      dtype = name;
    });
    if (dtype === null) throw new SchemaError('dtype object must have exactly one member', at, 'dtype.type');
    return dtype;
  }
  if (kind !== 'string') throw new SchemaError('dtype must be a string', at, 'dtype.type');
  const name = cursor.readString();
  if (!isDtype(name)) throw new SchemaError(`unknown dtype ${JSON.stringify(name)}`, at, 'dtype.unknown');
  return name;
}

function readUint(cursor: JsonCursor, what: string): bigint {
  const at = cursor.pos;
  if (cursor.peekKind() !== 'number')
    throw new SchemaError(`${what} must be an integer`, at, 'schema.integer');
  const n = cursor.readNumber();
  if (n.kind !== 'uint')
    throw new SchemaError(`${what} must be an integer in 0..2^64-1`, at, 'schema.integer');
  return n.value;
}

function readUintArray(cursor: JsonCursor, what: string): bigint[] {
  if (cursor.peekKind() !== 'array')
    throw new SchemaError(`${what} must be an array`, cursor.pos, 'schema.array');
  const values: bigint[] = [];
  cursor.readArray(() => values.push(readUint(cursor, what)));
  return values;
}

function readOffsets(cursor: JsonCursor): [bigint, bigint] {
  const at = cursor.pos;
  const values = readUintArray(cursor, 'data_offsets');
  if (values.length !== 2)
    throw new SchemaError('data_offsets must have 2 elements', at, 'schema.offsets-length');
  return [values[0]!, values[1]!];
}
