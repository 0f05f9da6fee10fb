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
 * Two tasks per worker: when one ends the next already waits in the worker's port. With one, a worker sat
 * idle while the main thread, which shares the cores with the busy workers, woke up to hand it the next task
 * (merge bench: 25-38 ms of ~200 per worker, 8-10% slower). But a worker that dies (an uncaught error, a
 * failed allocation) fails every task it holds: so a failed task runs once more on a second pool, created
 * on the first failure, where each worker holds one task, and the task queued beside the one that killed
 * the worker gets its own result. Piscina starts a worker only on a run (`minThreads` would start one with
 * every pool, 0.1 s of each CLI run, and after a worker that failed to load, none at all), so after a failure
 * a `wake` task makes the pool start one for the tasks already queued there (the scans queue every file up
 * front).
 */
export function piscinaExecutor(threads: number, task = taskFile()): Executor {
  const options = { filename: task.filename, execArgv: task.execArgv, minThreads: 0, maxThreads: threads };
  const pool = new Piscina({ ...options, idleTimeout: 1000, concurrentTasksPerWorker: 2 });
  // No 'error' listener: piscina emits it when a worker cannot load the task file (a broken install), and
  // the tasks then never settle; unhandled, it ends the run with an error that names the file.
  let alone: Piscina | null = null;
  let closed = false;
  // Wakes still running: close() waits for them, since a worker's answer arriving after destroy() is an
  // unexpected message to piscina, an 'error' that would end the run.
  const wakes = new Set<Promise<unknown>>();
  const wake = (p: Piscina) => {
    const running = p.run({ kind: 'wake' } satisfies PoolTask).catch(() => {});
    wakes.add(running);
    running.finally(() => wakes.delete(running));
  };
  return {
    threads,
    run: async <R>(job: PoolTask) => {
      try {
        return (await pool.run(job)) as R;
      } catch (error) {
        // After close() the failure is the pool's end, not the task's: nothing more is started.
        if (closed) throw error;
        wake(pool);
        alone ??= new Piscina({ ...options, idleTimeout: 1000 });
        try {
          return (await alone.run(job)) as R;
        } catch (retryError) {
          if (!closed) wake(alone);
          throw retryError;
        }
      }
    },
    close: async () => {
      closed = true;
      await Promise.all([...wakes]);
      await Promise.all([pool.destroy(), alone?.destroy()]);
    },
  };
}
