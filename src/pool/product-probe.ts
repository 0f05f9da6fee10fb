// Is a module's product B·A zero although neither factor is? (PEFT's init_lora_weights="orthogonal" builds
// B and A so that B·A = 0 by construction.) Decided without forming B·A: z = B·(A·x) for random probe
// vectors x, in f64, whose expected ||z||² is ||B·A||²_F; against it the same quantity for the rounding
// noise of the stored factors: rounding each factor to unit roundoff u adds about (2/3)·u²·Σ_k ||B_:k||²·||A_k:||²
// to ||B·A||²_F; the floor is 6x that, (2u)²·Σ_k ||B_:k||²·||A_k:||².
// A trained module is told apart first from a corner of the product (B's first rows times A's first columns):
// a corner far above its own floor proves B·A non-zero without reading the factors again in full.
import { closeSync, openSync } from 'node:fs';
import { decodeToFloat32 } from '../safetensors/decode.js';
import { dtypeBits } from '../safetensors/dtypes.js';
import { ioError, readFullySync } from '../safetensors/file.js';
import type { Dtype } from '../safetensors/types.js';
import type { ProductProbe, ProductProbeModule, TensorLocation } from './tasks.js';

export const PRODUCT_PROBES = 4;
/** Elements per read, at most (a single longer row is read whole). */
const CHUNK_ELEMENTS = 1 << 18;
/** Elements of each factor in the corner. */
const CORNER_ELEMENTS = 1 << 13;
/** A corner whose energy is this far above its floor settles it: non-zero. */
const CORNER_MARGIN = 64;
/** Decoded to f32 here, so a finer dtype is judged at f32's precision. */
const MIN_ROUNDOFF = 2 ** -24;
const MANTISSA_BITS: Readonly<Record<string, number>> = {
  F64: 52,
  F32: 23,
  BF16: 7,
  F16: 10,
  F8_E4M3: 3,
  F8_E4M3FNUZ: 3,
  F8_E5M2: 2,
  F8_E5M2FNUZ: 2,
  F8_E8M0: 0,
};
const LITTLE_ENDIAN = new Uint8Array(new Float32Array([1]).buffer)[3] === 0x3f;

/**
 * Buffers reused by every task on this thread (tasks run one at a time per thread, synchronously), grown to
 * what the tensors need: fresh memory costs a page fault per 4 KiB, so a few MiB per task would cost more
 * than probing a small adapter.
 */
const scratch = { values: new Float32Array(0), bytes: new Uint8Array(0), probes: new Float64Array(0) };

/** Reads of tensors by location, synchronously on this thread, into reused buffers (f32 read in place). */
class ChunkReader {
  private readonly fds = new Map<string, number>();

  /** Elements [first, first + count) decoded to f32; the view is valid until the next read. */
  read(tensor: TensorLocation, first: number, count: number): Float32Array {
    const elementBytes = dtypeBits(tensor.dtype) / 8;
    if (scratch.values.length < count) scratch.values = new Float32Array(count);
    const values = scratch.values.subarray(0, count);
    const byteLength = count * elementBytes;
    const position = tensor.start + first * elementBytes;
    const fd = this.fd(tensor.file);
    if (tensor.dtype === 'F32' && LITTLE_ENDIAN) {
      readFullySync(fd, tensor.file, new Uint8Array(values.buffer, values.byteOffset, byteLength), position);
    } else {
      if (scratch.bytes.length < byteLength) scratch.bytes = new Uint8Array(byteLength);
      const bytes = scratch.bytes.subarray(0, byteLength);
      readFullySync(fd, tensor.file, bytes, position);
      decodeToFloat32(tensor.dtype, bytes, values, count);
    }
    return values;
  }

  /** Calls `visit` with runs of whole rows of `rowLength` elements. */
  forEachRows(
    tensor: TensorLocation,
    rowLength: number,
    visit: (values: Float32Array, firstRow: number, rows: number) => void,
  ): void {
    const rowsPerChunk = Math.max(1, Math.floor(CHUNK_ELEMENTS / rowLength));
    const rows = tensor.numel / rowLength;
    for (let first = 0; first < rows; first += rowsPerChunk) {
      const count = Math.min(rowsPerChunk, rows - first);
      visit(this.read(tensor, first * rowLength, count * rowLength), first, count);
    }
  }

  /** A reused buffer for the probe vectors (grown, never shrunk, within one task). */
  probeScratch(length: number): Float64Array {
    if (scratch.probes.length < length) scratch.probes = new Float64Array(length);
    return scratch.probes.subarray(0, length);
  }

  private fd(file: string): number {
    let fd = this.fds.get(file);
    if (fd === undefined) {
      try {
        fd = openSync(file, 'r');
      } catch (error) {
        throw ioError(file, error);
      }
      this.fds.set(file, fd);
    }
    return fd;
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }
}

export function probeProducts(
  modules: readonly ProductProbeModule[],
): Array<readonly [string, ProductProbe]> {
  const reader = new ChunkReader();
  try {
    return modules.map((module) => [module.key, probeProduct(module, reader)] as const);
  } finally {
    reader.close();
  }
}

