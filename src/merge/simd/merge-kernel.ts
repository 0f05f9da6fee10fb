// The WebAssembly SIMD merge-check kernel (merge-kernel.wat): per-row sums of squares, the fused Freivalds
// probe pass over base and merged rows, exact rows of ΔW, and the Gram matrices of the factors. One instance
// per thread for the tiles and another for preparing factors, instantiated lazily. Callers
// lease one region of linear memory at a time and read file chunks straight into it; memory grows only
// when a lease starts, so views of a leased region stay valid until it is released.

import { instantiateBase64, WASM_PAGE_BYTES, type WasmMemory } from '../../safetensors/simd/wasm-module.js';
import { MERGE_KERNEL_BASE64 } from './merge-kernel-wasm.js';

export type MergeKernelDtype = 'BF16' | 'F16' | 'F32';

export function isMergeKernelDtype(dtype: string): dtype is MergeKernelDtype {
  return dtype === 'BF16' || dtype === 'F16' || dtype === 'F32';
}

type SquaresExport = (pointer: number, cols: number, rows: number, out: number) => void;
type ProbeExport = (w: number, m: number, x: number, cols: number, rows: number, out: number) => void;
type UpdateRowExport = (
  l: number,
  ks: number,
  terms: number,
  right: number,
  cols: number,
  out: number,
) => void;
type RoundRowExport = (
  l: number,
  ks: number,
  terms: number,
  right: number,
  cols: number,
  w: number,
  delta: number,
  out: number,
) => number;
type RoundDeltaExport = (delta: number, cols: number, w: number, out: number) => number;
type CompareRowExport = (
  w: number,
  m: number,
  delta: number,
  colNorms: number,
  cols: number,
  rel: number,
  tiny: number,
  updateTol: number,
  out: number,
) => number;
type GramRowsExport = (x: number, r: number, n: number, out: number) => void;
type TransposeExport = (src: number, rows: number, cols: number, dst: number) => void;
type UpdateRows2Export = (
  l0: number,
  l1: number,
  ks: number,
  terms: number,
  cols: number,
  out0: number,
  out1: number,
) => void;
type ColNormsExport = (x: number, r: number, n: number, out: number) => void;
type RowBoundsExport = (lt: number, r: number, n: number, rn: number, norms: number, dots: number) => void;

const SUFFIX: Record<MergeKernelDtype, string> = { BF16: 'bf16', F16: 'f16', F32: 'f32' };

/** A leased region of linear memory: [offset, offset + byteLength). */
export interface KernelLease {
  readonly offset: number;
  readonly byteLength: number;
}

export class MergeKernel {
  private leased = false;
  /** Rows run through the kernel since the thread started (tests check the SIMD path is taken). */
  rowsProcessed = 0;

  constructor(
    private readonly memory: WasmMemory,
    private readonly squaresExports: Record<MergeKernelDtype, SquaresExport>,
    private readonly probeExports: Record<MergeKernelDtype, ProbeExport>,
    private readonly updateRowExport: UpdateRowExport,
    private readonly roundRowExport: RoundRowExport,
    private readonly roundDeltaExport: RoundDeltaExport,
    private readonly compareRowExport: CompareRowExport,
    private readonly gramRowsExport: GramRowsExport,
    private readonly transposeExport: TransposeExport,
    private readonly updateRows2Export: UpdateRows2Export,
    private readonly colNormsExport: ColNormsExport,
    private readonly rowBoundsExport: RowBoundsExport,
  ) {}

  /** The whole linear memory (re-read after a lease: growing replaces the buffer). */
  get buffer(): ArrayBuffer {
    return this.memory.buffer;
  }

  /** Null while another lease is out, or when memory cannot grow that far (the caller takes the JS path). */
  lease(byteLength: number): KernelLease | null {
    if (this.leased) return null;
    const offset = 64;
    const needed = offset + byteLength;
    const have = this.memory.buffer.byteLength;
    if (needed > have) {
      try {
        this.memory.grow(Math.ceil((needed - have) / WASM_PAGE_BYTES));
      } catch {
        return null; // past WebAssembly's 4 GiB, or out of memory
      }
    }
    this.leased = true;
    return { offset, byteLength };
  }

  release(): void {
    this.leased = false;
  }

  /** out[r] (f64 at outPointer + 8r) = Σ_j row r², +Inf for a row holding NaN or Inf. */
  squares(dtype: MergeKernelDtype, pointer: number, cols: number, rows: number, outPointer: number): void {
    this.squaresExports[dtype](pointer, cols, rows, outPointer);
    this.rowsProcessed += rows;
  }

  /** Bytes `writeProbes` takes for rows of `cols`. */
  static probeBytes(cols: number): number {
    return cols * 24;
  }

  /** The two ±1 probe vectors at `x` in the layout `probe` reads: as f64, then as i32 sign masks. */
  writeProbes(x: number, probes: readonly [Float64Array, Float64Array]): void {
    const cols = probes[0].length;
    const memory = this.memory.buffer;
    new Float64Array(memory, x, cols).set(probes[0]);
    new Float64Array(memory, x + cols * 8, cols).set(probes[1]);
    const signs = new Uint32Array(memory, x + cols * 16, 2 * cols);
    for (let j = 0; j < cols; j++) {
      signs[j] = probes[0][j]! < 0 ? 0x80000000 : 0;
      signs[cols + j] = probes[1][j]! < 0 ? 0x80000000 : 0;
    }
  }

