// The piscina task file (bundled as dist/pool-task.js). Never name it worker.js: piscina owns that name.

import { runTask } from './run-task.js';
import type { PoolTask } from './tasks.js';

export default function poolTask(task: PoolTask): Promise<unknown> {
  return runTask(task);
}
