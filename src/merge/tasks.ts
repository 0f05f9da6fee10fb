// Worker-side entry of merge work, dispatched from src/pool/run-task.ts as `{ kind: 'merge', payload }`.
import { runDora } from './dora-check.js';
import type { MergeTaskPayload, TileResult } from './task-types.js';
import { runTile } from './tile-check.js';

export async function runMergeTask(payload: unknown): Promise<TileResult> {
  const task = payload as MergeTaskPayload;
  switch (task.type) {
    case 'tile':
      return runTile(task);
    case 'dora':
      return runDora(task);
    default:
      throw new Error(`unknown merge task ${String((task as { type?: unknown }).type)}`);
  }
}
