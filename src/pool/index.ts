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

function piscinaExecutor(threads: number): Executor {
  const { filename, execArgv } = taskFile();
  // Two tasks per worker: the next one already waits in the worker's port when one ends, instead of a round
  // trip through the main thread, which may be busy preparing factors (measured: 25-38 ms of 190 idle per
  // worker between merge tiles with one). Tasks run synchronously once started, so they do not interleave.
  const pool = new Piscina({
    filename,
    execArgv,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 1000,
    concurrentTasksPerWorker: 2,
  });
  return {
    threads,
    run: <R>(task: PoolTask) => pool.run(task) as Promise<R>,
    close: () => pool.destroy(),
  };
}
