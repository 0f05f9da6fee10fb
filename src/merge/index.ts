// STUB owned by the merge work. The engine calls checkMerges() when base weights are given.
import type { Executor } from '../pool/index.js';
import type { Adapter, FileProblem, ModuleMergeStats, ProgressEvent } from '../types.js';

export interface MergeCheckOptions {
  readonly cwd: string;
  /** Absolute or cwd-relative path of the base weights: a .safetensors file, or a folder. */
  readonly base: string;
  readonly merged?: string;
  readonly executor: Executor;
  readonly maxMemory: number;
  readonly exact: boolean;
  readonly onProgress?: (event: ProgressEvent) => void;
}

export interface MergeCheckResult {
  readonly stats: readonly ModuleMergeStats[];
  /** Problems with the base or merged checkpoints themselves (reported against those files). */
  readonly problems: readonly FileProblem[];
}

export async function checkMerges(_adapters: readonly Adapter[], _options: MergeCheckOptions): Promise<MergeCheckResult> {
  throw new Error('merge checks are not implemented yet');
}
