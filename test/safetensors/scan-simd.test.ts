import { truncateSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleScanKernel } from '../../scripts/build-wasm.js';
import { openSafetensors } from '../../src/safetensors/index.js';
import {
  chunkBuffers,
  createJsScanner,
  createScanner,
  scanBytes,
  type TensorScanner,
} from '../../src/safetensors/scan.js';
import { scanKernel } from '../../src/safetensors/simd/kernel.js';
import { SCAN_KERNEL_BASE64 } from '../../src/safetensors/simd/scan-kernel-wasm.js';
import { type ExactScanner, SimdScanner } from '../../src/safetensors/simd/simd-scanner.js';
import type { TensorStats } from '../../src/safetensors/types.js';
import { buildSafetensors } from '../helpers/safetensors.js';
import { makeTempDir } from './tmp-files.js';

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

/**
 * Relative tolerance of sumSquares against float64. The BF16 kernel adds each lane's 8 squares (exact in
 * f32) in f32 over a 3-level tree before widening: at most 3 * 2^-24 = 1.8e-7 off.
 */
const SUM_TOLERANCE: Record<SimdDtype, number> = { F32: 1e-12, BF16: 1.8e-7, F16: 1e-12 };

function expectSame(got: TensorStats, want: TensorStats, tolerance = 1e-12): void {
  const { sumSquares: gotSum, ...gotRest } = got;
  const { sumSquares: wantSum, ...wantRest } = want;
  expect(gotRest).toEqual(wantRest);
  // toEqual does not tell -0 from +0; Object.is does.
  expect([Object.is(got.min, want.min), Object.is(got.max, want.max)]).toEqual([true, true]);
  if (Number.isNaN(wantSum)) expect(gotSum).toBeNaN();
  else expect(Math.abs(gotSum - wantSum)).toBeLessThanOrEqual(tolerance * wantSum);
}

