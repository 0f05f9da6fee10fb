import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DTYPES, dtypeBits, openSafetensors, SafetensorsError } from '../../src/safetensors/index.js';
import type { Dtype } from '../../src/safetensors/types.js';
import { buildRaw, buildSafetensors } from '../helpers/safetensors.js';
import { makeTempDir } from './tmp-files.js';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

const wholeByteDtypes = DTYPES.filter((d) => dtypeBits(d) % 8 === 0);

const tensorSpec = fc.record({
  name: fc.string({ minLength: 0, maxLength: 12 }),
  dtype: fc.constantFrom(...wholeByteDtypes),
  shape: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 0, maxLength: 4 }),
  seed: fc.integer({ min: 0, max: 255 }),
});

const specsArb = fc
  .uniqueArray(tensorSpec, { selector: (t) => t.name, minLength: 0, maxLength: 6 })
  .filter((specs) => specs.every((s) => s.name !== '__metadata__'));

function materialise(specs: readonly { name: string; dtype: Dtype; shape: number[]; seed: number }[]) {
  return specs.map((s) => {
    const bytes = new Uint8Array((s.shape.reduce((a, b) => a * b, 1) * dtypeBits(s.dtype)) / 8);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (s.seed + i * 31) & 0xff;
    return { name: s.name, dtype: s.dtype, shape: s.shape, data: bytes };
  });
}

describe('valid files round-trip', () => {
  it('every tensor comes back with its dtype, shape and bytes', async () => {
    const path = `${tmp.dir}/roundtrip.safetensors`;
    await fc.assert(
      fc.asyncProperty(
        specsArb,
        fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
        async (specs, meta) => {
          const tensors = materialise(specs);
          const metadata = Object.keys(meta).length > 0 ? meta : undefined;
          tmp.write('roundtrip.safetensors', buildSafetensors(tensors, metadata));
          const file = await openSafetensors(path);
          try {
            expect(file.header.tensors.size).toBe(tensors.length);
            if (metadata) expect(Object.fromEntries(file.header.metadata!)).toEqual(metadata);
            else expect(file.header.metadata).toBeNull();
            for (const t of tensors) {
              const info = file.header.tensors.get(t.name)!;
              expect(info.dtype).toBe(t.dtype);
              expect(info.dims).toEqual(t.shape);
              expect(info.byteLength).toBe(t.data.length);
              const back =
                info.byteLength > 0 ? await file.readBytes(info.start, info.byteLength) : new Uint8Array(0);
              expect(Buffer.compare(Buffer.from(back), Buffer.from(t.data))).toBe(0);
            }
          } finally {
            await file.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; keep: number }
  | { kind: 'length'; value: bigint }
  | { kind: 'splice'; at: number; text: string }
  | { kind: 'append'; bytes: Uint8Array };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), keep: fc.nat() }),
  fc.record({
    kind: fc.constant('length' as const),
    value: fc.oneof(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 0n, max: 400n })),
  }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      '"',
      '\\',
      '-0',
      '1e2',
      '\0',
      '\ufeff',
      '18446744073709551616',
      ' ',
      'null',
      '"__metadata__":',
      '"dtype":"F32",',
      '\\ud800',
    ),
  }),
  fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ maxLength: 16 }) }),
);

function mutate(base: Buffer, mutations: readonly Mutation[]): Buffer {
  let b = Buffer.from(base);
  for (const m of mutations) {
    if (b.length === 0) break;
    if (m.kind === 'flip') b[m.at % b.length]! ^= 1 << m.bit;
    else if (m.kind === 'truncate') b = b.subarray(0, m.keep % (b.length + 1));
    else if (m.kind === 'length' && b.length >= 8) b.writeBigUInt64LE(m.value, 0);
    else if (m.kind === 'splice') {
      const at = m.at % (b.length + 1);
      b = Buffer.concat([b.subarray(0, at), Buffer.from(m.text), b.subarray(at)]);
    } else if (m.kind === 'append') b = Buffer.concat([b, m.bytes]);
  }
  return b;
}

describe('mutated files only ever give SafetensorsError', () => {
  const bases = [
    buildSafetensors(
      [
        { name: 'a', dtype: 'F32', shape: [2, 3], data: [1, 2, 3, 4, 5, 6] },
        { name: 'b', dtype: 'BF16', shape: [4], data: [0, -1, 2, 3] },
        { name: 'c', dtype: 'U8', shape: [0, 3] },
      ],
      { format: 'pt' },
    ),
    buildRaw('{"s":["I32",[],[0,4]],"z":{"dtype":"F4","shape":[2,2],"data_offsets":[4,6],"x":[[1.5e3]]}}', 6),
  ];

  it('thousands of bit flips, truncations, header edits and lying lengths', async () => {
    const path = `${tmp.dir}/mutant.safetensors`;
    let rejected = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...bases),
        fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
        async (base, ms) => {
          tmp.write('mutant.safetensors', mutate(base, ms));
          try {
            const file = await openSafetensors(path);
            try {
              for (const tensor of file.header.tensors.values()) {
                await file.scan(tensor);
                // Accepted files are internally consistent.
                expect(tensor.start + tensor.byteLength).toBeLessThanOrEqual(file.header.fileSize);
              }
            } finally {
              await file.close();
            }
            accepted++;
          } catch (error) {
            if (!(error instanceof SafetensorsError)) throw error;
            expect(error.code).not.toBe('IoError');
            rejected++;
          }
        },
      ),
      { numRuns: 3000 },
    );
    expect(rejected).toBeGreaterThan(1000);
    expect(accepted + rejected).toBe(3000);
  });
});
