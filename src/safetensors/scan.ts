// One-pass value statistics over a tensor's bytes, fed chunk by chunk. 8- and 16-bit floats are counted
// into a histogram of bit patterns (one increment per element, the tightest loop JS offers) and the
// statistics are read off the histogram at the end; F32/F64 use an unrolled loop over a typed array.
// Where WebAssembly SIMD is available, F32/C64/BF16/F16/F64 chunks go through the SIMD kernel first and
// these JS scanners only see chunks holding a NaN or Inf.
import { decodeTable, HOST_LITTLE_ENDIAN, u16View } from './decode.js';
import { dtypeBits } from './dtypes.js';
import { type ScanKernel, scanKernel } from './simd/kernel.js';
import { type ExactScanner, SimdScanner } from './simd/simd-scanner.js';
import type { Dtype, TensorStats } from './types.js';

/** Accumulates statistics of one tensor; call `update` with consecutive chunks, then `result`. */
export interface TensorScanner {
  /** Bytes per element step a chunk must be a multiple of (except the last). */
  readonly chunkMultiple: number;
  update(chunk: Uint8Array): void;
  result(): TensorStats;
}

export function createScanner(dtype: Dtype, numel: number): TensorScanner {
  const kernel = scanKernel();
  if (kernel !== null) {
    switch (dtype) {
      case 'F32':
      case 'BF16':
      case 'F16':
      case 'F64':
        return new SimdScanner(kernel, dtype, numel, () => createExactScanner(dtype, numel));
      case 'C64':
        return new SimdScanner(kernel, 'F32', numel, () => createExactScanner(dtype, numel), true);
    }
  }
  return createJsScanner(dtype, numel);
}

function createExactScanner(dtype: 'F32' | 'C64' | 'BF16' | 'F16' | 'F64', numel: number): ExactScanner {
  if (dtype === 'F32' || dtype === 'C64') return new Float32Scanner(numel, dtype === 'C64');
  if (dtype === 'F64') return new Float64Scanner(numel);
  return new HistogramScanner(dtype, numel);
}

/** The pure-JS scanners (used without WebAssembly SIMD, and as the reference in tests). */
export function createJsScanner(dtype: Dtype, numel: number): TensorScanner {
  switch (dtype) {
    case 'F32':
      return new Float32Scanner(numel, false);
    case 'C64':
      return new Float32Scanner(numel, true);
    case 'F64':
      return new Float64Scanner(numel);
    case 'F16':
    case 'BF16':
    case 'F8_E4M3':
    case 'F8_E5M2':
    case 'F8_E4M3FNUZ':
    case 'F8_E5M2FNUZ':
    case 'F8_E8M0':
      return new HistogramScanner(dtype, numel);
    case 'F4':
      return new F4Scanner(numel);
    default:
      return new ByteZeroScanner(numel, dtypeBits(dtype));
  }
}

/** The `chunkMultiple` of every scanner of `dtype` (SIMD or JS), known without creating one. */
export function chunkMultipleOf(dtype: Dtype): number {
  if (dtype === 'C64') return 8;
  return Math.max(1, dtypeBits(dtype) / 8);
}

/** The chunk size a scan with `chunkBytes` uses for a tensor of `dtype`: whole multiples of 8 steps. */
export function scanStep(dtype: Dtype, chunkBytes: number): number {
  const multiple = chunkMultipleOf(dtype) * 8;
  return Math.max(multiple, Math.floor(chunkBytes / multiple) * multiple);
}

/** Buffers to read a tensor's chunks into; `view(i, n)` is the first n bytes of buffer i. */
export interface ChunkBuffers {
  view(index: number, byteLength: number): Uint8Array;
  release(): void;
}

/**
 * `count` buffers of `size` bytes for feeding `scanner`: slots of the SIMD kernel's memory when it runs
 * there (reads then land where the kernel scans, saving a copy per chunk), plain arrays otherwise.
 */
export function chunkBuffers(scanner: TensorScanner, count: number, size: number): ChunkBuffers {
  return buffersIn(scanner instanceof SimdScanner ? scanner.kernel : null, count, size);
}

/**
 * `count` buffers of `size` bytes for chunks of tensors of these dtypes: slots of the SIMD kernel's memory
 * when any of them is scanned there (a chunk of another dtype is still read and scanned correctly in them).
 */
export function chunkBuffersFor(dtypes: Iterable<Dtype>, count: number, size: number): ChunkBuffers {
  const kernel = scanKernel();
  let uses = false;
  if (kernel !== null) for (const dtype of dtypes) uses ||= KERNEL_DTYPES.has(dtype);
  return buffersIn(uses ? kernel : null, count, size);
}