  /**
   * Per row r, four f64 at outPointer + 32r: Σ W², Σ x0·(M − W), Σ x1·(M − W), Σ ulp(M)² (+Inf when M
   * holds NaN or Inf). `x` points at the two ±1 probe vectors as `writeProbes` put them.
   */
  probe(
    dtype: MergeKernelDtype,
    w: number,
    m: number,
    x: number,
    cols: number,
    rows: number,
    outPointer: number,
  ): void {
    this.probeExports[dtype](w, m, x, cols, rows, outPointer);
    this.rowsProcessed += rows;
  }

  /**
   * One row of ΔW (f64 at `out`, `cols` values): out[j] = Σ_t l[t] · R[ks[t], j], R row-major (`cols` f64 per
   * row) at `right`, `terms` f64 scaled factors at `l` and i32 row indices at `ks` (overwritten: the kernel
   * turns them into row addresses). Same bits as updateRow.
   */
  updateRow(l: number, ks: number, terms: number, right: number, cols: number, out: number): void {
    this.updateRowExport(l, ks, terms, right, cols, out);
  }

  /**
   * updateRow into `delta` (`ks` overwritten likewise), and for the BF16 row at `w`: Σ W² (f64 at `out`)
   * and the count of elements where W + ΔW rounds back to W (i32 at out + 8), the same values as
   * roundingRowBf16. False (nothing at `out`) when the row holds NaN or Inf or a sum is not finite in BF16:
   * the caller takes the JS path then.
   */
  roundRowBf16(...args: Parameters<RoundRowExport>): boolean {
    return this.roundRowExport(...args) === 0;
  }

  /**
   * updateRow for two rows with the same terms: `ks` holds the addresses of R's rows (not indices), `l0` and
   * `l1` each row's scaled factors; each load of R serves both. Same bits as updateRow for each.
   */
  updateRows2(...args: Parameters<UpdateRows2Export>): void {
    this.updateRows2Export(...args);
  }

  /** roundRowBf16 for a ΔW row already at `delta` (f64). */
  roundDeltaBf16(delta: number, cols: number, w: number, out: number): boolean {
    return this.roundDeltaExport(delta, cols, w, out) === 0;
  }

  /**
   * One exact row of a BF16 merged checkpoint against W + ΔW (ΔW as f64 at `delta`, ‖R[:, j]‖ at `colNorms`),
   * as compareRow: largest error (f64 at `out`), mismatches (i32 at out + 8), first mismatching column (i32
   * at out + 12, -1 for none). False when a value is not finite: the caller takes the JS path then.
   */
  compareRowBf16(...args: Parameters<CompareRowExport>): boolean {
    return this.compareRowExport(...args) === 0;
  }

  /** out = X Xᵀ (r x r f64) for X (r x n row-major f64) at `x`: the bits of gramOfRows. */
  gramRows(x: number, r: number, n: number, out: number): void {
    this.gramRowsExport(x, r, n, out);
  }

  /** dst (cols x rows f64) = the transpose of src (rows x cols f64). */
  transpose(src: number, rows: number, cols: number, dst: number): void {
    this.transposeExport(src, rows, cols, dst);
  }

  /** out[j] = ‖X[:, j]‖₂ for X (r x n f64) at `x`, summed in order of k: the bits of the JS loop. */
  colNorms(...args: Parameters<ColNormsExport>): void {
    this.colNormsExport(...args);
  }

  /** For Lᵀ (r x n f64) at `lt`: norms[o] = ‖L[o, :]‖₂, dots[o] = Σ_k |L[o, k]|·rn[k], in order of k. */
  rowBounds(...args: Parameters<RowBoundsExport>): void {
    this.rowBoundsExport(...args);
  }
}

let kernel: MergeKernel | null | undefined;
let planning: MergeKernel | null | undefined;
let enabled = true;

function instantiate(): MergeKernel | null {
  const exported = instantiateBase64(MERGE_KERNEL_BASE64);
  if (exported === null) return null;
  const squares = {} as Record<MergeKernelDtype, SquaresExport>;
  const probe = {} as Record<MergeKernelDtype, ProbeExport>;
  for (const [dtype, suffix] of Object.entries(SUFFIX)) {
    squares[dtype as MergeKernelDtype] = exported[`squares_${suffix}`] as SquaresExport;
    probe[dtype as MergeKernelDtype] = exported[`probe_${suffix}`] as ProbeExport;
  }
  return new MergeKernel(
    exported.memory as WasmMemory,
    squares,
    probe,
    exported.update_row as UpdateRowExport,
    exported.round_row_bf16 as RoundRowExport,
    exported.round_delta_bf16 as RoundDeltaExport,
    exported.compare_row_bf16 as CompareRowExport,
    exported.gram_rows as GramRowsExport,
    exported.transpose as TransposeExport,
    exported.update_rows2 as UpdateRows2Export,
    exported.col_norms as ColNormsExport,
    exported.row_bounds as RowBoundsExport,
  );
}

/** The thread's kernel, or null when WebAssembly SIMD is unavailable (or switched off). */
export function mergeKernel(): MergeKernel | null {
  if (!enabled) return null;
  if (kernel === undefined) kernel = instantiate();
  return kernel;
}

/** A second instance for preparing factors, whose leases never wait on a tile's (they may interleave). */
export function planningKernel(): MergeKernel | null {
  if (!enabled) return null;
  if (planning === undefined) planning = instantiate();
  return planning;
}

/** Switch the kernel off (or back on) in this thread: tests compare the JS path with it. */
export function setMergeKernelEnabled(on: boolean): void {
  enabled = on;
}
