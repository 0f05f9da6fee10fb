import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { runTask } from './run-task.js';
import type { PoolTask } from './tasks.js';

export type {
  MergeTask,
  PoolTask,
  ProductProbe,
  ProductResult,
  ProductTask,
  ScanResult,
  ScanTask,
} from './tasks.js';

/** Runs pool tasks on worker threads, or inline when threads is 0 (tests, debugging). */
export interface Executor {
  readonly threads: number;
  run<R>(task: PoolTask): Promise<R>;
  close(): Promise<void>;
}

export function defaultThreads(): number {
  return availableParallelism();
}

export function createExecutor(threads: number = defaultThreads()): Executor {
  if (threads <= 0) return inlineExecutor();
  return piscinaExecutor(threads);
}

/** Tasks run one at a time: they are CPU-bound on this thread, and one at a time keeps memory flat. */
function inlineExecutor(): Executor {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    threads: 0,
    run: <R>(task: PoolTask) => {
      const result = queue.then(() => runTask(task));
      queue = result.catch(() => {});
      return result as Promise<R>;
    },
    close: async () => {},
  };
}

/**
 * From the bundle, the task file is dist/pool-task.js next to this module. From TypeScript sources (tests,
 * tsx), it is worker-entry.ts, and workers need tsx's loader to read it.
 */
function taskFile(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return { filename: new URL('./worker-entry.ts', here).href, execArgv: ['--import', 'tsx'] };
  }
  return { filename: new URL('./pool-task.js', here).href, execArgv: [] };
}

/**
 * The piscina pool. `task` is the file workers load (the default one, or in tests a wrapper of it).
 *
 * One task per worker: with two, a worker that dies (an uncaught error, a failed allocation) fails the task
 * queued beside the one that killed it too. A failed task is run once more: piscina starts no replacement
 * for a dead worker until the next run, so without it the tasks still in the pool's queue would never run
 * (the scans queue every file up front); a task that fails twice reports its own error.
 */
export function piscinaExecutor(threads: number, task = taskFile()): Executor {
  const pool = new Piscina({
    filename: task.filename,
    execArgv: task.execArgv,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 1000,
  });
  // Emitted only for a worker that dies holding no task: nothing of the run is lost with it.
  pool.on('error', () => {});
  return {
    threads,
    run: async <R>(job: PoolTask) => {
      try {
        return (await pool.run(job)) as R;
      } catch {
        return (await pool.run(job)) as R;
      }
    },
    close: () => pool.destroy(),
  };
}