/** The dtypes `createScanner` runs on the SIMD kernel when it is available. */
const KERNEL_DTYPES: ReadonlySet<Dtype> = new Set<Dtype>(['F32', 'BF16', 'F16', 'F64', 'C64']);

function buffersIn(kernel: ScanKernel | null, count: number, size: number): ChunkBuffers {
  if (kernel !== null && count > 0) {
    const offset = kernel.lease(count * size);
    if (offset !== null) {
      let released = false;
      return {
        view: (index, byteLength) => kernel.view(offset + index * size, Math.min(byteLength, size)),
        release: () => {
          if (!released) kernel.release(offset);
          released = true;
        },
      };
    }
  }
  const buffers = Array.from({ length: count }, () => new Uint8Array(size));
  return { view: (index, byteLength) => buffers[index]!.subarray(0, byteLength), release: () => {} };
}

/** Scan a whole tensor held in memory (convenience for tests and small tensors). */
export function scanBytes(dtype: Dtype, numel: number, bytes: Uint8Array): TensorStats {
  const scanner = createScanner(dtype, numel);
  scanner.update(bytes);
  return scanner.result();
}

function emptyStats(elements: number, allZero: boolean): TensorStats {
  return {
    elements,
    allZero,
    nanCount: 0,
    posInfCount: 0,
    negInfCount: 0,
    firstNonFinite: -1,
    min: Number.NaN,
    max: Number.NaN,
    absMax: Number.NaN,
    sumSquares: Number.NaN,
  };
}

class Float32Scanner implements ExactScanner {
  readonly chunkMultiple: number;
  private index = 0;
  private nan = 0;
  private posInf = 0;
  private negInf = 0;
  private first = -1;
  private min = Infinity;
  private max = -Infinity;
  private sumSquares = 0;

  constructor(
    private readonly numel: number,
    /** C64: two f32 components per element; element index = component index / 2. */
    private readonly complex: boolean,
  ) {
    this.chunkMultiple = complex ? 8 : 4;
  }

  update(chunk: Uint8Array): void {
    const n = chunk.length >>> 2;
    let values: Float32Array;
    if (HOST_LITTLE_ENDIAN && chunk.byteOffset % 4 === 0)
      values = new Float32Array(chunk.buffer, chunk.byteOffset, n);
    else {
      values = new Float32Array(n);
      const view = new DataView(chunk.buffer, chunk.byteOffset, n * 4);
      for (let i = 0; i < n; i++) values[i] = view.getFloat32(i * 4, true);
    }
    // Fast pass without per-element checks: the sum of squares is finite exactly when every value is
    // (a finite f32 squared cannot overflow f64), so a non-finite sum sends the chunk to the slow path.
    let min = Infinity;
    let max = -Infinity;
    let s0 = 0;
    let s1 = 0;
    const end2 = n & ~1;
    for (let i = 0; i < end2; i += 2) {
      const a = values[i]!;
      const b = values[i + 1]!;
      min = Math.min(min, a, b);
      max = Math.max(max, a, b);
      s0 += a * a;
      s1 += b * b;
    }
    if (end2 < n) {
      const a = values[end2]!;
      min = Math.min(min, a);
      max = Math.max(max, a);
      s0 += a * a;
    }
    const sum = s0 + s1;
    if (Number.isFinite(sum)) {
      if (min < this.min) this.min = min;
      if (max > this.max) this.max = max;
      this.sumSquares += sum;
    } else {
      this.slowPath(values, 0, n);
    }
    this.index += n;
  }

  private slowPath(values: Float32Array, from: number, to: number): void {
    let min = this.min;
    let max = this.max;
    let sum = 0;
    for (let i = from; i < to; i++) {
      const v = values[i]!;
      if (v - v === 0) {
        if (v < min) min = v;
        if (v > max) max = v;
        sum += v * v;
        continue;
      }
      if (Number.isNaN(v)) this.nan++;
      else if (v > 0) this.posInf++;
      else this.negInf++;
      if (this.first < 0) this.first = this.complex ? Math.floor((this.index + i) / 2) : this.index + i;
    }
    this.min = min;
    this.max = max;
    this.sumSquares += sum;
  }

  advance(elements: number): void {
    this.index += elements;
  }

  result(): TensorStats {
    const nonFinite = this.nan + this.posInf + this.negInf;
    const anyFinite = this.min <= this.max;
    const allZero = nonFinite === 0 && (!anyFinite || (this.min === 0 && this.max === 0));
    const absMax = anyFinite ? Math.max(Math.abs(this.min), Math.abs(this.max)) : Number.NaN;
    return {
      elements: this.numel,
      allZero,
      nanCount: this.nan,
      posInfCount: this.posInf,
      negInfCount: this.negInf,
      firstNonFinite: this.first,
      // A complex tensor has no order: only absMax (over components) and the sum of |z|^2 are reported.
      min: anyFinite && !this.complex ? this.min : Number.NaN,
      max: anyFinite && !this.complex ? this.max : Number.NaN,
      absMax,
      sumSquares: anyFinite ? this.sumSquares : Number.NaN,
    };
  }
}

