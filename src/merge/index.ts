// The test merge against base weights: plan every module on the main thread, run the tiles on the pool
// under a memory budget, and fold the results into per-module stats. A failed task is a stats entry with
// `error` for its module; the run goes on.
import type { Executor } from '../pool/index.js';
import type { Adapter, FileProblem, ModuleMergeStats, ProgressEvent } from '../types.js';
import { moduleStats } from './aggregate.js';
import { BaseNameResolver } from './base-names.js';
import { openCheckpoint } from './checkpoint.js';
import { FactorPrefetch } from './factor-prefetch.js';
import { MemoryBudget } from './memory-budget.js';
import { baseProvesConv1d, type ModulePlan, planModule, provesConv1d } from './plan.js';
import { hashSeed, sampleIndices } from './random.js';
import type { MergeTaskPayload, ModuleWork, TileResult } from './task-types.js';

export interface MergeCheckOptions {
  readonly cwd: string;
  /** Absolute or cwd-relative path of the base weights: a .safetensors file, or a folder. */
  readonly base: string;
  readonly merged?: string;
  readonly executor: Executor;
  readonly maxMemory: number;
  readonly exact: boolean;
  /** Base bytes per tile task (default 64 MiB); smaller in tests to split modules into many tiles. */
  readonly tileBytes?: number;
  readonly onProgress?: (event: ProgressEvent) => void;
}

export interface MergeCheckResult {
  readonly stats: readonly ModuleMergeStats[];
  /** Problems with the base or merged checkpoints themselves (reported against those files). */
  readonly problems: readonly FileProblem[];
}

export const DEFAULT_MAX_MEMORY = 1024 * 1024 * 1024;
/** Rows per module whose update is computed element by element in the default (sampling) mode, up to rank 64. */
export const SAMPLE_ROWS = 64;
/** At least this many sampled rows at any rank. */
const MIN_SAMPLE_ROWS = 32;

/**
 * Sampled rows for a module of this rank: a row of ΔW costs rank · cols multiply-adds, so above rank 64 the
 * count shrinks as 4096 / rank (at least 32 rows) and the sample costs no more than at rank 64 until rank
 * 128, twice that at 256. Fewer rows would be cheaper still, but the interval's coverage suffers first where
 * a few rows differ from the rest (rows a small sample misses).
 */
export function sampleRowCount(rank: number): number {
  return Math.max(MIN_SAMPLE_ROWS, Math.min(SAMPLE_ROWS, Math.floor((SAMPLE_ROWS * 64) / Math.max(1, rank))));
}

/** Freivalds probe vectors per merged tensor. */
export const PROBES = 2;
/** Base bytes per tile task: large enough that per-task costs (messages, opening files, probes) are small. */
const TILE_BYTES = 64 * 1024 * 1024;
/** Full tiles' worth of base bytes, from the end, cut into quarter tiles. */
const TAIL_TILES = 4;

/** A task before its module's factors are prepared. */
type PendingPayload = DistributiveOmit<MergeTaskPayload, 'factors'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Job {
  readonly moduleIndex: number;
  readonly payload: PendingPayload;
  readonly bytes: number;
}

