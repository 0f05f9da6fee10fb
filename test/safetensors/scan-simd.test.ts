import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleScanKernel } from '../../scripts/build-wasm.js';
import { createJsScanner, createScanner, scanBytes } from '../../src/safetensors/scan.js';
import { scanKernel } from '../../src/safetensors/simd/kernel.js';
import { SCAN_KERNEL_BASE64 } from '../../src/safetensors/simd/scan-kernel-wasm.js';
import { SimdScanner } from '../../src/safetensors/simd/simd-scanner.js';
import type { TensorStats } from '../../src/safetensors/types.js';

type SimdDtype = 'F32' | 'BF16' | 'F16';
const BYTES: Record<SimdDtype, number> = { F32: 4, BF16: 2, F16: 2 };

/** Independent decoders, written from the format definitions. */
function decodeF16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Infinity;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

function decode(dtype: SimdDtype, bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i + BYTES[dtype] <= bytes.length; i += BYTES[dtype]) {
    if (dtype === 'F32') out.push(view.getFloat32(i, true));
    else if (dtype === 'BF16')
      out.push(new Float32Array(new Uint32Array([view.getUint16(i, true) << 16]).buffer)[0]!);
    else out.push(decodeF16(view.getUint16(i, true)));
  }
  return out;
}

/** Plain float64 reference; min/max follow Math.min/Math.max (-0 below +0). */
function reference(values: readonly number[]): TensorStats {
  let nanCount = 0;
  let posInfCount = 0;
  let negInfCount = 0;
  let firstNonFinite = -1;
  let min = Infinity;
  let max = -Infinity;
  let sumSquares = 0;
  values.forEach((v, i) => {
    if (Number.isFinite(v)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sumSquares += v * v;
      return;
    }
    if (Number.isNaN(v)) nanCount++;
    else if (v > 0) posInfCount++;
    else negInfCount++;
    if (firstNonFinite < 0) firstNonFinite = i;
  });
  const anyFinite = min <= max;
  return {
    elements: values.length,
    allZero: values.every((v) => v === 0),
    nanCount,
    posInfCount,
    negInfCount,
    firstNonFinite,
    min: anyFinite ? min : Number.NaN,
    max: anyFinite ? max : Number.NaN,
    absMax: anyFinite ? Math.max(-min, max) : Number.NaN,
    sumSquares: anyFinite ? sumSquares : Number.NaN,
  };
}

function expectSame(got: TensorStats, want: TensorStats): void {
  const { sumSquares: gotSum, ...gotRest } = got;
  const { sumSquares: wantSum, ...wantRest } = want;
  expect(gotRest).toEqual(wantRest);
  // toEqual does not tell -0 from +0; Object.is does.
  expect([Object.is(got.min, want.min), Object.is(got.max, want.max)]).toEqual([true, true]);
  if (Number.isNaN(wantSum)) expect(gotSum).toBeNaN();
  else expect(Math.abs(gotSum - wantSum)).toBeLessThanOrEqual(1e-12 * wantSum);
}

/** Scan `bytes` through createScanner in chunks of `chunkElements`, each copied to an odd byte offset. */
function scanInChunks(dtype: SimdDtype, bytes: Uint8Array, chunkElements: number): TensorStats {
  const scanner = createScanner(dtype, bytes.length / BYTES[dtype]);
  const step = chunkElements * BYTES[dtype];
  for (let at = 0; at < bytes.length; at += step) {
    const part = bytes.subarray(at, Math.min(bytes.length, at + step));
    const misaligned = new Uint8Array(part.length + 3).subarray(1, part.length + 1);
    misaligned.set(part);
    scanner.update(misaligned);
  }
  return scanner.result();
}

function bytesOf(dtype: SimdDtype, bits: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(bits.length * BYTES[dtype]);
  const view = new DataView(bytes.buffer);
  bits.forEach((b, i) => {
    if (dtype === 'F32') view.setUint32(i * 4, b >>> 0, true);
    else view.setUint16(i * 2, b & 0xffff, true);
  });
  return bytes;
}

const finiteBits: Record<SimdDtype, fc.Arbitrary<number>> = {
  F32: fc.integer({ min: 0, max: 0xffffffff }).filter((b) => (b & 0x7f800000) !== 0x7f800000),
  BF16: fc.integer({ min: 0, max: 0xffff }).filter((b) => (b & 0x7f80) !== 0x7f80),
  F16: fc.integer({ min: 0, max: 0xffff }).filter((b) => (b & 0x7c00) !== 0x7c00),
};
const anyBits: Record<SimdDtype, fc.Arbitrary<number>> = {
  F32: fc.integer({ min: 0, max: 0xffffffff }),
  BF16: fc.integer({ min: 0, max: 0xffff }),
  F16: fc.integer({ min: 0, max: 0xffff }),
};
const DTYPES: SimdDtype[] = ['F32', 'BF16', 'F16'];

