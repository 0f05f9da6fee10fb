import { afterAll, describe, expect, it } from 'vitest';
import {
  openSafetensors,
  parseHeader,
  SafetensorsError,
  type SafetensorsErrorCode,
} from '../../src/safetensors/index.js';
import { buildRaw, buildSafetensors } from '../helpers/safetensors.js';
import { makeTempDir } from './tmp-files.js';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

let fileCounter = 0;
async function openBytes(bytes: Uint8Array) {
  const path = tmp.write(`case-${fileCounter++}.safetensors`, bytes);
  const file = await openSafetensors(path);
  await file.close();
  return file.header;
}

async function codeOf(bytes: Uint8Array): Promise<SafetensorsErrorCode | 'OK'> {
  try {
    await openBytes(bytes);
    return 'OK';
  } catch (error) {
    if (error instanceof SafetensorsError) return error.code;
    throw error;
  }
}

/** An F32 [2,2] entry at [0,16] with extra text spliced in. */
const f32Entry = (extra = '') => `{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]${extra}}`;
const oneTensor = (entry: string) => `{"a":${entry}}`;
const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const U64_MAX = '18446744073709551615';

function prefixOnly(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
}

/** Eight U8 tensors of 2^61−1 bytes each: the last END is 2^64−8 (the reference's debug-build panic). */
function nearU64Header(): string {
  const size = (1n << 61n) - 1n;
  const entries = Array.from({ length: 8 }, (_, i) => {
    const begin = size * BigInt(i);
    return `"t${i}":{"dtype":"U8","shape":[${size}],"data_offsets":[${begin},${begin + size}]}`;
  });
  return `{${entries.join(',')}}`;
}

const valid16 = buildSafetensors([{ name: 'a', dtype: 'I32', shape: [2, 2], data: [1, 2, 3, 4] }]);

