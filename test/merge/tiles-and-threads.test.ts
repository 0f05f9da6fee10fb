// Modules split into several tiles of several chunks each: the same stats inline and on two workers, and
// the per-thread factor cache never mixes up two adapters whose modules have the same names.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkMerges } from '../../src/merge/index.js';
import { createExecutor, type Executor } from '../../src/pool/index.js';
import type { ProgressEvent } from '../../src/types.js';
import { llamaLora, peftConfig, writeWeightsFile } from '../helpers/adapters.js';
import { loadTestAdapter } from '../helpers/merge-adapter.js';
import { randomValues } from '../helpers/safetensors.js';
import { byModule, removeDir, runCheck, tempDir } from './fixtures.js';

const ROWS = 40;
const COLS = 4096; // 8 KiB bf16 rows: the smallest chunk (64 KiB) holds 8
// Tiles of 20 rows; both modules lie within the last four tiles' worth of bytes, so each is cut into
// quarter tiles of 5 rows (so the threads finish together), each read in chunks of at most 8 rows.
const TILE_BYTES = 20 * COLS * 2;
const Q = 'model.layers.0.self_attn.q_proj';
const V = 'model.layers.0.self_attn.v_proj';
const config = peftConfig({ r: 4, lora_alpha: 8 });

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
  const tensors = (change: boolean) =>
    [Q, V].map((module, i) => {
      const data = randomValues(ROWS * COLS, 40 + i, 0.05);
      if (change && module === V) data[33 * COLS + 100] = 4; // one wrong element in V's second tile
      return { name: `${module}.weight`, dtype: 'BF16' as const, shape: [ROWS, COLS], data };
    });
  await writeWeightsFile(join(dir, 'base.safetensors'), tensors(false));
  await writeWeightsFile(join(dir, 'merged.safetensors'), tensors(true));
  const lora = (seed: number) => llamaLora(1, { inFeatures: COLS, outFeatures: ROWS, seed });
  await writeWeightsFile(join(dir, 'adapter.safetensors'), lora(1));
  await writeWeightsFile(join(dir, 'other.safetensors'), lora(500));
});
afterEach(async () => {
  await removeDir(dir);
});

describe('tiles, chunks and threads', () => {
  it('threads 0 and 2 give identical stats; every tile is a task', async () => {
    const events: ProgressEvent[] = [];
    const options = { merged: 'merged.safetensors', maxMemory: 1 << 20, tileBytes: TILE_BYTES };
    const inline = await runCheck(dir, 'adapter.safetensors', config, { ...options, threads: 0 });
    const pooled = await runCheck(dir, 'adapter.safetensors', config, {
      ...options,
      threads: 2,
      onProgress: (e) => events.push(e),
    });
    expect(pooled.stats).toEqual(inline.stats);
    expect(events.at(-1)).toMatchObject({ phase: 'merge', done: 8 + 8, total: 8 + 8 });
    // The merged file is the base itself (plus one wrong element in V): the update was not applied.
    expect(byModule(inline.stats, Q).mergedVerdict).toBe('not-applied');
    expect(byModule(inline.stats, V).mergedVerdict).toBe('mismatch');
    expect(byModule(inline.stats, Q).ratio).toBeGreaterThan(0);
  });

  it('the same stats whatever the number of threads the machine has (tile bounds seed the probes)', async () => {
    // Two modules of 160 rows with 80-row tiles: only the last lies in the tail, whatever the thread count.
    const rows = 160;
    const cols = 1024;
    const tensors = (changed: boolean) =>
      [Q, V].map((module, i) => {
        const data = randomValues(rows * cols, 60 + i, 0.05);
        if (changed) for (let o = 0; o < rows; o++) data[o * cols + 5]! += 0.01;
        return { name: `${module}.weight`, dtype: 'BF16' as const, shape: [rows, cols], data };
      });
    await writeWeightsFile(join(dir, 'base.safetensors'), tensors(false));
    await writeWeightsFile(join(dir, 'merged.safetensors'), tensors(true));
    await writeWeightsFile(
      join(dir, 'adapter.safetensors'),
      llamaLora(1, { inFeatures: cols, outFeatures: rows, seed: 1 }),
    );
    /** Runs tasks inline while claiming `threads` threads, as a machine with that many cores would. */
    const claiming = (threads: number): Executor => {
      const inline = createExecutor(0);
      return { threads, run: (task) => inline.run(task), close: () => inline.close() };
    };
    const options = { merged: 'merged.safetensors', maxMemory: 1 << 20, tileBytes: 80 * cols * 2 };
    const runs = [];
    for (const threads of [1, 2, 8]) {
      runs.push(
        (await runCheck(dir, 'adapter.safetensors', config, { ...options, executor: claiming(threads) }))
          .stats,
      );
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    expect(byModule(runs[0]!, Q).mergedVerdict).toBe('mismatch');
  });

  it('two adapters with the same module names each get their own factors', async () => {
    const first = await loadTestAdapter(dir, join(dir, 'adapter.safetensors'), config);
    const second = await loadTestAdapter(dir, join(dir, 'other.safetensors'), config);
    const executor = createExecutor(0); // one thread, so one factor cache sees both adapters
    const check = (adapters: (typeof first)[]) =>
      checkMerges(adapters, {
        cwd: dir,
        base: 'base.safetensors',
        executor,
        maxMemory: 1 << 20,
        exact: false,
        tileBytes: TILE_BYTES,
      });
    try {
      const both = await check([first, second]);
      const alone = await check([second]);
      const fromSecond = both.stats.filter((s) => s.adapter === second.path);
      expect(fromSecond).toEqual(alone.stats);
      const firstQ = both.stats.find((s) => s.adapter === first.path && s.module === Q)!;
      expect(firstQ.updateNorm).not.toBe(byModule(alone.stats, Q).updateNorm);
    } finally {
      await executor.close();
    }
  });
});
