// The messages the pool carries. Plain data only: workers open files themselves, by path and offset.

/** Scan the values of some tensors of one safetensors file. Result: ScanResult. */
export interface ScanTask {
  readonly kind: 'scan';
  readonly file: string;
  readonly tensors: readonly string[];
}

export interface ScanResult {
  readonly stats: ReadonlyArray<readonly [string, import('../safetensors/types.js').TensorStats]>;
}

/** Merge-check work; its fields are owned by src/merge (see src/merge/tasks.ts). */
export interface MergeTask {
  readonly kind: 'merge';
  readonly payload: unknown;
}

export type PoolTask = ScanTask | MergeTask;
