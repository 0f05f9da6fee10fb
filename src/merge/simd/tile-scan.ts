// The kernel side of one tile: a leased region laid out as [results][probe vectors][base rows][merged rows].
// The row readers fill the row areas straight from the files; `scan` then computes every row of the chunk
// at once (squares only, or squares + probes + ulp² when a same-dtype merged checkpoint is probed).
import type { WeightDtype } from '../float-formats.js';
import {
  isMergeKernelDtype,
  type KernelLease,
  type MergeKernel,
  type MergeKernelDtype,
} from './merge-kernel.js';

const BYTES: Record<WeightDtype, number> = { F16: 2, BF16: 2, F32: 4, F64: 8 };
const align = (n: number) => Math.ceil(n / 64) * 64;

export class TileScan {
  /** Where the readers put base (and merged) rows; aligned views over linear memory. */
  readonly baseBuffer: Buffer;
  readonly mergedBuffer: Buffer | null;
  /** Per row: stride 1 (squares) or 4 (Σ W², probe 0, probe 1, Σ ulp(M)²). */
  readonly results: Float64Array;
  readonly stride: number;
  private readonly pointers: { results: number; x: number; base: number; merged: number };

  private constructor(
    private readonly kernel: MergeKernel,
    lease: KernelLease,
    private readonly dtype: MergeKernelDtype,
    private readonly cols: number,
    rowsPerChunk: number,
    probes: readonly Float64Array[] | null,
  ) {
    this.stride = probes ? 4 : 1;
    const rowBytes = cols * BYTES[dtype];
    const results = lease.offset;
    const x = results + align(rowsPerChunk * this.stride * 8);
    const base = x + align(probes ? 2 * cols * 8 : 0);
    const merged = base + align(rowsPerChunk * rowBytes);
    this.pointers = { results, x, base, merged };
    const memory = kernel.buffer;
    this.results = new Float64Array(memory, results, rowsPerChunk * this.stride);
    this.baseBuffer = Buffer.from(memory, base, rowsPerChunk * rowBytes);
    this.mergedBuffer = probes ? Buffer.from(memory, merged, rowsPerChunk * rowBytes) : null;
    if (probes) {
      new Float64Array(memory, x, cols).set(probes[0]!);
      new Float64Array(memory, x + cols * 8, cols).set(probes[1]!);
    }
  }

  /** Bytes of linear memory a tile needs. */
  static bytesFor(dtype: WeightDtype, cols: number, rowsPerChunk: number, probing: boolean): number {
    const rowBytes = cols * BYTES[dtype];
    return (
      align(rowsPerChunk * (probing ? 4 : 1) * 8) +
      align(probing ? 2 * cols * 8 : 0) +
      align(rowsPerChunk * rowBytes) * (probing ? 2 : 1)
    );
  }

  /**
   * A scan for a tile, or null when the kernel cannot take it (dtype, busy). `probes` (two ±1 vectors) when
   * the merged rows have the base's dtype and are probed.
   */
  static open(
    kernel: MergeKernel | null,
    dtype: WeightDtype,
    cols: number,
    rowsPerChunk: number,
    probes: readonly Float64Array[] | null,
  ): TileScan | null {
    if (!kernel || !isMergeKernelDtype(dtype) || (probes && probes.length !== 2)) return null;
    const lease = kernel.lease(TileScan.bytesFor(dtype, cols, rowsPerChunk, probes !== null));
    if (!lease) return null;
    return new TileScan(kernel, lease, dtype, cols, rowsPerChunk, probes);
  }

  /** Fills `results` for the first `rows` rows now in the row buffers. */
  scan(rows: number): void {
    const p = this.pointers;
    if (this.stride === 4) this.kernel.probe(this.dtype, p.base, p.merged, p.x, this.cols, rows, p.results);
    else this.kernel.squares(this.dtype, p.base, this.cols, rows, p.results);
  }

  close(): void {
    this.kernel.release();
  }
}