describe('WebAssembly SIMD scan kernel', () => {
  it('is available here and backs createScanner for F32, BF16, F16, F64 and C64', () => {
    expect(scanKernel()).not.toBeNull();
    for (const dtype of ['F32', 'BF16', 'F16', 'F64', 'C64'] as const) {
      expect(createScanner(dtype, 1)).toBeInstanceOf(SimdScanner);
    }
    expect(createScanner('F8_E4M3', 1)).not.toBeInstanceOf(SimdScanner);
  });

  it('the committed module equals the assembled WAT', async () => {
    const assembled = await assembleScanKernel();
    expect(Buffer.from(SCAN_KERNEL_BASE64, 'base64').equals(Buffer.from(assembled))).toBe(true);
  });

  for (const dtype of DTYPES) {
    describe(dtype, () => {
      it('matches a float64 reference on random finite data of any length', () => {
        fc.assert(
          fc.property(fc.array(finiteBits[dtype], { maxLength: 300 }), (bits) => {
            const bytes = bytesOf(dtype, bits);
            expectSame(scanBytes(dtype, bits.length, bytes), reference(decode(dtype, bytes)));
          }),
          { numRuns: 300 },
        );
      });

      it('matches the reference with NaN/Inf anywhere, across chunk boundaries and unaligned chunks', () => {
        fc.assert(
          fc.property(
            fc.array(anyBits[dtype], { minLength: 1, maxLength: 200 }),
            fc.integer({ min: 1, max: 37 }),
            (bits, chunkElements) => {
              const bytes = bytesOf(dtype, bits);
              expectSame(scanInChunks(dtype, bytes, chunkElements), reference(decode(dtype, bytes)));
            },
          ),
          { numRuns: 300 },
        );
      });

      it('keeps sumSquares within 1e-9 of float64 on a large random tensor', () => {
        const n = 100_003;
        const bits: number[] = [];
        let seed = 12345;
        for (let i = 0; i < n; i++) {
          seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
          // Mostly moderate exponents, like weights.
          bits.push(dtype === 'F32' ? (seed & 0x83ffffff) | 0x38000000 : (seed >>> 16) & 0xbfff);
        }
        const bytes = bytesOf(dtype, bits);
        const want = reference(decode(dtype, bytes));
        const got = scanInChunks(dtype, bytes, 4099);
        expect(Math.abs(got.sumSquares - want.sumSquares) / want.sumSquares).toBeLessThanOrEqual(1e-9);
        expect([got.min, got.max, got.firstNonFinite]).toEqual([want.min, want.max, want.firstNonFinite]);
      });

      it('treats a tensor of only -0 (and +0) as all zero, with min -0', () => {
        const negZero = dtype === 'F32' ? 0x80000000 : 0x8000;
        for (const n of [1, 3, 8, 17, 64]) {
          const onlyNeg = scanBytes(dtype, n, bytesOf(dtype, Array(n).fill(negZero)));
          expect([onlyNeg.allZero, Object.is(onlyNeg.min, -0), onlyNeg.sumSquares]).toEqual([true, true, 0]);
          const mixed = bytesOf(
            dtype,
            Array.from({ length: n }, (_, i) => (i % 2 ? negZero : 0)),
          );
          expect(scanBytes(dtype, n, mixed).allZero).toBe(true);
        }
        const one = scanBytes(dtype, 9, bytesOf(dtype, [...Array(8).fill(negZero), 1]));
        expect(one.allZero).toBe(false);
      });

      it('reports the first non-finite index at every position of a 40-element tensor', () => {
        const inf = dtype === 'F32' ? 0x7f800000 : dtype === 'BF16' ? 0x7f80 : 0x7c00;
        const one = dtype === 'F32' ? 0x3f800000 : dtype === 'BF16' ? 0x3f80 : 0x3c00;
        for (let at = 0; at < 40; at++) {
          const bits = Array(40).fill(one);
          bits[at] = inf;
          bits[39 - ((at * 7) % 40)] = inf | 1; // a NaN somewhere too
          const bytes = bytesOf(dtype, bits);
          expectSame(scanInChunks(dtype, bytes, 16), reference(decode(dtype, bytes)));
        }
      });

      it('handles subnormals exactly', () => {
        const bits =
          dtype === 'F32'
            ? [0x00000001, 0x807fffff, 0x00400000, 0x80000001, 0x00000003]
            : [0x0001, 0x807f, 0x0040, 0x8001, 0x03ff, 0x83ff, 0x0200, 0x0003, 0x0002];
        const bytes = bytesOf(dtype, bits);
        const got = scanBytes(dtype, bits.length, bytes);
        expectSame(got, reference(decode(dtype, bytes)));
        expect(got.allZero).toBe(false);
      });
    });
  }

  it('converts every F16 bit pattern exactly (one at a time in the kernel, then all together)', () => {
    const kernel = scanKernel()!;
    const all = Array.from({ length: 0x10000 }, (_, bits) => bits);
    const wrong: number[] = [];
    for (const bits of all) {
      const value = decodeF16(bits);
      const got = kernel.scan('F16', bytesOf('F16', [bits]));
      const ok = Number.isFinite(value)
        ? got.allFinite &&
          Object.is(got.min, value) &&
          Object.is(got.max, value) &&
          got.sumSquares === value * value
        : !got.allFinite;
      if (!ok) wrong.push(bits);
    }
    expect(wrong).toEqual([]);
    const finite = all.filter((b) => (b & 0x7c00) !== 0x7c00);
    expectSame(scanInChunks('F16', bytesOf('F16', finite), 1000), reference(finite.map(decodeF16)));
    expectSame(scanInChunks('F16', bytesOf('F16', all), 4096), reference(all.map(decodeF16)));
  });

  it('agrees with the pure-JS scanners on F64 and C64, including Inf and overflowing squares', () => {
    const values = [1.5, -2, 1e300, -0, 3, Number.NaN, 1e-310, -7.25, Infinity];
    const f64 = new Uint8Array(new Float64Array(values).buffer);
    const js = createJsScanner('F64', values.length);
    js.update(f64);
    expect(scanBytes('F64', values.length, f64)).toEqual(js.result());
    const c64 = new Uint8Array(new Float32Array([1, -2, 0, 0, 3, Number.NaN, -5, 4, 0.5]).buffer);
    const jsC = createJsScanner('C64', 4);
    jsC.update(c64.subarray(0, 32));
    expect(scanBytes('C64', 4, c64.subarray(0, 32))).toEqual(jsC.result());
  });
});