const cases: [string, Uint8Array, SafetensorsErrorCode][] = [
  // §2 table and §4 upstream tests
  ['empty file (test_header_too_small)', new Uint8Array(0), 'HeaderTooSmall'],
  ['7-byte file', new Uint8Array(7), 'HeaderTooSmall'],
  ['8 bytes, N=60 (test_invalid_header_length)', prefixOnly(60n), 'InvalidHeaderLength'],
  [
    'N = 0xFFFFFF000000003C before size (test_header_too_large)',
    Buffer.concat([
      Buffer.from([0x3c, 0, 0, 0, 0, 0xff, 0xff, 0xff]),
      Buffer.from(oneTensor(f32Entry())),
      Buffer.alloc(16),
    ]),
    'HeaderTooLarge',
  ],
  ['N = 2^64-1 in a tiny file', prefixOnly((1n << 64n) - 1n), 'HeaderTooLarge'],
  ['N = 100_000_001', prefixOnly(100_000_001n), 'HeaderTooLarge'],
  ['N = 100_000_000 with a short file', prefixOnly(100_000_000n), 'InvalidHeaderLength'],
  ['N/2 of the header present (pread truncated header)', valid16.subarray(0, 8 + 20), 'InvalidHeaderLength'],
  [
    'valid file with N rewritten to 1000 (abuse attempt 1)',
    (() => {
      const b = Buffer.from(valid16);
      b.writeBigUInt64LE(1000n);
      return b;
    })(),
    'InvalidHeaderLength',
  ],
  [
    'N=1 header byte 0xFF (test_invalid_header_non_utf8)',
    Buffer.concat([prefixOnly(1n), Buffer.from([0xff])]),
    'InvalidHeader',
  ],
  ['N=1 header "{" (test_invalid_header_not_json)', buildRaw('{'), 'InvalidHeaderDeserialization'],
  [
    '10 tensors at [0,16] (test_json_attack)',
    buildRaw(`{${Array.from({ length: 10 }, (_, i) => `"weight_${i}":${f32Entry()}`).join(',')}}`, 16),
    'InvalidOffset',
  ],
  [
    'polyglot tail (test_metadata_incomplete_buffer a)',
    Buffer.concat([valid16, Buffer.from('extra_bogus_data_for_polyglot_file')]),
    'MetadataIncompleteBuffer',
  ],
  [
    '2 data bytes short (test_metadata_incomplete_buffer b)',
    valid16.subarray(0, valid16.length - 2),
    'MetadataIncompleteBuffer',
  ],
  [
    'I32 [2,2] at [0,4], no data (test_invalid_info)',
    buildRaw('{"a":{"dtype":"I32","shape":[2,2],"data_offsets":[0,4]}}'),
    'TensorInvalidInfo',
  ],
  [
    'shape [2, 2^64-2] (test_validation_overflow a)',
    buildRaw('{"a":{"dtype":"I32","shape":[2,18446744073709551614],"data_offsets":[0,16]}}', 16),
    'ValidationOverflow',
  ],
  [
    'shape [2, 2^63-1]: bits overflow (test_validation_overflow b)',
    buildRaw('{"a":{"dtype":"I32","shape":[2,9223372036854775807],"data_offsets":[0,16]}}', 16),
    'ValidationOverflow',
  ],
  [
    'F4 [1,3] (fp4 misaligned)',
    buildRaw('{"a":{"dtype":"F4","shape":[1,3],"data_offsets":[0,2]}}', 2),
    'MisalignedSlice',
  ],
  [
    'F4 [1,2] in 2 bytes',
    buildRaw('{"a":{"dtype":"F4","shape":[1,2],"data_offsets":[0,2]}}', 2),
    'TensorInvalidInfo',
  ],
  ['F4 scalar', buildRaw('{"a":{"dtype":"F4","shape":[],"data_offsets":[0,1]}}', 1), 'MisalignedSlice'],
  [
    'two 1-element F4 tensors',
    buildRaw(
      '{"a":{"dtype":"F4","shape":[1],"data_offsets":[0,0]},"b":{"dtype":"F4","shape":[1],"data_offsets":[0,1]}}',
      1,
    ),
    'MisalignedSlice',
  ],
  ['F6 [1]', buildRaw('{"a":{"dtype":"F6_E2M3","shape":[1],"data_offsets":[0,1]}}', 1), 'MisalignedSlice'],
  [
    'F32 [1024,1024] with 1 data byte (pread liar)',
    buildRaw('{"liar":{"dtype":"F32","shape":[1024,1024],"data_offsets":[0,4194304]}}', 1),
    'MetadataIncompleteBuffer',
  ],
  [
    'order-dependent overflow [2^64-1, 2, 0]',
    buildRaw(`{"a":{"dtype":"U8","shape":[${U64_MAX},2,0],"data_offsets":[0,0]}}`),
    'ValidationOverflow',
  ],
  // §2.1: InvalidHeaderDeserialization
  ['N = 0', buildRaw(''), 'InvalidHeaderDeserialization'],
  ['whitespace-only header', buildRaw('      '), 'InvalidHeaderDeserialization'],
  ['BOM before {', buildRaw('\ufeff{}'), 'InvalidHeaderDeserialization'],
  ['top-level array', buildRaw('[]'), 'InvalidHeaderDeserialization'],
  ['top-level null', buildRaw('null'), 'InvalidHeaderDeserialization'],
  ['second object after', buildRaw('{}{}'), 'InvalidHeaderDeserialization'],
  ['NUL padding', buildRaw('{}\0\0\0\0\0\0'), 'InvalidHeaderDeserialization'],
  ['trailing comma', buildRaw(`{"a":${f32Entry()},}`, 16), 'InvalidHeaderDeserialization'],
  ['comment', buildRaw('{/*x*/}'), 'InvalidHeaderDeserialization'],
  [
    'leading zero 016',
    buildRaw('{"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,016]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'plus sign',
    buildRaw('{"a":{"dtype":"F32","shape":[+2,2],"data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  ['raw control character in a name', buildRaw(`{"a\tb":${f32Entry()}}`, 16), 'InvalidHeaderDeserialization'],
  ['lone high surrogate', buildRaw(`{"\\ud800":${f32Entry()}}`, 16), 'InvalidHeaderDeserialization'],
  ['lone low surrogate', buildRaw(`{"\\udc00":${f32Entry()}}`, 16), 'InvalidHeaderDeserialization'],
  ['invalid escape \\x', buildRaw(`{"\\x41":${f32Entry()}}`, 16), 'InvalidHeaderDeserialization'],
  [
    'extra field nested 126 deep (128 containers)',
    buildRaw(oneTensor(f32Entry(`,"x":${nested(126)}`)), 16),
    'InvalidHeaderDeserialization',
  ],
  ['entry is a number', buildRaw('{"a":4}'), 'InvalidHeaderDeserialization'],
  ['entry is null', buildRaw('{"a":null}'), 'InvalidHeaderDeserialization'],
  ['entry is a string', buildRaw('{"a":"F32"}'), 'InvalidHeaderDeserialization'],
  [
    'missing shape',
    buildRaw('{"a":{"dtype":"F32","data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'missing dtype',
    buildRaw('{"a":{"shape":[4],"data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  ['missing data_offsets', buildRaw('{"a":{"dtype":"F32","shape":[4]}}', 16), 'InvalidHeaderDeserialization'],
  [
    'duplicate field dtype',
    buildRaw(oneTensor(f32Entry(',"dtype":"F32"')), 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'duplicate field via escape "dtyp\\u0065"',
    buildRaw(oneTensor(f32Entry(',"dtyp\\u0065":"F32"')), 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'data_offsets with 1 element',
    buildRaw('{"a":{"dtype":"F32","shape":[4],"data_offsets":[16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'data_offsets with 3 elements',
    buildRaw('{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'data_offsets as an object',
    buildRaw('{"a":{"dtype":"F32","shape":[4],"data_offsets":{"0":0,"1":16}}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'dtype F128',
    buildRaw('{"a":{"dtype":"F128","shape":[4],"data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'dtype f32 (case)',
    buildRaw('{"a":{"dtype":"f32","shape":[4],"data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'dtype " F32"',
    buildRaw('{"a":{"dtype":" F32","shape":[4],"data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'dtype null',
    buildRaw('{"a":{"dtype":null,"shape":[4],"data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'dtype E8M0 (huggingface.js only)',
    buildRaw('{"a":{"dtype":"E8M0","shape":[4],"data_offsets":[0,4]}}', 4),
    'InvalidHeaderDeserialization',
  ],
  [
    'negative dimension',
    buildRaw('{"a":{"dtype":"F32","shape":[-4],"data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'float 4.0',
    buildRaw('{"a":{"dtype":"F32","shape":[4.0],"data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'float 16.0 offset',
    buildRaw('{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16.0]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'exponent 4e0',
    buildRaw('{"a":{"dtype":"F32","shape":[4e0],"data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'exponent 1e2',
    buildRaw('{"a":{"dtype":"U8","shape":[1e2],"data_offsets":[0,100]}}', 100),
    'InvalidHeaderDeserialization',
  ],
  [
    '-0',
    buildRaw('{"a":{"dtype":"F32","shape":[4],"data_offsets":[-0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    '2^64 (above u64)',
    buildRaw('{"a":{"dtype":"U8","shape":[18446744073709551616,0],"data_offsets":[0,0]}}'),
    'InvalidHeaderDeserialization',
  ],
  [
    '1e400',
    buildRaw('{"a":{"dtype":"F32","shape":[1e400],"data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    '1e400 in an ignored field',
    buildRaw(oneTensor(f32Entry(',"x":1e400')), 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'string "4" as dimension',
    buildRaw('{"a":{"dtype":"F32","shape":["4"],"data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'shape null',
    buildRaw('{"a":{"dtype":"F32","shape":null,"data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  ['array form with 2 elements', buildRaw('{"a":["F32",[4]]}', 16), 'InvalidHeaderDeserialization'],
  ['array form with 4 elements', buildRaw('{"a":["F32",[4],[0,16],1]}', 16), 'InvalidHeaderDeserialization'],
  ['metadata value is a number', buildRaw('{"__metadata__":{"format":1}}'), 'InvalidHeaderDeserialization'],
  ['metadata value is an object', buildRaw('{"__metadata__":{"format":{}}}'), 'InvalidHeaderDeserialization'],
  ['metadata value is null', buildRaw('{"__metadata__":{"format":null}}'), 'InvalidHeaderDeserialization'],
  ['metadata is a string', buildRaw('{"__metadata__":"pt"}'), 'InvalidHeaderDeserialization'],
  ['metadata is an array', buildRaw('{"__metadata__":[]}'), 'InvalidHeaderDeserialization'],
  [
    'duplicate __metadata__',
    buildRaw('{"__metadata__":{},"__metadata__":{}}'),
    'InvalidHeaderDeserialization',
  ],
  [
    'duplicate __metadata__ via escape',
    buildRaw('{"__metadata__":{},"__metadat\\u0061__":null}'),
    'InvalidHeaderDeserialization',
  ],
  ['unterminated string', buildRaw('{"a'), 'InvalidHeaderDeserialization'],
  ['true as key', buildRaw('{true:1}'), 'InvalidHeaderDeserialization'],
  ['misspelled literal', buildRaw(oneTensor(f32Entry(',"x":nul')), 16), 'InvalidHeaderDeserialization'],
  // §5 UTF-8
  [
    'invalid UTF-8 inside a name',
    Buffer.concat([prefixOnly(5n), Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22])]),
    'InvalidHeader',
  ],
  [
    'UTF-8-encoded surrogate',
    Buffer.concat([prefixOnly(5n), Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22])]),
    'InvalidHeader',
  ],
  ['overlong UTF-8', Buffer.concat([prefixOnly(4n), Buffer.from([0x22, 0xc0, 0xaf, 0x22])]), 'InvalidHeader'],
  // §2.2 and §7: offsets, sizes and our stricter duplicate rule
  [
    'duplicate tensor name (identical)',
    buildRaw(`{"a":${f32Entry()},"a":${f32Entry()}}`, 16),
    'DuplicateTensorName',
  ],
  [
    'duplicate tensor name (dtype change)',
    buildRaw(`{"a":${f32Entry()},"a":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}`, 16),
    'DuplicateTensorName',
  ],
  [
    'duplicate name __proto__',
    buildRaw(`{"__proto__":${f32Entry()},"__proto__":${f32Entry()}}`, 16),
    'DuplicateTensorName',
  ],
  // The reference deserializes the whole header first: any JSON or schema error wins over a duplicate.
  [
    'duplicate tensor name, then a trailing comma',
    buildRaw(`{"a":${f32Entry()},"a":${f32Entry()},}`, 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'duplicate tensor name, then an unknown dtype',
    buildRaw(
      `{"a":${f32Entry()},"a":${f32Entry()},"b":{"dtype":"X","shape":[0],"data_offsets":[16,16]}}`,
      16,
    ),
    'InvalidHeaderDeserialization',
  ],
  [
    'duplicate tensor name whose second entry is broken',
    buildRaw(`{"a":${f32Entry()},"a":{"dtype":"X"}}`, 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'dtype as a one-member object with a non-null value',
    buildRaw('{"a":{"dtype":{"F32":{}},"shape":[2,2],"data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'dtype as an object with two members',
    buildRaw('{"a":{"dtype":{"F32":null,"I32":null},"shape":[2,2],"data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'dtype as an empty object',
    buildRaw('{"a":{"dtype":{},"shape":[2,2],"data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'dtype as an object naming an unknown dtype',
    buildRaw('{"a":{"dtype":{"F128":null},"shape":[2,2],"data_offsets":[0,16]}}', 16),
    'InvalidHeaderDeserialization',
  ],
  [
    'gap between tensors',
    buildRaw(
      '{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},"b":{"dtype":"U8","shape":[4],"data_offsets":[8,12]}}',
      12,
    ),
    'InvalidOffset',
  ],
  [
    'first tensor not at 0',
    buildRaw('{"a":{"dtype":"U8","shape":[4],"data_offsets":[4,8]}}', 8),
    'InvalidOffset',
  ],
  [
    'END < BEGIN',
    buildRaw(
      '{"a":{"dtype":"U8","shape":[0],"data_offsets":[0,0]},"b":{"dtype":"U8","shape":[4],"data_offsets":[4,0]}}',
      4,
    ),
    'InvalidOffset',
  ],
  [
    'zero-size tensor off the running position',
    buildRaw(
      '{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"z":{"dtype":"F32","shape":[0],"data_offsets":[20,20]}}',
      16,
    ),
    'InvalidOffset',
  ],
  [
    '[2,0] at [0,4]',
    buildRaw('{"a":{"dtype":"I32","shape":[2,0],"data_offsets":[0,4]}}', 4),
    'TensorInvalidInfo',
  ],
  [
    'scalar with 0 bytes',
    buildRaw('{"a":{"dtype":"I32","shape":[],"data_offsets":[0,0]}}'),
    'TensorInvalidInfo',
  ],
  ['data section but no tensors', buildRaw('{}', 4), 'MetadataIncompleteBuffer'],
  [
    '8 tensors of 2^61-1 bytes: last END = 2^64-8 (coverage must not wrap)',
    buildRaw(nearU64Header()),
    'MetadataIncompleteBuffer',
  ],
  [
    'per-tensor error beats coverage',
    buildRaw('{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,8]}}', 100),
    'TensorInvalidInfo',
  ],
];

describe('bad inputs give the exact error code', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });
  it.each(cases)('%s', async (_name, bytes, code) => {
    expect(await codeOf(bytes)).toBe(code);
  });
});

describe('error details', () => {
  it('carries the file, a JSON error offset as a file offset, and a reason', async () => {
    const path = tmp.write(
      'detail.safetensors',
      buildRaw('{"a":{"dtype":"F32","shape":[4.0],"data_offsets":[0,16]}}', 16),
    );
    const error = await openSafetensors(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SafetensorsError);
    const e = error as SafetensorsError;
    expect(e.file).toBe(path);
    expect(e.offset).toBe(8 + '{"a":{"dtype":"F32","shape":['.length);
    expect(e.reason).toBe('schema.integer');
  });
  it('points NUL padding at the first NUL byte', () => {
    const json = Buffer.from('{}\0\0');
    const e = (() => {
      try {
        parseHeader(json, 8 + json.length, 'x');
      } catch (error) {
        return error as SafetensorsError;
      }
    })();
    expect(e?.code).toBe('InvalidHeaderDeserialization');
    expect(e?.offset).toBe(10);
    expect(e?.reason).toBe('json.trailing-characters');
  });
  it('a missing file is an IoError with the errno as reason', async () => {
    const error = await openSafetensors(`${tmp.dir}/missing.safetensors`).catch((e: unknown) => e);
    expect((error as SafetensorsError).code).toBe('IoError');
    expect((error as SafetensorsError).reason).toBe('io.ENOENT');
  });
  it('a directory is an IoError', async () => {
    const error = await openSafetensors(tmp.dir).catch((e: unknown) => e);
    expect((error as SafetensorsError).code).toBe('IoError');
  });
});
