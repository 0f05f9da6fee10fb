// The messages the pool carries. Plain data only: workers open files themselves, by path and offset.
import type { ProductProbe } from '../types.js';

export type { ProductProbe };

/** Scan the values of some tensors of one safetensors file. Result: ScanResult. */
export interface ScanTask {
  readonly kind: 'scan';
  readonly file: string;
  readonly tensors: readonly string[];
}

export interface ScanResult {
  readonly stats: ReadonlyArray<readonly [string, import('../safetensors/types.js').TensorStats]>;
}

/** Probe the products B·A of some modules (see product-probe.ts). Result: ProductResult. */
export interface ProductTask {
  readonly kind: 'product';
  readonly modules: readonly ProductProbeModule[];
}

/** A tensor by absolute path and byte range, from a header the engine already validated. */
export interface TensorLocation {
  readonly file: string;
  readonly start: number;
  readonly dtype: import('../safetensors/types.js').Dtype;
  readonly numel: number;
}

export interface ProductProbeModule {
  /** Echoed in the result (the down tensor's name). */
  readonly key: string;
  /** A: `rank` rows, flattened; B: rows of `rank` values (trailing dims of 1). */
  readonly down: TensorLocation;
  readonly up: TensorLocation;
  readonly rank: number;
  readonly seed: number;
  /** The module config's init_lora_weights when "orthogonal" (B·A = 0 up to rounding at init), else absent. */
  readonly init?: 'orthogonal';
}

export interface ProductResult {
  readonly products: ReadonlyArray<readonly [string, ProductProbe]>;
}

/** Merge-check work; its fields are owned by src/merge (see src/merge/tasks.ts). */
export interface MergeTask {
  readonly kind: 'merge';
  readonly payload: unknown;
}

/** Nothing to do: sent after a worker died, because piscina starts a replacement only on a run. Result: null. */
export interface WakeTask {
  readonly kind: 'wake';
}

export type PoolTask = ScanTask | ProductTask | MergeTask | WakeTask;
