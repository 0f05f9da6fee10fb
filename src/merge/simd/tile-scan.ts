// The kernel side of one tile: a leased region laid out as
// [results][probe vectors][update: l, ks, row out, R, ‖R[:, j]‖, ΔW row][sampled ΔW rows][base rows][merged rows].
// The row readers fill the row areas straight from the files; `scan` then computes every row read at once
// (squares only, or squares + probes + ulp² when a same-dtype merged checkpoint is probed). `updateRow`
// computes one exact row of ΔW; `prepareRows` computes the sampled rows' up front (two at a time where
// they skip the same terms, each load of R serving both), while R is still in the core's cache (between
// chunk reads it is not).
import type { Factors } from '../factors.js';
import { updateTerms } from '../factors.js';
import type { WeightDtype } from '../float-formats.js';
import { isMergeKernelDtype, type KernelLease, MergeKernel, type MergeKernelDtype } from './merge-kernel.js';

const BYTES: Record<WeightDtype, number> = { F16: 2, BF16: 2, F32: 4, F64: 8 };
const align = (n: number) => Math.ceil(n / 64) * 64;

interface Layout {
  readonly results: number;
  readonly x: number;
  readonly l: number;
  readonly l1: number;
  readonly ks: number;
  readonly rowOut: number;
  readonly right: number;
  readonly colNorms: number;
  readonly delta: number;
  readonly prepared: number;
  readonly base: number;
  readonly merged: number;
  readonly end: number;
}

function layout(
  dtype: WeightDtype,
  cols: number,
  rowsPerChunk: number,
  probing: boolean,
  rank: number,
  prepared: number,
  offset: number,
): Layout {
  const rowsBytes = align(rowsPerChunk * cols * BYTES[dtype]);
  const results = offset;
  const x = results + align(rowsPerChunk * (probing ? 4 : 1) * 8);
  const l = x + align(probing ? MergeKernel.probeBytes(cols) : 0);
  const l1 = l + align(rank * 8);
  const ks = l1 + align(rank * 8);
  const rowOut = ks + align(rank * 4);
  const right = rowOut + 64;
  const colNorms = right + align(rank * cols * 8);
  const delta = colNorms + align(cols * 8);
  const preparedAt = delta + align(cols * 8);
  const base = preparedAt + align(prepared * cols * 8);
  const merged = base + rowsBytes;
  const end = merged + (probing ? rowsBytes : 0);
  return { results, x, l, l1, ks, rowOut, right, colNorms, delta, prepared: preparedAt, base, merged, end };
}

export class TileScan {
  /** Where the readers put base (and merged) rows; aligned views over linear memory. */
  readonly baseBuffer: Buffer;
  readonly mergedBuffer: Buffer | null;
  /** Per row: stride 1 (squares) or 4 (Σ W², probe 0, probe 1, Σ ulp(M)²). */
  readonly results: Float64Array;
  readonly stride: number;
  private readonly l: Float64Array;
  private readonly l1: Float64Array;
  private readonly ks: Int32Array;
  private readonly ks1: Int32Array;
  private readonly delta: Float64Array;
  private readonly rowOut: DataView;
  /** Address of each prepared row's ΔW, by row; and of the ΔW row the last roundRowBf16 used. */
  private readonly preparedRows = new Map<number, number>();
  private current: number;

  private constructor(
    private readonly kernel: MergeKernel,
    private readonly at: Layout,
    private readonly dtype: MergeKernelDtype,
    private readonly cols: number,
    rowsPerChunk: number,
    probes: readonly Float64Array[] | null,
    factors: Factors,
    private readonly rank: number,
  ) {
    this.stride = probes ? 4 : 1;
    const rowBytes = cols * BYTES[dtype];
    const memory = kernel.buffer;
    this.results = new Float64Array(memory, at.results, rowsPerChunk * this.stride);
    this.baseBuffer = Buffer.from(memory, at.base, rowsPerChunk * rowBytes);
    this.mergedBuffer = probes ? Buffer.from(memory, at.merged, rowsPerChunk * rowBytes) : null;
    if (probes) {
      kernel.writeProbes(at.x, [probes[0]!, probes[1]!]);
    }
    this.l = new Float64Array(memory, at.l, rank);
    this.ks = new Int32Array(memory, at.ks, rank);
    this.l1 = new Float64Array(memory, at.l1, rank);
    this.ks1 = new Int32Array(rank);
    this.delta = new Float64Array(memory, at.delta, cols);
    this.rowOut = new DataView(memory, at.rowOut, 16);
    new Float64Array(memory, at.right, rank * cols).set(factors.right);
    new Float64Array(memory, at.colNorms, cols).set(factors.rightColNorms);
    this.current = at.delta;
  }

  /** Bytes of linear memory a tile needs. */
  static bytesFor(
    dtype: WeightDtype,
    cols: number,
    rowsPerChunk: number,
    probing: boolean,
    rank: number,
    prepared = 0,
  ): number {
    return layout(dtype, cols, rowsPerChunk, probing, rank, prepared, 0).end;
  }

