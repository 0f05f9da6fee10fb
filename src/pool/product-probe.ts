// Is a module's product B·A zero although neither factor is? Decided without forming B·A: z = B·(A·x) for 4
// random probe vectors x, in f64, whose expected Σ||z||² is 4·||B·A||²_F, against a floor of
// 4·(2u)²·Σ_k ||B_:k||²·||A_k:||², the energy an error of relative size u in the factors would add.
// - By default u = 2^-40: the product of the stored factors is exactly zero (supports that do not meet, or
//   terms that cancel exactly) but for the f64 arithmetic here. A tiny product is a real update: PEFT
//   multiplies the stored numbers (converted PiSSA/OLoRA adapters cancel most of their terms on purpose).
// - For a module whose config says init_lora_weights="orthogonal", PEFT built B·A = 0 in f32 and cast the
//   factors to the base dtype (often stored as F32 again), so B·A is only rounding noise until trained: u is
//   the factors' effective precision (an F32 tensor whose values all fit BF16 / F16 counts as such) plus f32
//   QR and matmul error, √(r)·2^-23.
// A corner of the product (B's first rows times A's first columns) read first settles most trained modules
// without a second full read; the full product decides the rest. F64 factors and rows longer than
// MAX_COLUMNS or a rank over MAX_RANK, get no verdict.
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
/** Relative error of the f64 arithmetic here, with room: what "exactly zero" allows. */
const EXACT_ROUNDOFF = 2 ** -40;
/** Longer rows of A get no verdict: their probe vectors (32 bytes a column) would outgrow a small buffer. */
export const MAX_COLUMNS = 1 << 20;
/** Higher ranks get no verdict either (48 bytes of sketch per rank, and a row of B read whole). */
export const MAX_RANK = 1 << 16;
/** Scratch buffers above this are dropped after a task. */
const KEEP_SCRATCH_BYTES = 8 << 20;
const MANTISSA_BITS: Readonly<Record<string, number>> = {
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
    return modules.flatMap((module) => {
      const probe = probeProduct(module, reader);
      return probe ? [[module.key, probe] as const] : [];
    });
  } finally {
    reader.close();
    releaseScratch();
  }
}

function probeProduct(module: ProductProbeModule, reader: ChunkReader): ProductProbe | null {
  const { rank, down, up } = module;
  const n = down.numel / rank;
  if (n > MAX_COLUMNS || rank > MAX_RANK || down.dtype === 'F64' || up.dtype === 'F64') return null;
  const x = reader.probeScratch(PRODUCT_PROBES * n);
  const orthogonal = module.init === 'orthogonal';

  const cornerCols = Math.min(n, Math.max(1, Math.floor(CORNER_ELEMENTS / rank)));
  const cornerRows = Math.min(up.numel / rank, Math.max(1, Math.floor(CORNER_ELEMENTS / rank)));
  if (cornerCols < n || cornerRows < up.numel / rank) {
    uniformProbes(PRODUCT_PROBES, n, module.seed, x, cornerCols);
    const corner = new Sketch(rank, n);
    for (let k = 0; k < rank; k++)
      corner.addRowsOfA(reader.read(down, k * n, cornerCols), k, 1, cornerCols, x);
    corner.addRowsOfB(reader.read(up, 0, cornerRows * rank), cornerRows);
    // The coarsest the factors can be: a corner above that floor is a product above it.
    const coarsest = orthogonal
      ? Math.max(roundoff(down.dtype, 'bf16'), roundoff(up.dtype, 'bf16'))
      : EXACT_ROUNDOFF;
    const probe = corner.result(coarsest, orthogonal ? rank : 0);
    if (probe.energy > CORNER_MARGIN * probe.noiseFloor) return probe;
  }

  uniformProbes(PRODUCT_PROBES, n, module.seed, x);
  const full = new Sketch(rank, n);
  const grid = { down: new GridCount(), up: new GridCount() };
  reader.forEachRows(down, n, (values, firstRow, rows) => {
    full.addRowsOfA(values, firstRow, rows, n, x);
    if (orthogonal && down.dtype === 'F32') grid.down.add(values, rows * n);
  });
  reader.forEachRows(up, rank, (values, _firstRow, rows) => {
    full.addRowsOfB(values, rows);
    if (orthogonal && up.dtype === 'F32') grid.up.add(values, rows * rank);
  });
  const u = orthogonal
    ? Math.max(roundoff(down.dtype, grid.down.precision()), roundoff(up.dtype, grid.up.precision()))
    : EXACT_ROUNDOFF;
  const probe = full.result(u, orthogonal ? rank : 0);
  return Number.isFinite(probe.energy) && Number.isFinite(probe.noiseFloor) ? probe : null;
}

