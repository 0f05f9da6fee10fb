// The merge on worker threads: the same numbers as inline, and a failed task is an entry for its module.
import { truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createExecutor, type Executor, type PoolTask } from '../../src/pool/index.js';
import type { ProgressEvent } from '../../src/types.js';
import { peftConfig } from '../helpers/adapters.js';
import { removeDir, runCheck, tempDir, writeSmallLlamaMerge } from './fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
  await writeSmallLlamaMerge(dir);
});
afterEach(async () => {
  await removeDir(dir);
});

const config = peftConfig({ r: 4, lora_alpha: 8 });

describe('merge checks on the piscina pool', () => {
  it('threads 0 and threads 2 give the same stats; progress counts every task', async () => {
    const events: ProgressEvent[] = [];
    const inline = await runCheck(dir, 'adapter.safetensors', config, { threads: 0 });
    const pooled = await runCheck(dir, 'adapter.safetensors', config, {
      threads: 2,
      maxMemory: 1 << 20, // small budget: a few tiles in flight at a time
      onProgress: (e) => events.push(e),
    });
    expect(inline.stats).toHaveLength(6);
    expect(pooled.stats).toEqual(inline.stats);
    expect(inline.stats.every((s) => s.ratio > 0 && s.error === undefined)).toBe(true);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ phase: 'merge', done: 6, total: 6 });
  });

  it('a task that fails becomes an error entry for its module; the other modules are checked', async () => {
    const real = createExecutor(2);
    const failing: Executor = {
      threads: real.threads,
      run: <R>(task: PoolTask) => {
        const key = (task as { payload: { work: { key: string } } }).payload.work.key;
        if (key.endsWith('layers.1.self_attn.v_proj'))
          return Promise.reject(new Error('worker exited with code 1'));
        return real.run<R>(task);
      },
      close: () => real.close(),
    };
    try {
      const { stats } = await runCheck(dir, 'adapter.safetensors', config, { executor: failing });
      const bad = stats.find((s) => s.module === 'model.layers.1.self_attn.v_proj')!;
      expect(bad.error).toBe('worker exited with code 1');
      expect(stats.filter((s) => s.error === undefined)).toHaveLength(5);
    } finally {
      await real.close();
    }
  });

  it('a read that fails inside a worker (file truncated after planning) is an error entry', async () => {
    const real = createExecutor(2);
    let truncated = false;
    const truncating: Executor = {
      threads: real.threads,
      run: async <R>(task: PoolTask) => {
        if (!truncated) {
          truncated = true;
          await truncate(join(dir, 'base.safetensors'), 4096);
        }
        return real.run<R>(task);
      },
      close: () => real.close(),
    };
    try {
      const { stats } = await runCheck(dir, 'adapter.safetensors', config, { executor: truncating });
      const failed = stats.filter((s) => s.error !== undefined);
      expect(failed.length).toBeGreaterThan(0);
      expect(failed[0]!.error).toMatch(/end of file|truncated/);
      expect(stats).toHaveLength(6);
    } finally {
      await real.close();
    }
  });
});