  /**
   * A scan for a tile, or null when the kernel cannot take it (dtype, busy). `probes` (two ±1 vectors) when
   * the merged rows have the base's dtype and are probed; room for `prepared` rows of ΔW (prepareRows).
   */
  static open(
    kernel: MergeKernel | null,
    dtype: WeightDtype,
    cols: number,
    rowsPerChunk: number,
    probes: readonly Float64Array[] | null,
    factors: Factors,
    rank: number,
    prepared = 0,
  ): TileScan | null {
    if (!kernel || !isMergeKernelDtype(dtype) || (probes && probes.length !== 2)) return null;
    const probing = probes !== null;
    const lease: KernelLease | null = kernel.lease(
      TileScan.bytesFor(dtype, cols, rowsPerChunk, probing, rank, prepared),
    );
    if (!lease) return null;
    const at = layout(dtype, cols, rowsPerChunk, probing, rank, prepared, lease.offset);
    return new TileScan(kernel, at, dtype, cols, rowsPerChunk, probes, factors, rank);
  }

  /** Fills `results` for the first `rows` rows now in the row buffers. */
  scan(rows: number): void {
    const p = this.at;
    if (this.stride === 4) {
      this.kernel.probe(this.dtype, p.base, p.merged, p.x, this.cols, rows, p.results);
    } else {
      this.kernel.squares(this.dtype, p.base, this.cols, rows, p.results);
    }
  }

  /** delta = the stored row `row` of ΔW, the same bits as factors.updateRow. */
  updateRow(factors: Factors, scale: number, row: number, delta: Float64Array): void {
    const terms = updateTerms(factors, scale, this.rank, row, this.l, this.ks);
    const p = this.at;
    this.kernel.updateRow(p.l, p.ks, terms, p.right, this.cols, p.delta);
    delta.set(this.delta);
  }

  /** ΔW for these rows now (at most the `prepared` count given to open), for roundRowBf16 to use later. */
  prepareRows(factors: Factors, scale: number, rows: readonly number[]): void {
    const p = this.at;
    const rowBytes = this.cols * 8;
    for (let i = 0; i < rows.length; ) {
      const at = p.prepared + i * rowBytes;
      const terms = updateTerms(factors, scale, this.rank, rows[i]!, this.l, this.ks);
      this.preparedRows.set(rows[i]!, at);
      // Two rows at once when they skip the same terms (rows with no zero factor all do).
      if (
        i + 1 < rows.length &&
        updateTerms(factors, scale, this.rank, rows[i + 1]!, this.l1, this.ks1) === terms
      ) {
        let same = true;
        for (let t = 0; t < terms && same; t++) same = this.ks[t] === this.ks1[t];
        if (same) {
          for (let t = 0; t < terms; t++) this.ks[t] = p.right + this.ks[t]! * rowBytes;
          this.kernel.updateRows2(p.l, p.l1, p.ks, terms, this.cols, at, at + rowBytes);
          this.preparedRows.set(rows[i + 1]!, at + rowBytes);
          i += 2;
          continue;
        }
      }
      this.kernel.updateRow(p.l, p.ks, terms, p.right, this.cols, at);
      i++;
    }
  }

  /**
   * For the BF16 row at linear-memory address `w`: row `row` of ΔW (as updateRow; kept in the kernel, see
   * copyDelta), and Σ W² and the count of elements where W + ΔW rounds back to W (as roundingRowBf16); null
   * when the row needs the JS path (NaN or Inf in the row or in a sum).
   */
  roundRowBf16(
    factors: Factors,
    scale: number,
    row: number,
    w: number,
  ): { squares: number; away: number } | null {
    const p = this.at;
    const prepared = this.preparedRows.get(row);
    let ok: boolean;
    if (prepared !== undefined) {
      ok = this.kernel.roundDeltaBf16(prepared, this.cols, w, p.rowOut);
      this.current = prepared;
    } else {
      const terms = updateTerms(factors, scale, this.rank, row, this.l, this.ks);
      ok = this.kernel.roundRowBf16(p.l, p.ks, terms, p.right, this.cols, w, p.delta, p.rowOut);
      this.current = p.delta;
    }
    if (!ok) return null;
    return { squares: this.rowOut.getFloat64(0, true), away: this.rowOut.getInt32(8, true) };
  }

  /** delta = the ΔW row of the last roundRowBf16 (only the JS paths need it in their own memory). */
  copyDelta(delta: Float64Array): void {
    delta.set(new Float64Array(this.kernel.buffer, this.current, this.cols));
  }

  /**
   * After roundRowBf16 for the same row: the BF16 merged row at address `m` against W (at `w`) + ΔW, as
   * compareRow does it; null when a value is not finite (the JS path counts those).
   */
  compareRowBf16(
    w: number,
    m: number,
    rel: number,
    tiny: number,
    updateTol: number,
  ): { maxError: number; mismatches: number; firstMismatch: number } | null {
    const p = this.at;
    if (
      !this.kernel.compareRowBf16(w, m, this.current, p.colNorms, this.cols, rel, tiny, updateTol, p.rowOut)
    )
      return null;
    return {
      maxError: this.rowOut.getFloat64(0, true),
      mismatches: this.rowOut.getInt32(8, true),
      firstMismatch: this.rowOut.getInt32(12, true),
    };
  }

  close(): void {
    this.kernel.release();
  }
}