class Float64Scanner implements ExactScanner {
  readonly chunkMultiple = 8;
  private index = 0;
  private nan = 0;
  private posInf = 0;
  private negInf = 0;
  private first = -1;
  private min = Infinity;
  private max = -Infinity;
  private sumSquares = 0;

  constructor(private readonly numel: number) {}

  update(chunk: Uint8Array): void {
    const n = chunk.length >>> 3;
    const aligned = HOST_LITTLE_ENDIAN && chunk.byteOffset % 8 === 0;
    const values = aligned ? new Float64Array(chunk.buffer, chunk.byteOffset, n) : null;
    const view = aligned ? null : new DataView(chunk.buffer, chunk.byteOffset, n * 8);
    if (values !== null) {
      let min = Infinity;
      let max = -Infinity;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const v = values[i]!;
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v * v;
      }
      // A non-finite sum means a NaN/Inf or (for f64) an overflowing square: take the careful path.
      if (Number.isFinite(sum)) {
        if (min < this.min) this.min = min;
        if (max > this.max) this.max = max;
        this.sumSquares += sum;
        this.index += n;
        return;
      }
    }
    let min = this.min;
    let max = this.max;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = values !== null ? values[i]! : view!.getFloat64(i * 8, true);
      if (v - v === 0) {
        if (v < min) min = v;
        if (v > max) max = v;
        sum += v * v;
        continue;
      }
      if (Number.isNaN(v)) this.nan++;
      else if (v > 0) this.posInf++;
      else this.negInf++;
      if (this.first < 0) this.first = this.index + i;
    }
    this.min = min;
    this.max = max;
    this.sumSquares += sum;
    this.index += n;
  }

  advance(elements: number): void {
    this.index += elements;
  }

  result(): TensorStats {
    const nonFinite = this.nan + this.posInf + this.negInf;
    const anyFinite = this.min <= this.max;
    return {
      elements: this.numel,
      allZero: nonFinite === 0 && (!anyFinite || (this.min === 0 && this.max === 0)),
      nanCount: this.nan,
      posInfCount: this.posInf,
      negInfCount: this.negInf,
      firstNonFinite: this.first,
      min: anyFinite ? this.min : Number.NaN,
      max: anyFinite ? this.max : Number.NaN,
      absMax: anyFinite ? Math.max(Math.abs(this.min), Math.abs(this.max)) : Number.NaN,
      sumSquares: anyFinite ? this.sumSquares : Number.NaN,
    };
  }
}

/** Histogram of bit patterns for 8- and 16-bit floats; statistics come from the decode table at the end. */
class HistogramScanner implements ExactScanner {
  readonly chunkMultiple: number;
  private readonly table: Float32Array;
  private readonly wide: boolean;
  /** Per-chunk counts (Uint32, flushed into `totals` before they could overflow). */
  private readonly counts: Uint32Array;
  private readonly totals: Float64Array;
  private readonly nonFinitePatterns: Uint32Array;
  private sinceFlush = 0;
  private index = 0;
  private first = -1;

  constructor(
    dtype: Dtype,
    private readonly numel: number,
  ) {
    this.table = decodeTable(dtype)!;
    this.wide = this.table.length === 65536;
    this.chunkMultiple = this.wide ? 2 : 1;
    this.counts = new Uint32Array(this.table.length);
    this.totals = new Float64Array(this.table.length);
    const patterns: number[] = [];
    this.table.forEach((v, bits) => {
      if (!Number.isFinite(v)) patterns.push(bits);
    });
    this.nonFinitePatterns = Uint32Array.from(patterns);
  }

  private nonFiniteSoFar(): number {
    let total = 0;
    for (const bits of this.nonFinitePatterns) total += this.counts[bits]! + this.totals[bits]!;
    return total;
  }

  update(chunk: Uint8Array): void {
    const counts = this.counts;
    const before = this.first < 0 ? this.nonFiniteSoFar() : 0;
    let n: number;
    let patterns: Uint16Array | Uint8Array;
    if (this.wide) {
      n = chunk.length >>> 1;
      patterns = HOST_LITTLE_ENDIAN ? u16View(chunk, n) : littleEndianU16(chunk, n);
    } else {
      n = chunk.length;
      patterns = chunk;
    }
    for (let i = 0; i < n; i++) counts[patterns[i]!]!++;
    if (this.first < 0 && this.nonFiniteSoFar() !== before) {
      const table = this.table;
      for (let i = 0; i < n; i++) {
        const v = table[patterns[i]!]!;
        if (v - v !== 0) {
          this.first = this.index + i;
          break;
        }
      }
    }
    this.index += n;
    this.sinceFlush += n;
    if (this.sinceFlush > 0x7fffffff) this.flush();
  }