/** Scan `bytes` in chunks of `chunkElements`, each copied to an odd byte offset (createScanner by default). */
function scanInChunks(
  dtype: SimdDtype,
  bytes: Uint8Array,
  chunkElements: number,
  create: (dtype: SimdDtype, numel: number) => TensorScanner = createScanner,
): TensorStats {
  const scanner = create(dtype, bytes.length / BYTES[dtype]);
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
            expectSame(
              scanBytes(dtype, bits.length, bytes),
              reference(decode(dtype, bytes)),
              SUM_TOLERANCE[dtype],
            );
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
              const want = reference(decode(dtype, bytes));
              expectSame(scanInChunks(dtype, bytes, chunkElements), want, SUM_TOLERANCE[dtype]);
              // The pure-JS scanners (the fallback without SIMD) on the same cases, exact.
              expectSame(scanInChunks(dtype, bytes, chunkElements, createJsScanner), want);
            },
          ),
          { numRuns: 300 },
        );
      });

      it('keeps sumSquares within 1e-9 (BF16: 1e-7) of float64 on a large random tensor', () => {
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
        const limit = dtype === 'BF16' ? 1e-7 : 1e-9;
        expect(Math.abs(got.sumSquares - want.sumSquares) / want.sumSquares).toBeLessThanOrEqual(limit);
        expect([got.min, got.max, got.firstNonFinite]).toEqual([want.min, want.max, want.firstNonFinite]);
        const js = scanInChunks(dtype, bytes, 4099, createJsScanner);
        expect(Math.abs(js.sumSquares - want.sumSquares) / want.sumSquares).toBeLessThanOrEqual(1e-12);
        expect([js.min, js.max, js.firstNonFinite]).toEqual([want.min, want.max, want.firstNonFinite]);
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
          expectSame(scanInChunks(dtype, bytes, 16), reference(decode(dtype, bytes)), SUM_TOLERANCE[dtype]);
        }
      });

      it('handles subnormals exactly', () => {
        const bits =
          dtype === 'F32'
            ? [0x00000001, 0x807fffff, 0x00400000, 0x80000001, 0x00000003]
            : [0x0001, 0x807f, 0x0040, 0x8001, 0x03ff, 0x83ff, 0x0200, 0x0003, 0x0002];
        const bytes = bytesOf(dtype, bits);
        const got = scanBytes(dtype, bits.length, bytes);
        expectSame(got, reference(decode(dtype, bytes)), SUM_TOLERANCE[dtype]);
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

  it('BF16: tiny (|x| < 2^-63) and huge (|x| >= 2^64) values lose nothing in the f32 squares', () => {
    const n = 1000; // many 64-byte vector iterations, plus a tail
    const cases = [
      // Every element tiny: squares below f32's normal range, including bf16 subnormals.
      Array.from({ length: n }, (_, i) => [0x0001, 0x8080, 0x1f80, 0x9fff, 0x0b00][i % 5]!),
      // Huge: squares past f32's range, all finite in f64.
      Array.from({ length: n }, (_, i) => [0x5f80, 0xdf80, 0x7f7f, 0x3f80][i % 4]!),
      // Tiny next to normal values: the tiny squares are negligible, the sum stays within tolerance.
      Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0x3c00 + i : 0x0100 + i)),
    ];
    for (const bits of cases) {
      const bytes = bytesOf('BF16', bits);
      const want = reference(decode('BF16', bytes));
      const got = scanBytes('BF16', n, bytes);
      expect([got.nanCount, got.posInfCount, got.negInfCount, got.min, got.max]).toEqual([
        0,
        0,
        0,
        want.min,
        want.max,
      ]);
      expect(Number.isFinite(got.sumSquares) && got.sumSquares > 0).toBe(true);
      expect(Math.abs(got.sumSquares - want.sumSquares)).toBeLessThanOrEqual(1.8e-7 * want.sumSquares);
    }
    // The first two are redone in f64, so they are exact to f64 rounding.
    for (const bits of cases.slice(0, 2)) {
      const bytes = bytesOf('BF16', bits);
      const want = reference(decode('BF16', bytes)).sumSquares;
      expect(Math.abs(scanBytes('BF16', n, bytes).sumSquares - want)).toBeLessThanOrEqual(1e-12 * want);
    }
  });

  it('copies chunks larger than its scratch area piece by piece (NaN, -0 and min/max in later pieces)', () => {
    const n = 3 * 262144 + 5; // F32: just over 3 MiB
    const values = new Float32Array(n).fill(0.5);
    values[300_000] = -0;
    values[600_000] = -3;
    values[780_000] = 7;
    values[700_000] = Number.NaN;
    const bytes = new Uint8Array(values.buffer);
    const js = createJsScanner('F32', n);
    js.update(bytes);
    const got = scanBytes('F32', n, bytes);
    expect(got).toEqual(js.result());
    expect([got.nanCount, got.firstNonFinite, got.min, got.max]).toEqual([1, 700_000, -3, 7]);
    const raw = scanKernel()!.scan('F32', bytes);
    expect([raw.allFinite, raw.min]).toEqual([false, -3]);
  });

  it('leases slots of its memory: disjoint while busy, reused after release, no growth while busy', () => {
    const kernel = scanKernel()!;
    const a = kernel.lease(1000)!;
    const b = kernel.lease(1000)!;
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(Math.abs(a - b)).toBeGreaterThanOrEqual(1000);
    // Growing memory would detach the views of a and b: refused while they are leased.
    expect(kernel.lease(64 * 1024 * 1024)).toBeNull();
    kernel.release(b);
    expect(kernel.lease(900)).toBe(b);
    kernel.release(a);
    kernel.release(b);
    // A chunk in a slot is scanned in place, with the same result as a copied one.
    const values = new Float32Array([1.5, -2, 0.25, 3, -0, 8, -9.5, 4, 2, 1]);
    const scanner = createScanner('F32', values.length);
    const buffers = chunkBuffers(scanner, 2, 40);
    const slot = buffers.view(1, 40);
    slot.set(new Uint8Array(values.buffer));
    expect(slot.buffer).toBe(kernel.view(0, 1).buffer);
    expect(kernel.scan('F32', slot)).toEqual(kernel.scan('F32', new Uint8Array(values.buffer)));
    scanner.update(slot);
    buffers.release();
    expect([scanner.result().min, scanner.result().max, scanner.result().sumSquares]).toEqual([
      -9.5, 8, 190.5625,
    ]);
    // Without the SIMD kernel's scanner, plain buffers.
    const plain = chunkBuffers(createJsScanner('F8_E4M3', 4), 2, 16);
    expect(plain.view(0, 16).buffer).not.toBe(kernel.view(0, 1).buffer);
    expect(plain.view(1, 16).length).toBe(16);
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

  it('BF16 min/max from raw-bit extremes: all-negative, all-positive, signed zeros, mixed, Inf/NaN in the vector part', () => {
    // 40 elements: 32 go through the vector loop (64 bytes), 8 through the scalar tail.
    const cases: Record<string, number[]> = {
      allNegative: Array.from({ length: 40 }, (_, i) => 0x8000 | (0x3f80 + i * 3)),
      allPositive: Array.from({ length: 40 }, (_, i) => 0x3f80 + ((i * 7) % 40)),
      positiveWithZero: [...Array.from({ length: 39 }, (_, i) => 0x4000 + i), 0x0000],
      signedZeros: Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 0x8000 : 0x0000)),
      onlyNegativeZeroVector: [...Array(32).fill(0x8000), ...Array(8).fill(0xbf80)],
      negativeVectorPositiveTail: [...Array(32).fill(0xc000), ...Array(8).fill(0x3f00)],
      positiveVectorNegativeTail: [...Array(32).fill(0x3f00), ...Array(8).fill(0xc000)],
      mixed: Array.from({ length: 40 }, (_, i) => (i * 40503) & 0xffff & ~0x4000),
      negInfInVector: [...Array.from({ length: 40 }, (_, i) => 0x3f80 + i)].map((b, i) =>
        i === 17 ? 0xff80 : b,
      ),
      posNanInVector: [...Array.from({ length: 40 }, (_, i) => 0xbf80 + i)].map((b, i) =>
        i === 5 ? 0x7fc1 : b,
      ),
      negNanInVector: Array.from({ length: 40 }, (_, i) => (i === 31 ? 0xffc0 : 0x3c00 + i)),
    };
    for (const [name, bits] of Object.entries(cases)) {
      const bytes = bytesOf('BF16', bits);
      const want = reference(decode('BF16', bytes));
      const got = scanBytes('BF16', bits.length, bytes);
      expect([name, Object.is(got.min, want.min), Object.is(got.max, want.max)]).toEqual([name, true, true]);
      expectSame(got, want, SUM_TOLERANCE.BF16);
      // The kernel alone: flag set exactly when the chunk holds Inf/NaN.
      const raw = scanKernel()!.scan('BF16', bytes);
      expect([name, raw.allFinite]).toEqual([
        name,
        want.nanCount + want.posInfCount + want.negInfCount === 0,
      ]);
    }
    expect(scanBytes('BF16', 40, bytesOf('BF16', cases.allNegative!)).max).toBe(
      decode('BF16', bytesOf('BF16', [0xbf80]))[0],
    );
  });

  it('F32 min/max from raw-bit extremes: all-negative, all-positive, signed zeros, mixed, Inf/NaN in the vector part', () => {
    // 10 elements: 8 go through the vector loop (32 bytes), 2 through the scalar tail.
    const cases: Record<string, number[]> = {
      allNegative: Array.from({ length: 10 }, (_, i) => (0x80000000 | (0x3f800000 + i * 12345)) >>> 0),
      allPositive: Array.from({ length: 10 }, (_, i) => 0x3f800000 + ((i * 7) % 10) * 99),
      signedZeros: Array.from({ length: 10 }, (_, i) => (i % 3 === 0 ? 0x80000000 : 0)),
      onlyNegativeZeroVector: [...Array(8).fill(0x80000000), 0xbf800000, 0xbf800000],
      negativeVectorPositiveTail: [...Array(8).fill(0xc0000000), 0x3f000000, 0x3f000000],
      positiveVectorNegativeTail: [...Array(8).fill(0x3f000000), 0xc0000000, 0xc0000000],
      denormalsBothSigns: [
        1, 0x80000001, 0x807fffff, 0x007fffff, 2, 0x80000002, 0, 0x80000000, 5, 0x80000005,
      ],
      mixed: Array.from({ length: 10 }, (_, i) => (Math.imul(i + 1, 0x9e3779b9) & ~0x40000000) >>> 0),
      negInfInVector: Array.from({ length: 10 }, (_, i) => (i === 3 ? 0xff800000 : 0x3f800000 + i)),
      negNanInVector: Array.from({ length: 10 }, (_, i) => (i === 7 ? 0xffc00001 : 0xbf800000 + i)),
      posNanInVector: Array.from({ length: 10 }, (_, i) => (i === 0 ? 0x7fc00000 : 0xbf800000 + i)),
    };
    for (const [name, bits] of Object.entries(cases)) {
      const bytes = bytesOf('F32', bits);
      const want = reference(decode('F32', bytes));
      const got = scanBytes('F32', bits.length, bytes);
      expect([name, Object.is(got.min, want.min), Object.is(got.max, want.max)]).toEqual([name, true, true]);
      expectSame(got, want, SUM_TOLERANCE.F32);
      const raw = scanKernel()!.scan('F32', bytes);
      expect([name, raw.allFinite]).toEqual([
        name,
        want.nanCount + want.posInfCount + want.negInfCount === 0,
      ]);
    }
  });

  it('a read failing mid-scan rejects and gives the kernel slots back (the next scan and growth still work)', async () => {
    const tmp = makeTempDir();
    try {
      const numel = 4096;
      const values = Float32Array.from({ length: numel }, (_, i) => (i % 13) - 6.5);
      const data = new Uint8Array(values.buffer);
      const path = tmp.write(
        'cut.safetensors',
        buildSafetensors([{ name: 't', dtype: 'F32', shape: [numel], data }]),
      );
      const file = await openSafetensors(path);
      const tensor = file.header.tensors.get('t')!;
      // Cut the file after the header was read: the third 1 KiB chunk hits end of file.
      truncateSync(path, tensor.start + 2500);
      await expect(file.scan(tensor, 1024)).rejects.toMatchObject({
        code: 'IoError',
        reason: 'io.truncated',
      });
      // Restore the bytes: the same open file scans in full with fresh slots.
      writeFileSync(path, buildSafetensors([{ name: 't', dtype: 'F32', shape: [numel], data }]));
      const stats = await file.scan(tensor, 1024);
      await file.close();
      expectSame(stats, reference(Array.from(values)));
      // No slot was left leased: memory may grow again (it is refused while any slot is busy).
      const kernel = scanKernel()!;
      const size = kernel.view(0, 1).buffer.byteLength + 1024 * 1024;
      const big = kernel.lease(size);
      expect(big).not.toBeNull();
      kernel.release(big!);
    } finally {
      tmp.remove();
    }
  });

  it('creates the exact scanner only for a chunk holding NaN/Inf, and then counts from the right index', () => {
    const kernel = scanKernel()!;
    for (const dtype of ['BF16', 'F32'] as const) {
      let made = 0;
      const numel = 300;
      const make = () => {
        made++;
        // The JS scanners of these dtypes are exact scanners (they implement advance).
        return createJsScanner(dtype, numel) as ExactScanner;
      };
      const scanner = new SimdScanner(kernel, dtype, numel, make);
      const values = Array.from({ length: numel }, (_, i) => (i % 7) - 3.5 + i / 64);
      const bits =
        dtype === 'F32'
          ? Array.from(new Uint32Array(new Float32Array(values).buffer))
          : Array.from(new Uint32Array(new Float32Array(values).buffer), (b) => b >>> 16);
      // Two finite chunks of 100 elements: no exact scanner.
      const all = bytesOf(dtype, bits);
      const step = 100 * BYTES[dtype];
      scanner.update(all.subarray(0, step));
      scanner.update(all.subarray(step, 2 * step));
      expect([dtype, made]).toEqual([dtype, 0]);
      const finiteOnly = new SimdScanner(kernel, dtype, 200, make);
      finiteOnly.update(all.subarray(0, 2 * step));
      expectSame(
        finiteOnly.result(),
        reference(decode(dtype, all.subarray(0, 2 * step))),
        SUM_TOLERANCE[dtype],
      );
      expect([dtype, made]).toEqual([dtype, 0]);
      // A NaN at element 250 of the third chunk: the exact scanner starts at element 200.
      const withNan = [...bits];
      withNan[250] = dtype === 'F32' ? 0x7fc00000 : 0x7fc0;
      const third = bytesOf(dtype, withNan).subarray(2 * step);
      scanner.update(third);
      expect([dtype, made]).toEqual([dtype, 1]);
      const got = scanner.result();
      const want = reference(decode(dtype, bytesOf(dtype, withNan)));
      expect([got.nanCount, got.firstNonFinite]).toEqual([1, 250]);
      expectSame(got, want, SUM_TOLERANCE[dtype]);
    }
  });
});
