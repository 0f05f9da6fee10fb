import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBits, openSafetensors, scanBytes, type TensorStats } from '../../src/safetensors/index.js';
import type { Dtype } from '../../src/safetensors/types.js';
import { buildSafetensors } from '../helpers/safetensors.js';
import { makeTempDir } from './tmp-files.js';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

/** Plain reference: decode each element, then count and sum sequentially. */
function referenceStats(values: readonly number[]): Omit<TensorStats, 'elements'> {
  let nanCount = 0;
  let posInfCount = 0;
  let negInfCount = 0;
  let firstNonFinite = -1;
  const finite: number[] = [];
  values.forEach((v, i) => {
    if (Number.isNaN(v)) nanCount++;
    else if (v === Infinity) posInfCount++;
    else if (v === -Infinity) negInfCount++;
    else {
      finite.push(v);
      return;
    }
    if (firstNonFinite < 0) firstNonFinite = i;
  });
  const min = finite.length ? Math.min(...finite) : Number.NaN;
  const max = finite.length ? Math.max(...finite) : Number.NaN;
  return {
    allZero: values.every((v) => v === 0),
    nanCount,
    posInfCount,
    negInfCount,
    firstNonFinite,
    min,
    max,
    absMax: finite.length ? Math.max(Math.abs(min), Math.abs(max)) : Number.NaN,
    sumSquares: finite.length ? finite.reduce((s, v) => s + v * v, 0) : Number.NaN,
  };
}

function expectStats(got: TensorStats, want: Omit<TensorStats, 'elements'>): void {
  expect({ ...got, sumSquares: 0, min: 0, max: 0, absMax: 0 }).toMatchObject({
    ...want,
    sumSquares: 0,
    min: 0,
    max: 0,
    absMax: 0,
  });
  for (const key of ['min', 'max', 'absMax'] as const) {
    if (Number.isNaN(want[key])) expect(got[key]).toBeNaN();
    else expect(got[key] === want[key] || (got[key] === 0 && want[key] === 0)).toBe(true);
  }
  if (Number.isNaN(want.sumSquares)) expect(got.sumSquares).toBeNaN();
  else expect(got.sumSquares).toBeCloseTo(want.sumSquares, 6);
}

function bytesToValues(dtype: Dtype, bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  if (dtype === 'F32') for (let i = 0; i < bytes.length; i += 4) out.push(view.getFloat32(i, true));
  else if (dtype === 'F64') for (let i = 0; i < bytes.length; i += 8) out.push(view.getFloat64(i, true));
  else if (dtype === 'F16' || dtype === 'BF16')
    for (let i = 0; i < bytes.length; i += 2) out.push(decodeBits(dtype, view.getUint16(i, true)));
  else for (const b of bytes) out.push(decodeBits(dtype, b));
  return out;
}

const ELEMENT_BYTES: Record<string, number> = {
  F32: 4,
  F64: 8,
  F16: 2,
  BF16: 2,
  F8_E4M3: 1,
  F8_E5M2: 1,
  F8_E4M3FNUZ: 1,
  F8_E5M2FNUZ: 1,
  F8_E8M0: 1,
};
const floatDtypes = Object.keys(ELEMENT_BYTES) as Dtype[];

