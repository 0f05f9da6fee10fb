// Fixture writers for merge tests: base / merged checkpoints and adapters, all made by code in a temp dir.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkMerges, type MergeCheckOptions } from '../../src/merge/index.js';
import { createExecutor, type Executor } from '../../src/pool/index.js';
import type { Dtype } from '../../src/safetensors/types.js';
import type { Adapter, ModuleMergeStats } from '../../src/types.js';
import { llamaLora, writeWeightsFile } from '../helpers/adapters.js';
import { loadTestAdapter } from '../helpers/merge-adapter.js';
import { randomValues, type TensorSpec } from '../helpers/safetensors.js';
import { fromFlat, type Matrix } from './reference.js';

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'merge-test-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** A random matrix, already rounded to `dtype` so the reference sees the stored values. */
export function randomMatrix(rows: number, cols: number, seed: number, scale: number): Matrix {
  return fromFlat(randomValues(rows * cols, seed, scale), rows, cols);
}

export function spec(name: string, m: Matrix | number[], dtype: Dtype = 'F32', shape?: number[]): TensorSpec {
  const values = Array.isArray(m[0]) ? (m as Matrix).flat() : (m as number[]);
  const dims =
    shape ?? (Array.isArray(m[0]) ? [(m as Matrix).length, (m as Matrix)[0]!.length] : [values.length]);
  return { name, dtype, shape: dims, data: values };
}

export async function writeFile_(path: string, specs: TensorSpec[]): Promise<void> {
  await writeWeightsFile(path, specs);
}

export { writeFile };

/** base.safetensors (three layers' q_proj and v_proj, BF16 64 x 16) and adapter.safetensors (r 4) in `dir`. */
export async function writeSmallLlamaMerge(dir: string): Promise<void> {
  const base = [];
  for (let i = 0; i < 3; i++) {
    for (const proj of ['q_proj', 'v_proj']) {
      base.push({
        name: `model.layers.${i}.self_attn.${proj}.weight`,
        dtype: 'BF16' as const,
        shape: [64, 16],
        data: randomValues(64 * 16, i * 7 + proj.length, 0.05),
      });
    }
  }
  await writeWeightsFile(join(dir, 'base.safetensors'), base);
  await writeWeightsFile(join(dir, 'adapter.safetensors'), llamaLora(3, { inFeatures: 16, outFeatures: 64 }));
}

export async function runCheck(
  cwd: string,
  adapterFile: string,
  config: Record<string, unknown> | null,
  options: Partial<MergeCheckOptions> & { threads?: number; executor?: Executor } = {},
): Promise<{ stats: readonly ModuleMergeStats[]; problems: readonly unknown[]; adapter: Adapter }> {
  const adapter = await loadTestAdapter(cwd, join(cwd, adapterFile), config);
  const executor = options.executor ?? createExecutor(options.threads ?? 0);
  try {
    const result = await checkMerges([adapter], {
      cwd,
      base: options.base ?? 'base.safetensors',
      merged: options.merged,
      executor,
      maxMemory: options.maxMemory ?? 64 * 1024 * 1024,
      exact: options.exact ?? false,
      tileBytes: options.tileBytes,
      onProgress: options.onProgress,
    });
    return { ...result, adapter };
  } finally {
    if (!options.executor) await executor.close();
  }
}

export function byModule(stats: readonly ModuleMergeStats[], name: string): ModuleMergeStats {
  const s = stats.find((x) => x.module === name);
  if (!s) throw new Error(`no stats for ${name}: ${stats.map((x) => x.module).join(', ')}`);
  return s;
}
