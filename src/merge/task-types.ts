// Messages between the merge planner (main thread) and the merge tasks (workers). Plain data only: workers
// open the files and read the weights by offset themselves; the small factors come prepared (shared memory).
import type { Factors } from './factors.js';
import type { WeightDtype } from './float-formats.js';

/** Where a tensor's bytes are: absolute path, absolute byte offset, dtype, shape. */
export interface TensorLocation {
  readonly path: string;
  readonly start: number;
  readonly byteLength: number;
  readonly dtype: string;
  readonly dims: readonly number[];
}

/**
 * One module's update in the layout of the stored base matrix (rows x cols, conv kernels flattened):
 * ΔW = scale · L · R with L = B, R = A normally, and L = Aᵀ, R = Bᵀ when `transposed`
 * (fan_in_fan_out Conv1D weights [in, out], embeddings [V, d]); for AdaLoRA, A stands for A⊙E.
 */
export interface ModuleWork {
  readonly key: string;
  readonly down: TensorLocation;
  readonly up: TensorLocation;
  readonly magnitude?: TensorLocation;
  /** AdaLoRA `lora_E` [r, 1]: row k of A is multiplied by E[k] when the factors are prepared (ΔW = B·(A⊙E)). */
  readonly singularValues?: TensorLocation;
  readonly scale: number;
  readonly transposed: boolean;
  readonly rank: number;
  readonly rows: number;
  readonly cols: number;
  readonly base: TensorLocation & { readonly dtype: WeightDtype };
  readonly merged?: TensorLocation & { readonly dtype: WeightDtype };
  /** Conv updates come from cuDNN, which may use TF32: a looser tolerance for the update's own rounding. */
  readonly conv: boolean;
  /** DoRA normalizes per output row (Linear, conv) or per stored column (Conv1D, embeddings). */
  readonly dora: 'none' | 'rows' | 'columns';
}

/** Rows [rowStart, rowEnd) of one module: base norm, sampled rows, merged probes. */
export interface TileTask {
  readonly type: 'tile';
  readonly work: ModuleWork;
  readonly factors: Factors;
  readonly rowStart: number;
  readonly rowEnd: number;
  /** Rows (absolute indices, inside the tile, ascending) whose update is computed element by element. */
  readonly exactRows: readonly number[] | 'all';
  /** Report the module's ||ΔW||_F² (from the Gram matrices, in `factors`): one tile per module does. */
  readonly gram: boolean;
  readonly probes: number;
  readonly seed: number;
  readonly chunkBytes: number;
}

/** A whole DoRA module, row by row (and twice over the rows when norms are per column). */
export interface DoraTask {
  readonly type: 'dora';
  readonly work: ModuleWork;
  readonly factors: Factors;
  readonly chunkBytes: number;
}

export type MergeTaskPayload = TileTask | DoraTask;

export interface RoundingCounts {
  readonly rows: number;
  readonly elements: number;
  /** Elements where the stored W + ΔW equals W. */
  readonly roundedAway: number;
  /** Per exact row, the fraction rounded away (for the interval). */
  readonly rowFractions: readonly number[];
}

export interface OverflowCounts {
  /** Stored W + ΔW is ±Inf (W finite). */
  readonly inf: number;
  readonly nan: number;
  /** First (row, col) of a non-finite stored value. */
  readonly first: readonly [number, number] | null;
}

export interface MergedCounts {
  readonly bitIdentical: boolean;
  readonly probeRows: number;
  readonly probeFailRows: number;
  /** Largest |residual| / tolerance over probed rows. */
  readonly worstProbe: number;
  readonly exactRows: number;
  readonly exactElements: number;
  readonly mismatchElements: number;
  /** Largest |M − (W + ΔW)| over exact rows. */
  readonly maxError: number;
  readonly firstMismatch: readonly [number, number] | null;
  /** NaN / ±Inf values in the merged tensor's rows of this tile. */
  readonly nonFinite: number;
}

export interface TileResult {
  readonly rowStart: number;
  readonly rowEnd: number;
  readonly baseSumSquares: number;
  /** ||ΔW||_F² (Gram, or the streamed W′ − W for DoRA), when this task computed it. */
  readonly updateSumSquares: number | null;
  readonly rounding: RoundingCounts;
  readonly overflow: OverflowCounts;
  readonly merged: MergedCounts | null;
}