describe('scan agrees with a plain reference computation', () => {
  it('on random bit patterns of every decodable dtype (in memory)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...floatDtypes),
        fc.integer({ min: 0, max: 200 }),
        fc.uint8Array({ minLength: 0, maxLength: 1600 }),
        (dtype, count, pool) => {
          const size = ELEMENT_BYTES[dtype]!;
          const n = Math.min(count, Math.floor(pool.length / size));
          const bytes = pool.slice(0, n * size);
          expectStats(scanBytes(dtype, n, bytes), referenceStats(bytesToValues(dtype, bytes)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('through a file with tiny chunks (chunk boundaries, first index across chunks)', async () => {
    for (const dtype of floatDtypes) {
      const size = ELEMENT_BYTES[dtype]!;
      const numel = 301;
      const bytes = new Uint8Array(numel * size);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 11) & 0x3f;
      // A NaN late in the tensor, found in a later chunk.
      if (dtype === 'F32') new DataView(bytes.buffer).setFloat32(250 * 4, Number.NaN, true);
      const path = tmp.write(
        `chunked-${dtype}.safetensors`,
        buildSafetensors([{ name: 't', dtype, shape: [numel], data: bytes }]),
      );
      const file = await openSafetensors(path);
      const tensor = file.header.tensors.get('t')!;
      const stats = await file.scan(tensor, 16);
      await file.close();
      expect(stats.elements).toBe(numel);
      expectStats(stats, referenceStats(bytesToValues(dtype, bytes)));
      if (dtype === 'F32') expect(stats.firstNonFinite).toBe(250);
    }
  });
});

describe('zero detection', () => {
  it('counts -0 as zero for signed-zero formats', () => {
    expect(scanBytes('BF16', 3, new Uint8Array([0, 0x80, 0, 0x80, 0, 0])).allZero).toBe(true);
    expect(scanBytes('F16', 1, new Uint8Array([0, 0x80])).allZero).toBe(true);
    expect(scanBytes('F32', 1, new Uint8Array([0, 0, 0, 0x80])).allZero).toBe(true);
    expect(scanBytes('F8_E4M3', 2, new Uint8Array([0x80, 0])).allZero).toBe(true);
    expect(scanBytes('F8_E5M2', 2, new Uint8Array([0x80, 0])).allZero).toBe(true);
  });
  it('FNUZ 0x80 is NaN, not zero; E8M0 0x00 is not zero', () => {
    const fnuz = scanBytes('F8_E4M3FNUZ', 2, new Uint8Array([0, 0x80]));
    expect(fnuz.allZero).toBe(false);
    expect(fnuz.nanCount).toBe(1);
    expect(fnuz.firstNonFinite).toBe(1);
    expect(scanBytes('F8_E8M0', 1, new Uint8Array([0])).allZero).toBe(false);
  });
  it('E4M3 has no Inf: 0x7F/0xFF are NaN, 0x7E is 448', () => {
    const s = scanBytes('F8_E4M3', 3, new Uint8Array([0x7f, 0xff, 0x7e]));
    expect([s.nanCount, s.posInfCount, s.negInfCount, s.max]).toEqual([2, 0, 0, 448]);
  });
  it('integers compare bytes and report no float statistics', () => {
    const zero = scanBytes('I32', 3, new Uint8Array(12));
    expect(zero.allZero).toBe(true);
    expect(zero.sumSquares).toBeNaN();
    expect(scanBytes('I8', 5, new Uint8Array([0, 0, 0, 0, 0x80])).allZero).toBe(false);
  });
  it('F4 zero ignores the sign bits of both nibbles; min/max from E2M1 values', () => {
    expect(scanBytes('F4', 4, new Uint8Array([0x88, 0x08])).allZero).toBe(true);
    const s = scanBytes('F4', 2, new Uint8Array([0xf7])); // nibbles 7 (6) and f (-6)
    expect([s.allZero, s.min, s.max, s.sumSquares]).toEqual([false, -6, 6, 72]);
  });
  it('zero-element tensors are vacuously all zero', () => {
    const s = scanBytes('F32', 0, new Uint8Array(0));
    expect([s.allZero, s.min, s.nanCount]).toEqual([true, Number.NaN, 0]);
  });
  it('C64: counts NaN components, element index halves, sum of |z|^2', () => {
    const values = new Float32Array([3, 4, 0, Number.NaN]);
    const s = scanBytes('C64', 2, new Uint8Array(values.buffer));
    expect([s.nanCount, s.firstNonFinite, s.sumSquares, s.absMax]).toEqual([1, 1, 25, 4]);
  });
});

describe('tensor reads', () => {
  it('readFloat32, floatChunks and rawChunks return the written values', async () => {
    const values = Array.from({ length: 40 }, (_, i) => (i - 20) / 4);
    const path = tmp.write(
      'reads.safetensors',
      buildSafetensors([
        { name: 'w', dtype: 'BF16', shape: [8, 5], data: values },
        { name: 'x', dtype: 'F32', shape: [40], data: values },
        { name: 'i', dtype: 'I32', shape: [2], data: [7, -7] },
      ]),
    );
    const file = await openSafetensors(path);
    const w = file.header.tensors.get('w')!;
    expect(Array.from(await file.readFloat32(w))).toEqual(values);
    expect(Array.from(await file.readFloat32(w, 10, 5))).toEqual(values.slice(10, 15));
    const chunks: { offset: number; values: number[] }[] = [];
    for await (const c of file.floatChunks(file.header.tensors.get('x')!, 16)) {
      chunks.push({ offset: c.offset, values: Array.from(c.values) });
    }
    expect(chunks.map((c) => c.offset)).toEqual([0, 16, 32]);
    expect(chunks.flatMap((c) => c.values)).toEqual(values);
    const raw: number[] = [];
    for await (const c of file.rawChunks(file.header.tensors.get('i')!, 3)) raw.push(c.length);
    expect(raw).toEqual([3, 3, 2]);
    const ints = await file.readBytes(file.header.tensors.get('i')!.start, 8);
    expect([ints.readInt32LE(0), ints.readInt32LE(4)]).toEqual([7, -7]);
    await expect(file.readFloat32(w, 38, 5)).rejects.toThrow(RangeError);
    await expect(file.readFloat32(file.header.tensors.get('i')!)).rejects.toThrow(TypeError);
    await file.close();
    await expect(file.readFloat32(w)).rejects.toMatchObject({ code: 'IoError', reason: 'io.closed' });
  });
});