/**
 * How many of an F32 tensor's non-zero values sit on the BF16 grid (low 16 bits zero) and on F16's mantissa
 * grid (low 13 bits zero). PEFT's init cast to the base dtype leaves every value there; training moves every
 * value off it (each lands back on the BF16 grid with probability 2^-16), so a majority decides, and a few
 * stray values do not.
 */
class GridCount {
  private nonZero = 0;
  private bf16 = 0;
  private f16 = 0;

  add(values: Float32Array, count: number): void {
    const bits = new Uint32Array(values.buffer, values.byteOffset, count);
    let nonZero = 0;
    let bf16 = 0;
    let f16 = 0;
    for (let i = 0; i < count; i++) {
      const b = bits[i]!;
      if ((b & 0x7fffffff) === 0) continue;
      nonZero++;
      if ((b & 0xffff) === 0) bf16++;
      if ((b & 0x1fff) === 0) f16++;
    }
    this.nonZero += nonZero;
    this.bf16 += bf16;
    this.f16 += f16;
  }

  /** The precision most values use: 'bf16', 'f16' or 'f32'. */
  precision(): 'bf16' | 'f16' | 'f32' {
    if (this.bf16 * 2 >= this.nonZero) return 'bf16';
    if (this.f16 * 2 >= this.nonZero) return 'f16';
    return 'f32';
  }
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

  /** `f32Rank`: add the error of an f32 computation of B and A with this inner size (0: none). */
  result(u: number, f32Rank: number): ProductProbe {
    let noise = 0;
    for (let k = 0; k < this.rank; k++) noise += this.colSquares[k]! * this.rowSquares[k]!;
    const relative = (2 * u) ** 2 + f32Rank * 2 ** -46;
    return { energy: this.energy, noiseFloor: PRODUCT_PROBES * relative * noise, probes: PRODUCT_PROBES };
  }
}

/** Unit roundoff of a dtype; for F32, of the precision its values use (unknown: BF16's, the coarsest). */
function roundoff(dtype: Dtype, f32Precision: 'bf16' | 'f16' | 'f32'): number {
  if (dtype === 'F32')
    return f32Precision === 'bf16' ? 2 ** -8 : f32Precision === 'f16' ? 2 ** -11 : 2 ** -24;
  const bits = MANTISSA_BITS[dtype] ?? dtypeBits(dtype);
  return 2 ** -(bits + 1);
}

function releaseScratch(): void {
  const bytes = scratch.values.byteLength + scratch.bytes.byteLength + scratch.probes.byteLength;
  if (bytes > KEEP_SCRATCH_BYTES) {
    scratch.values = new Float32Array(0);
    scratch.bytes = new Uint8Array(0);
    scratch.probes = new Float64Array(0);
  }
}

/**
 * `count` vectors of length n, probe-major, with independent entries uniform on [-√3, √3] (mean 0, variance 1,
 * so E||M·x||² = ||M||²_F; continuous, so no non-zero M·x vanishes but with probability 0): each vector its own
 * xorshift32 stream, of which only the first `length` entries are filled (the same numbers whatever `length`).
 */
function uniformProbes(
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
