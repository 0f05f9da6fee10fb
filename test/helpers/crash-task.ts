// A pool task file for tests: the real tasks, except that a task naming ADAPTER_LINT_TEST_CRASH (a merge
// module key's end, or a scanned file's path) kills its worker, as an out-of-memory abort or an uncaught
// error would. It first waits a little, so the main thread has queued a second task on the same worker.
// A merge task whose payload is `{ type: 'sleep' }` takes half a second and answers 'slept'.
import { runTask } from '../../src/pool/run-task.js';
import type { PoolTask } from '../../src/pool/tasks.js';

export default async function poolTask(task: PoolTask): Promise<unknown> {
  if (task.kind === 'merge' && (task.payload as { type?: string }).type === 'sleep') {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    return 'slept';
  }
  const marker = process.env.ADAPTER_LINT_TEST_CRASH;
  if (marker) {
    const target =
      task.kind === 'merge'
        ? (task.payload as { work: { key: string } }).work.key
        : task.kind === 'scan'
          ? task.file
          : '';
    if (target.endsWith(marker)) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      process.exit(1);
    }
  }
  return runTask(task);
}