export async function checkMerges(
  adapters: readonly Adapter[],
  options: MergeCheckOptions,
): Promise<MergeCheckResult> {
  const base = await openCheckpoint(options.cwd, options.base);
  const merged = options.merged ? await openCheckpoint(options.cwd, options.merged) : null;
  const problems = [...base.problems, ...(merged?.problems ?? [])];
  if (!base.readable) return { stats: [], problems };
  const inputs = {
    base,
    baseNames: new BaseNameResolver(base.tensors),
    merged: merged?.readable ? merged : null,
    mergedNames: merged?.readable ? new BaseNameResolver(merged.tensors) : null,
  };

  const plans: ModulePlan[] = [];
  const conv1dBase = baseProvesConv1d(base);
  for (const adapter of adapters) {
    let planned = adapter.modules.map((module) => planModule(adapter, module, inputs, conv1dBase));
    if (!conv1dBase && planned.some((plan, i) => provesConv1d(plan, adapter.modules[i]!))) {
      planned = adapter.modules.map((module) => planModule(adapter, module, inputs, true));
    }
    for (const plan of planned) if (plan) plans.push(plan);
  }

  const threads = Math.max(1, options.executor.threads);
  const concurrency = options.executor.threads > 0 ? threads * 2 : 1;
  const maxMemory = options.maxMemory > 0 ? options.maxMemory : DEFAULT_MAX_MEMORY;
  // Small enough to stay in the core's cache between the read and the scan (see row-reader.ts).
  const chunkBytes = clamp(Math.floor(maxMemory / (concurrency * 8)), 64 * 1024, 512 * 1024);
  const tileBytes = options.tileBytes ?? TILE_BYTES;
  // The last modules (about TAIL_TILES full tiles from the end) get quarter tiles, so the threads run out
  // of work at nearly the same time instead of one finishing a whole tile alone. Not tied to the thread
  // count: tile bounds seed the probes and order the sums, and results must not depend on the machine.
  const tailBytes = TAIL_TILES * tileBytes;
  const tileFor = new Map<number, number>();
  let fromEnd = 0;
  for (let i = plans.length - 1; i >= 0 && fromEnd < tailBytes; i--) {
    const plan = plans[i]!;
    if (plan.kind !== 'work') continue;
    tileFor.set(i, Math.max(1, Math.floor(tileBytes / 4)));
    fromEnd += plan.work.base.byteLength;
  }
  const jobs: Job[] = [];
  plans.forEach((plan, moduleIndex) => {
    if (plan.kind === 'work') {
      const tile = tileFor.get(moduleIndex) ?? tileBytes;
      for (const job of jobsFor(plan.work, moduleIndex, options.exact, chunkBytes, tile)) jobs.push(job);
    }
  });

  const results = plans.map(() => [] as TileResult[]);
  const errors = new Map<number, string>();
  const budget = new MemoryBudget(maxMemory);
  let done = 0;
  options.onProgress?.({ phase: 'merge', done, total: jobs.length });

  const factors = new FactorPrefetch(
    options.executor.threads > 0,
    jobs.map((job) => job.moduleIndex),
  );
  const factorsOf = (job: Job) => factors.get(job.moduleIndex, job.payload.work);
  let next = 0;
  const runner = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      // The next task's factors are prepared while this one waits for memory and runs.
      if (next < jobs.length) factorsOf(jobs[next]!);
      if (!errors.has(job.moduleIndex)) {
        const reserved = await budget.acquire(job.bytes);
        try {
          if (!errors.has(job.moduleIndex)) {
            const payload = { ...job.payload, factors: await factorsOf(job) } as MergeTaskPayload;
            const result = await options.executor.run<TileResult>({ kind: 'merge', payload });
            results[job.moduleIndex]!.push(result);
          }
        } catch (error) {
          errors.set(job.moduleIndex, describe(error));
        } finally {
          budget.release(reserved);
        }
      }
      factors.taskDone(job.moduleIndex);
      done++;
      options.onProgress?.({
        phase: 'merge',
        done,
        total: jobs.length,
        label: job.payload.work.key.split('\0')[1],
      });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, jobs.length)) }, runner));
  } finally {
    await factors.close();
  }

  const stats = plans.map((plan, i) => {
    if (plan.kind === 'done') return plan.stats;
    const error = errors.get(i);
    if (error !== undefined) return { ...plan.stats, error };
    return moduleStats(plan.stats, plan.work, results[i]!, options.exact);
  });
  return { stats, problems };
}

function jobsFor(
  work: ModuleWork,
  moduleIndex: number,
  exact: boolean,
  chunkBytes: number,
  tileBytes: number,
): Job[] {
  const rowBytes = (work.cols * work.base.byteLength) / Math.max(1, work.rows * work.cols);
  const factorBytes = (work.rows + work.cols) * work.rank * 8 * 2 + work.cols * 8 * 6;
  // A chunk of rows per file, the decoded rows, the factors.
  const bytes = chunkBytes * (work.merged ? 2 : 1) + Math.max(chunkBytes, rowBytes) + factorBytes + (1 << 20);
  if (work.dora !== 'none') return [{ moduleIndex, bytes, payload: { type: 'dora', work, chunkBytes } }];
  const seed = hashSeed(work.key);
  const sample = exact ? null : sampleIndices(work.rows, sampleRowCount(work.rank), seed);
  const rowsPerTile = Math.max(1, Math.floor(tileBytes / Math.max(1, rowBytes)));
  const jobs: Job[] = [];
  for (let rowStart = 0; rowStart < work.rows; rowStart += rowsPerTile) {
    const rowEnd = Math.min(work.rows, rowStart + rowsPerTile);
    const exactRows = sample ? sample.filter((o) => o >= rowStart && o < rowEnd) : 'all';
    jobs.push({
      moduleIndex,
      // The sampled rows' ΔW, computed up front.
      bytes: bytes + (exactRows === 'all' ? 0 : exactRows.length * work.cols * 8),
      payload: {
        type: 'tile',
        work,
        rowStart,
        rowEnd,
        exactRows,
        gram: rowStart === 0,
        probes: PROBES,
        seed: (seed ^ rowStart) >>> 0,
        chunkBytes,
      },
    });
  }
  return jobs;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
