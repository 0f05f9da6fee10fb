import { isMainThread } from 'node:worker_threads';
import { runMergeTask } from '../merge/tasks.js';
import { openSafetensors } from '../safetensors/index.js';
import type { TensorStats } from '../safetensors/types.js';
import { probeProducts } from './product-probe.js';
import type { PoolTask, ProductResult, ScanResult, ScanTask } from './tasks.js';

/** Runs one task in whatever thread calls it: the worker entry point and the inline executor share it. */
export async function runTask(task: PoolTask): Promise<unknown> {
  switch (task.kind) {
    case 'scan':
      return scanTensors(task);
    case 'product':
      return { products: probeProducts(task.modules) } satisfies ProductResult;
    case 'merge':
      return runMergeTask(task.payload);
    case 'wake':
      return null;
  }
}

async function scanTensors(task: ScanTask): Promise<ScanResult> {
  const file = await openSafetensors(task.file);
  try {
    const infos = task.tensors.flatMap((name) => {
      const info = file.header.tensors.get(name);
      return info ? [info] : [];
    });
    // On a worker, reads on this thread (workers run side by side); inline, one pipelined pass whose reads
    // run ahead across tensor boundaries on libuv's threads.
    const all = await file.scanAll(infos, undefined, { synchronous: !isMainThread });
    const stats: Array<readonly [string, TensorStats]> = infos.map((info, i) => [info.name, all[i]!]);
    return { stats };
  } finally {
    await file.close();
  }
}