  private flush(): void {
    for (let b = 0; b < this.counts.length; b++) this.totals[b]! += this.counts[b]!;
    this.counts.fill(0);
    this.sinceFlush = 0;
  }

  advance(elements: number): void {
    this.index += elements;
  }

  result(): TensorStats {
    this.flush();
    let nan = 0;
    let posInf = 0;
    let negInf = 0;
    let min = Infinity;
    let max = -Infinity;
    let sumSquares = 0;
    let allZero = true;
    const table = this.table;
    const totals = this.totals;
    for (let b = 0; b < totals.length; b++) {
      const count = totals[b]!;
      if (count === 0) continue;
      const v = table[b]!;
      if (v !== 0) allZero = false;
      if (Number.isNaN(v)) nan += count;
      else if (v === Infinity) posInf += count;
      else if (v === -Infinity) negInf += count;
      else {
        if (v < min) min = v;
        if (v > max) max = v;
        sumSquares += count * v * v;
      }
    }
    const anyFinite = min <= max;
    return {
      elements: this.numel,
      allZero,
      nanCount: nan,
      posInfCount: posInf,
      negInfCount: negInf,
      firstNonFinite: this.first,
      min: anyFinite ? min : Number.NaN,
      max: anyFinite ? max : Number.NaN,
      absMax: anyFinite ? Math.max(Math.abs(min), Math.abs(max)) : Number.NaN,
      sumSquares: anyFinite ? sumSquares : Number.NaN,
    };
  }
}

function littleEndianU16(chunk: Uint8Array, n: number): Uint16Array {
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) out[i] = chunk[2 * i]! | (chunk[2 * i + 1]! << 8);
  return out;
}

/** F4 (E2M1): two elements per byte; zero/min/max/sum-of-squares do not depend on nibble order. */
const F4_VALUES = [0, 0.5, 1, 1.5, 2, 3, 4, 6, -0, -0.5, -1, -1.5, -2, -3, -4, -6];

class F4Scanner implements TensorScanner {
  readonly chunkMultiple = 1;
  private readonly counts = new Float64Array(256);

  constructor(private readonly numel: number) {}

  update(chunk: Uint8Array): void {
    const counts = this.counts;
    for (let i = 0; i < chunk.length; i++) counts[chunk[i]!]!++;
  }

  result(): TensorStats {
    let min = Infinity;
    let max = -Infinity;
    let sumSquares = 0;
    let allZero = true;
    for (let b = 0; b < 256; b++) {
      const count = this.counts[b]!;
      if (count === 0) continue;
      for (const v of [F4_VALUES[b & 0xf]!, F4_VALUES[b >>> 4]!]) {
        if (v !== 0) allZero = false;
        if (v < min) min = v;
        if (v > max) max = v;
        sumSquares += count * v * v;
      }
    }
    const anyFinite = min <= max;
    return {
      ...emptyStats(this.numel, allZero),
      min: anyFinite ? min : Number.NaN,
      max: anyFinite ? max : Number.NaN,
      absMax: anyFinite ? Math.max(Math.abs(min), Math.abs(max)) : Number.NaN,
      sumSquares: anyFinite ? sumSquares : Number.NaN,
    };
  }
}

/** Integers, BOOL and F6 (bit packing unspecified): only "every byte is zero". */
class ByteZeroScanner implements TensorScanner {
  readonly chunkMultiple: number;
  private allZero = true;

  constructor(
    private readonly numel: number,
    bits: number,
  ) {
    this.chunkMultiple = Math.max(1, bits / 8);
  }

  update(chunk: Uint8Array): void {
    if (!this.allZero) return;
    let i = 0;
    if (chunk.byteOffset % 4 === 0) {
      const words = new Uint32Array(chunk.buffer, chunk.byteOffset, chunk.length >>> 2);
      let acc = 0;
      for (let w = 0; w < words.length; w++) acc |= words[w]!;
      if (acc !== 0) {
        this.allZero = false;
        return;
      }
      i = words.length * 4;
    }
    for (; i < chunk.length; i++) {
      if (chunk[i] !== 0) {
        this.allZero = false;
        return;
      }
    }
  }

  result(): TensorStats {
    return emptyStats(this.numel, this.allZero);
  }
}