function probeProduct(module: ProductProbeModule, reader: ChunkReader): ProductProbe {
  const { rank, down, up } = module;
  const n = down.numel / rank;
  const u = Math.max(roundoff(down.dtype), roundoff(up.dtype), MIN_ROUNDOFF);
  const x = reader.probeScratch(PRODUCT_PROBES * n);

  const cornerCols = Math.min(n, Math.max(1, Math.floor(CORNER_ELEMENTS / rank)));
  const cornerRows = Math.min(up.numel / rank, Math.max(1, Math.floor(CORNER_ELEMENTS / rank)));
  if (cornerCols < n || cornerRows < up.numel / rank) {
    probeVectors(PRODUCT_PROBES, n, module.seed, x, cornerCols);
    const corner = new Sketch(rank, n);
    for (let k = 0; k < rank; k++)
      corner.addRowsOfA(reader.read(down, k * n, cornerCols), k, 1, cornerCols, x);
    corner.addRowsOfB(reader.read(up, 0, cornerRows * rank), cornerRows);
    const probe = corner.result(u);
    if (probe.energy > CORNER_MARGIN * probe.noiseFloor) return probe;
  }

  probeVectors(PRODUCT_PROBES, n, module.seed, x);
  const full = new Sketch(rank, n);
  reader.forEachRows(down, n, (values, firstRow, rows) => full.addRowsOfA(values, firstRow, rows, n, x));
  reader.forEachRows(up, rank, (values, _firstRow, rows) => full.addRowsOfB(values, rows));
  return full.result(u);
}

/** Σ_p ||B·A·x_p||² and Σ_k ||B_:k||²·||A_k:||² over the rows of A and B added (A first). */
class Sketch {
  /** A·x per probe (rank values each, probe-major). */
  private readonly ax: Float64Array;
  private readonly rowSquares: Float64Array;
  private readonly colSquares: Float64Array;
  private energy = 0;

  constructor(
    private readonly rank: number,
    /** Row length of A, the stride of the probe vectors in x. */
    private readonly n: number,
  ) {
    this.ax = new Float64Array(PRODUCT_PROBES * rank);
    this.rowSquares = new Float64Array(rank);
    this.colSquares = new Float64Array(rank);
  }

  /** Rows firstRow.. of A, `cols` leading elements of each (of n), `cols` apart in `values`. */
  addRowsOfA(values: Float32Array, firstRow: number, rows: number, cols: number, x: Float64Array): void {
    const { rank, n, ax, rowSquares } = this;
    for (let r = 0; r < rows; r++) {
      const k = firstRow + r;
      const at = r * cols;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let sq = 0;
      for (let j = 0; j < cols; j++) {
        const a = values[at + j]!;
        s0 += a * x[j]!;
        s1 += a * x[n + j]!;
        s2 += a * x[2 * n + j]!;
        s3 += a * x[3 * n + j]!;
        sq += a * a;
      }
      ax[k] = s0;
      ax[rank + k] = s1;
      ax[2 * rank + k] = s2;
      ax[3 * rank + k] = s3;
      rowSquares[k] = sq;
    }
  }

  /** `rows` rows of B (rank values each): one dot with A·x per row and probe. */
  addRowsOfB(values: Float32Array, rows: number): void {
    const { rank, ax, colSquares } = this;
    let energy = 0;
    for (let at = 0; at < rows * rank; at += rank) {
      let z0 = 0;
      let z1 = 0;
      let z2 = 0;
      let z3 = 0;
      for (let k = 0; k < rank; k++) {
        const b = values[at + k]!;
        z0 += b * ax[k]!;
        z1 += b * ax[rank + k]!;
        z2 += b * ax[2 * rank + k]!;
        z3 += b * ax[3 * rank + k]!;
        colSquares[k] = colSquares[k]! + b * b;
      }
      energy += z0 * z0 + z1 * z1 + z2 * z2 + z3 * z3;
    }
    this.energy += energy;
  }

  result(u: number): ProductProbe {
    let noise = 0;
    for (let k = 0; k < this.rank; k++) noise += this.colSquares[k]! * this.rowSquares[k]!;
    return { energy: this.energy, noiseFloor: PRODUCT_PROBES * (2 * u) ** 2 * noise, probes: PRODUCT_PROBES };
  }
}

function roundoff(dtype: Dtype): number {
  const bits = MANTISSA_BITS[dtype] ?? dtypeBits(dtype);
  return 2 ** -(bits + 1);
}

/**
 * `count` vectors of length n, probe-major, with independent entries uniform on [-√3, √3] (mean 0, variance 1,
 * so E||M·x||² = ||M||²_F; continuous, so no non-zero M·x vanishes but with probability 0): each vector its own
 * xorshift32 stream, of which only the first `length` entries are filled (the same numbers whatever `length`).
 */
export function probeVectors(
  count: number,
  n: number,
  seed: number,
  into?: Float64Array,
  length = n,
): Float64Array {
  const out = into && into.length >= count * n ? into.subarray(0, count * n) : new Float64Array(count * n);
  const scale = (2 * Math.sqrt(3)) / 4294967296;
  for (let p = 0; p < count; p++) {
    let state = (seed + Math.imul(p + 1, 0x9e3779b9)) >>> 0 || 0x9e3779b9;
    for (let j = p * n; j < p * n + length; j++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      out[j] = ((state >>> 0) + 0.5) * scale - Math.sqrt(3);
    }
  }
  return out;
}
