// Modules split into several tiles of several chunks each: the same stats inline and on two workers, and
// the per-thread factor cache never mixes up two adapters whose modules have the same names.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkMerges } from '../../src/merge/index.js';
import { createExecutor } from '../../src/pool/index.js';
import type { ProgressEvent } from '../../src/types.js';
import { llamaLora, peftConfig, writeWeightsFile } from '../helpers/adapters.js';
import { loadTestAdapter } from '../helpers/merge-adapter.js';
import { randomValues } from '../helpers/safetensors.js';
import { byModule, removeDir, runCheck, tempDir } from './fixtures.js';

const ROWS = 40;
const COLS = 4096; // 8 KiB bf16 rows: the smallest chunk (64 KiB) holds 8
// Q in two tiles, each read in chunks of 8, 8 and 4 rows; V, the last module (two threads' worth of tiles
// from the end), in quarter tiles of 5 rows, so the threads finish together.
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
    expect(events.at(-1)).toMatchObject({ phase: 'merge', done: 2 + 8, total: 2 + 8 });
    // The merged file is the base itself (plus one wrong element in V): the update was not applied.
    expect(byModule(inline.stats, Q).mergedVerdict).toBe('not-applied');
    expect(byModule(inline.stats, V).mergedVerdict).toBe('mismatch');
    expect(byModule(inline.stats, Q).ratio).toBeGreaterThan(0);
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
