// Prepared factors' memory: the arena reuses released arrays (and keeps no more than its cap), the
// prefetcher hands a module's arrays back only after its last task, and factor files stay open once.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FactorPrefetch } from '../../src/merge/factor-prefetch.js';
import { FileHandles } from '../../src/merge/file-handles.js';
import { FloatArena } from '../../src/merge/float-arena.js';
import type { ModuleWork } from '../../src/merge/task-types.js';
import { randomValues } from '../helpers/safetensors.js';
import { removeDir, tempDir } from './fixtures.js';

describe('the float arena', () => {
  it('gives released buffers back out, by size class, and shared ones as SharedArrayBuffers', () => {
    const arena = FloatArena.of(true);
    const taken: Float64Array[] = [];
    const alloc = arena.allocator(taken);
    const a = alloc(1000);
    const b = alloc(3);
    expect(a.length).toBe(1000);
    expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(taken).toEqual([a, b]);
    arena.release(taken);
    const again: Float64Array[] = [];
    const reuse = arena.allocator(again);
    const c = reuse(1020); // the same size class as 1000 (8 KiB)
    expect(c.buffer).toBe(a.buffer);
    expect(c.length).toBe(1020);
    expect(reuse(1000).buffer).not.toBe(a.buffer); // that one is out now
    expect(FloatArena.of(true)).toBe(arena);
    const odd = reuse((5 << 20) / 8 + 1); // just over 5 MiB: a 6 MiB buffer, not 8
    expect(odd.buffer.byteLength).toBe(6 << 20);
    expect(FloatArena.of(false).allocator([])(4).buffer).toBeInstanceOf(ArrayBuffer);
  });

  it('keeps at most 64 MiB of released arrays', () => {
    const arena = FloatArena.of(false);
    const taken: Float64Array[] = [];
    const alloc = arena.allocator(taken);
    const big = Array.from({ length: 5 }, () => alloc((16 << 20) / 8)); // 5 x 16 MiB
    arena.release(taken);
    const later = arena.allocator([]);
    const reused = Array.from({ length: 5 }, () => later((16 << 20) / 8)).filter((x) =>
      big.some((b) => b.buffer === x.buffer),
    );
    expect(reused.length).toBe(4);
  });
});

describe('the factor prefetcher', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  function work(name: string, rows: number, cols: number, rank: number): ModuleWork {
    const at = (file: string, dims: number[]) => ({
      path: join(dir, file),
      start: 0,
      byteLength: dims[0]! * dims[1]! * 4,
      dtype: 'F32',
      dims,
    });
    return {
      key: name,
      down: at(`${name}.a`, [rank, cols]),
      up: at(`${name}.b`, [rows, rank]),
      scale: 1,
      transposed: false,
      rank,
      rows,
      cols,
      base: { ...at('base', [rows, cols]), dtype: 'BF16' },
      conv: false,
      dora: 'none',
    };
  }

  async function writeFactors(name: string, rows: number, cols: number, rank: number) {
    const bytes = (n: number, seed: number) =>
      new Uint8Array(new Float32Array(randomValues(n, seed, 0.1)).buffer);
    await writeFile(join(dir, `${name}.a`), bytes(rank * cols, 1));
    await writeFile(join(dir, `${name}.b`), bytes(rows * rank, 2));
  }

  it('prepares a module once, and returns its arrays only after its last task', async () => {
    await writeFactors('m0', 64, 48, 4);
    await writeFactors('m1', 64, 48, 4);
    const prefetch = new FactorPrefetch(true, [0, 0, 1]);
    try {
      const first = await prefetch.get(0, work('m0', 64, 48, 4));
      expect(await prefetch.get(0, work('m0', 64, 48, 4))).toBe(first);
      expect(first.left.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(first.left[5]).toBeCloseTo(new Float32Array(randomValues(64 * 4, 2, 0.1))[5]!, 7);
      prefetch.taskDone(0);
      const stillThere = Float64Array.from(first.left);
      const m1 = await prefetch.get(1, work('m1', 64, 48, 4));
      expect(m1.left.buffer).not.toBe(first.left.buffer); // module 0 has a task left
      expect(Array.from(first.left)).toEqual(Array.from(stillThere));
      prefetch.taskDone(0);
      await Promise.resolve();
      // Now module 0's arrays are free: the next module of that size takes them over.
      await writeFactors('m2', 64, 48, 4);
      const other = new FactorPrefetch(true, [2]);
      const m2 = await other.get(2, work('m2', 64, 48, 4));
      const old = [first.left, first.right, first.leftNorms, first.absDotNorms].map((x) => x.buffer);
      expect([m2.left, m2.right, m2.leftNorms, m2.absDotNorms].some((x) => old.includes(x.buffer))).toBe(
        true,
      );
      await other.close();
    } finally {
      await prefetch.close();
    }
  });

  it('a module whose factors cannot be read rejects for that module only', async () => {
    await writeFactors('ok', 8, 8, 2);
    const prefetch = new FactorPrefetch(false, [0, 1]);
    try {
      await expect(prefetch.get(0, work('missing', 8, 8, 2))).rejects.toMatchObject({ code: 'ENOENT' });
      expect((await prefetch.get(1, work('ok', 8, 8, 2))).left.length).toBe(16);
    } finally {
      await prefetch.close();
    }
  });
});

describe('file handles kept for small reads', () => {
  it('opens each path once, forgets a failed open, and closes all', async () => {
    const dir = await tempDir();
    try {
      await writeFile(join(dir, 'x'), 'abc');
      const files = new FileHandles();
      const a = await files.get(join(dir, 'x'));
      expect(await files.get(join(dir, 'x'))).toBe(a);
      await expect(files.get(join(dir, 'nope'))).rejects.toMatchObject({ code: 'ENOENT' });
      await writeFile(join(dir, 'nope'), 'now');
      await expect(files.get(join(dir, 'nope'))).resolves.toBeDefined();
      await files.closeAll();
      await expect(a.stat()).rejects.toMatchObject({ code: 'EBADF' });
      await expect(files.get(join(dir, 'x'))).rejects.toThrow(/closed/);
    } finally {
      await removeDir(dir);
    }
  });
});
