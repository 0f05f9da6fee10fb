// A tile read in several chunks, one buffer refilled chunk after chunk: every row is
// checked against its own data, at chunk boundaries and in a short last chunk, with the kernel and without.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localFloats, prepareFactors } from '../../src/merge/factors.js';
import { setMergeKernelEnabled } from '../../src/merge/simd/merge-kernel.js';
import type { ModuleWork, TileTask } from '../../src/merge/task-types.js';
import { runTile } from '../../src/merge/tile-check.js';
import { f32ToBf16Bits } from '../../src/safetensors/encode.js';
import { randomValues } from '../helpers/safetensors.js';
import { removeDir, tempDir } from './fixtures.js';

const ROWS = 10;
const COLS = 20;
const RANK = 2;
/** 3 rows per chunk: chunks [0, 3) [3, 6) [6, 9) [9, 10). */
const CHUNK_BYTES = 3 * COLS * 2;
/** Rows whose merged values are wrong: in the second, third and (short) last chunk. */
const WRONG = [4, 6, 9];

let dir: string;
let base: Float64Array;
beforeEach(async () => {
  dir = await tempDir();
  const bits = Uint16Array.from(randomValues(ROWS * COLS, 5, 0.05), (x) => f32ToBf16Bits(x));
  base = Float64Array.from(bits, (b) => new Float32Array(new Uint32Array([b << 16]).buffer)[0]!);
  // The update is far below an ulp of W, so the correct merge is W itself.
  const merged = Uint16Array.from(bits);
  for (const o of WRONG) merged[o * COLS + 7] = f32ToBf16Bits(0.5);
  await writeFile(join(dir, 'base.bin'), new Uint8Array(bits.buffer));
  await writeFile(join(dir, 'merged.bin'), new Uint8Array(merged.buffer));
  await writeFile(
    join(dir, 'a.bin'),
    new Uint8Array(new Float32Array(randomValues(RANK * COLS, 6, 1e-9)).buffer),
  );
  await writeFile(
    join(dir, 'b.bin'),
    new Uint8Array(new Float32Array(randomValues(ROWS * RANK, 7, 1e-9)).buffer),
  );
});
afterEach(async () => {
  setMergeKernelEnabled(true);
  await removeDir(dir);
});

function work(): ModuleWork {
  const at = (name: string, dtype: 'BF16' | 'F32', dims: number[]) => ({
    path: join(dir, name),
    start: 0,
    byteLength: dims[0]! * dims[1]! * (dtype === 'F32' ? 4 : 2),
    dtype,
    dims,
  });
  return {
    key: `${dir}\0q_proj`,
    down: at('a.bin', 'F32', [RANK, COLS]),
    up: at('b.bin', 'F32', [ROWS, RANK]),
    scale: 1,
    transposed: false,
    rank: RANK,
    rows: ROWS,
    cols: COLS,
    base: at('base.bin', 'BF16', [ROWS, COLS]) as ModuleWork['base'],
    merged: at('merged.bin', 'BF16', [ROWS, COLS]) as ModuleWork['merged'],
    conv: false,
    dora: 'none',
  };
}

async function task(rowStart: number, exactRows: number[]): Promise<TileTask> {
  const w = work();
  return {
    type: 'tile',
    work: w,
    factors: await prepareFactors(w, localFloats),
    rowStart,
    rowEnd: ROWS,
    exactRows,
    gram: false,
    probes: 2,
    seed: 3,
    chunkBytes: CHUNK_BYTES,
  };
}

function squares(from: number): number {
  let sum = 0;
  for (let i = from * COLS; i < ROWS * COLS; i++) sum += base[i]! * base[i]!;
  return sum;
}

describe.each([true, false])('a tile over several chunks (SIMD kernel: %s)', (kernel) => {
  beforeEach(() => setMergeKernelEnabled(kernel));

  it('probes flag exactly the wrong rows, in every chunk', async () => {
    const result = await runTile(await task(0, []));
    expect(result.merged!.probeRows).toBe(ROWS);
    expect(result.merged!.probeFailRows).toBe(WRONG.length);
    expect(result.baseSumSquares).toBeCloseTo(squares(0), 12);
  });

  it('exact rows in later chunks compare their own merged row; a tile may start mid-module', async () => {
    const result = await runTile(await task(2, [3, 9]));
    const merged = result.merged!;
    expect(merged.exactRows).toBe(2);
    expect(merged.mismatchElements).toBe(1);
    expect(merged.firstMismatch).toEqual([9, 7]);
    expect(merged.probeRows).toBe(ROWS - 2 - 2);
    expect(merged.probeFailRows).toBe(2); // rows 4 and 6
    expect(result.rounding.rows).toBe(2);
    expect(result.rounding.roundedAway).toBe(2 * COLS);
    expect(result.baseSumSquares).toBeCloseTo(squares(2), 12);
  });
});

describe.each([true, false])(
  'a tile with no merged checkpoint over several chunks (SIMD kernel: %s)',
  (kernel) => {
    beforeEach(() => setMergeKernelEnabled(kernel));

    it('sums the rows between sampled rows, and checks sampled and overflowing rows exactly', async () => {
      // Row 5 (second chunk, not sampled) holds +Inf: its bound fails, so it is checked element by element.
      const bits = new Uint16Array(ROWS * COLS);
      for (let i = 0; i < bits.length; i++) bits[i] = f32ToBf16Bits(base[i]!);
      bits[5 * COLS + 7] = 0x7f80;
      await writeFile(join(dir, 'base-inf.bin'), new Uint8Array(bits.buffer));
      const t = await task(2, [3, 4, 9]);
      const w = t.work;
      const result = await runTile({
        ...t,
        work: {
          ...w,
          key: `${w.key}-inf`,
          base: { ...w.base, path: join(dir, 'base-inf.bin') },
          merged: undefined,
        },
      });
      expect(result.merged).toBeNull();
      expect(result.rounding.rows).toBe(3);
      expect(result.rounding.elements).toBe(3 * COLS);
      expect(result.rounding.roundedAway).toBe(3 * COLS);
      expect(result.overflow).toEqual({ inf: 1, nan: 0, first: [5, 7] });
      expect(result.baseSumSquares).toBeCloseTo(squares(2) - base[5 * COLS + 7]! ** 2, 12);
    });
  },
);
