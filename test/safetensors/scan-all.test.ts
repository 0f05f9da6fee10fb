// SafetensorsFile.scanAll: one pipelined pass over many tensors, identical to scanning each alone.

import { truncateSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { DTYPES } from '../../src/safetensors/dtypes.js';
import { openSafetensors } from '../../src/safetensors/index.js';
import { chunkMultipleOf, createJsScanner, createScanner } from '../../src/safetensors/scan.js';
import { scanKernel } from '../../src/safetensors/simd/kernel.js';
import type { TensorInfo } from '../../src/safetensors/types.js';
import { buildSafetensors, type TensorSpec } from '../helpers/safetensors.js';
import { makeTempDir } from './tmp-files.js';

/** Deterministic pseudo-random bytes. */
function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

function f32(values: number[]): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer);
}

/** Mixed dtypes and sizes: kernel and JS scanners, NaN/Inf, an empty tensor, one smaller than a chunk. */
function specs(): TensorSpec[] {
  const big = Array.from({ length: 3000 }, (_, i) => Math.sin(i) * 100);
  big[1700] = Number.NaN;
  big[2500] = Number.NEGATIVE_INFINITY;
  const bf16 = bytes(2 * 2048, 7);
  // Finite everywhere else: clearing the top exponent bit of each element.
  for (let i = 1; i < bf16.length; i += 2) bf16[i]! &= 0xbf;
  // Inf in the middle of a BF16 tensor (0x7f80), a NaN near its end.
  bf16.set([0x80, 0x7f], 2 * 900);
  bf16.set([0xc1, 0xff], 2 * 2000);
  return [
    { name: 'a.f32', dtype: 'F32', shape: [3000], data: f32(big) },
    { name: 'b.bf16', dtype: 'BF16', shape: [2048], data: bf16 },
    { name: 'c.empty', dtype: 'F32', shape: [0, 4] },
    { name: 'd.f16', dtype: 'F16', shape: [1000], data: bytes(2000, 11) },
    { name: 'e.i64', dtype: 'I64', shape: [300], data: bytes(2400, 13) },
    { name: 'f.small', dtype: 'BF16', shape: [5], data: bytes(10, 17) },
    { name: 'g.c64', dtype: 'C64', shape: [400], data: f32(Array.from({ length: 800 }, (_, i) => i - 400)) },
    { name: 'h.f8', dtype: 'F8_E4M3', shape: [777], data: bytes(777, 19) },
    {
      name: 'i.f64',
      dtype: 'F64',
      shape: [600],
      data: new Uint8Array(Float64Array.from({ length: 600 }, (_, i) => 1 / (i + 1)).buffer),
    },
    { name: 'j.zeros', dtype: 'BF16', shape: [4096] },
    { name: 'k.u8', dtype: 'U8', shape: [1000], data: bytes(1000, 23) },
  ];
}

const tmp = makeTempDir('scan-all-');
afterAll(() => tmp.remove());

describe('SafetensorsFile.scanAll', () => {
  it('gives exactly the stats of scanning each tensor alone, for any chunk size, order and repeats', async () => {
    const path = tmp.write('mixed.safetensors', buildSafetensors(specs()));
    const file = await openSafetensors(path);
    try {
      const all = [...file.header.tensors.values()];
      const lists: TensorInfo[][] = [all, [...all].reverse(), [all[3]!, all[3]!, all[0]!], [all[2]!], []];
      for (const chunk of [64, 256, 1000, 4096, 1 << 20]) {
        for (const list of lists) {
          const alone = [];
          for (const tensor of list) alone.push(await file.scan(tensor, chunk));
          const together = await file.scanAll(list, chunk);
          // toEqual treats NaN as equal to NaN and tells -0 from +0.
          expect(together).toEqual(alone);
        }
      }
      // The default chunk size too, and the NaN/Inf tensor really holds them.
      const stats = await file.scanAll(all);
      const byName = new Map(all.map((tensor, i) => [tensor.name, stats[i]!]));
      expect(byName.get('a.f32')).toMatchObject({ nanCount: 1, negInfCount: 1, firstNonFinite: 1700 });
      expect(byName.get('b.bf16')).toMatchObject({ nanCount: 1, posInfCount: 1, firstNonFinite: 900 });
      expect(byName.get('j.zeros')!.allZero).toBe(true);
    } finally {
      await file.close();
    }
  });

  it('reads ahead across tensor boundaries: the next tensor is read before the last chunks are scanned', async () => {
    const kernel = scanKernel();
    if (kernel === null) return;
    const n = 1024;
    const path = tmp.write(
      'two.safetensors',
      buildSafetensors([
        { name: 'a', dtype: 'F32', shape: [n], data: f32(Array.from({ length: n }, (_, i) => i)) },
        { name: 'b', dtype: 'F32', shape: [n], data: f32(Array.from({ length: n }, (_, i) => -i)) },
      ]),
    );
    const file = await openSafetensors(path);
    const probe = await open(path, 'r');
    const handleProto = Object.getPrototypeOf(probe) as { read: (...args: unknown[]) => unknown };
    await probe.close();
    const events: string[] = [];
    const [a, b] = [...file.header.tensors.values()] as [TensorInfo, TensorInfo];
    const read = handleProto.read;
    const scan = kernel.scan;
    handleProto.read = function (this: unknown, ...args: unknown[]) {
      const position = args[3] as number;
      const tensor = position >= b.start ? 'b' : 'a';
      const start = tensor === 'b' ? b.start : a.start;
      events.push(`read ${tensor}${(position - start) / 1024}`);
      return read.apply(this, args);
    };
    kernel.scan = function (this: typeof kernel, ...args: Parameters<typeof scan>) {
      events.push('scan');
      return scan.apply(this, args);
    };
    try {
      // 4 KiB per tensor in 1 KiB chunks: 4 chunks each, 3 reads in flight.
      const [sa, sb] = await file.scanAll([a, b], 1024);
      handleProto.read = read;
      kernel.scan = scan;
      expect(sa).toEqual(await file.scan(a, 1024));
      expect(sb).toEqual(await file.scan(b, 1024));
    } finally {
      handleProto.read = read;
      kernel.scan = scan;
      await file.close();
    }
    const order = events.slice(0, events.indexOf('read b0') + 1);
    // a's chunks 0..3 are read, then b's first while a's chunks 2 and 3 are still to be scanned.
    expect(order).toEqual(['read a0', 'read a1', 'read a2', 'scan', 'read a3', 'scan', 'read b0']);
    expect(events.filter((e) => e === 'scan')).toHaveLength(8);
  });

  it('a read failing mid-way rejects, settles every read and gives the kernel slots back', async () => {
    const data = specs();
    const path = tmp.write('cut.safetensors', buildSafetensors(data));
    const file = await openSafetensors(path);
    try {
      const all = [...file.header.tensors.values()];
      const d = file.header.tensors.get('d.f16')!;
      // Cut inside the 4th tensor: the earlier ones are scanned, then a read hits end of file.
      truncateSync(path, d.start + 700);
      await expect(file.scanAll(all, 256)).rejects.toMatchObject({ code: 'IoError', reason: 'io.truncated' });
      const kernel = scanKernel();
      if (kernel !== null) {
        // No slot is left leased: growing memory is refused while any slot is busy.
        const size = kernel.view(0, 1).buffer.byteLength + 1024 * 1024;
        const big = kernel.lease(size);
        expect(big).not.toBeNull();
        kernel.release(big!);
      }
      // Restored, the same open file scans in full and matches the per-tensor scans.
      writeFileSync(path, buildSafetensors(data));
      const alone = [];
      for (const tensor of all) alone.push(await file.scan(tensor, 256));
      expect(await file.scanAll(all, 256)).toEqual(alone);
    } finally {
      await file.close();
    }
  });

  it('synchronously (as on workers): the same stats for any chunk size and order, without libuv reads', async () => {
    const path = tmp.write('sync.safetensors', buildSafetensors(specs()));
    const file = await openSafetensors(path);
    const probe = await open(path, 'r');
    const handleProto = Object.getPrototypeOf(probe) as { read: (...args: unknown[]) => unknown };
    await probe.close();
    const read = handleProto.read;
    let asyncReads = 0;
    try {
      const all = [...file.header.tensors.values()];
      for (const chunk of [64, 1000, 1 << 20]) {
        for (const list of [all, [...all].reverse(), [all[3]!, all[3]!, all[0]!], []]) {
          const pipelined = await file.scanAll(list, chunk);
          handleProto.read = function (this: unknown, ...args: unknown[]) {
            asyncReads++;
            return read.apply(this, args);
          };
          const synchronous = await file.scanAll(list, chunk, { synchronous: true });
          handleProto.read = read;
          expect(synchronous).toEqual(pipelined);
        }
      }
      expect(asyncReads).toBe(0);
      const stats = await file.scanAll(all, undefined, { synchronous: true });
      expect(stats[all.findIndex((t) => t.name === 'b.bf16')]).toMatchObject({ nanCount: 1, posInfCount: 1 });
    } finally {
      handleProto.read = read;
      await file.close();
    }
  });

  it('synchronously: a read failing mid-way throws the typed error and gives the kernel slot back', async () => {
    const data = specs();
    const path = tmp.write('cut-sync.safetensors', buildSafetensors(data));
    const file = await openSafetensors(path);
    try {
      const all = [...file.header.tensors.values()];
      truncateSync(path, file.header.tensors.get('d.f16')!.start + 700);
      await expect(file.scanAll(all, 256, { synchronous: true })).rejects.toMatchObject({
        code: 'IoError',
        reason: 'io.truncated',
      });
      const kernel = scanKernel();
      if (kernel !== null) {
        const size = kernel.view(0, 1).buffer.byteLength + 1024 * 1024;
        const big = kernel.lease(size);
        expect(big).not.toBeNull();
        kernel.release(big!);
      }
    } finally {
      await file.close();
    }
  });

  it('checks every tensor belongs to the file before reading anything', async () => {
    const path = tmp.write('own.safetensors', buildSafetensors(specs()));
    const other = tmp.write('other.safetensors', buildSafetensors([{ name: 'x', shape: [4] }]));
    const file = await openSafetensors(path);
    const foreign = await openSafetensors(other);
    try {
      const own = [...file.header.tensors.values()];
      const stranger = foreign.header.tensors.get('x')!;
      await expect(file.scanAll([own[0]!, stranger])).rejects.toThrow(RangeError);
    } finally {
      await file.close();
      await foreign.close();
    }
    await expect(file.scanAll([])).rejects.toMatchObject({ reason: 'io.closed' });
  });

  it('chunkMultipleOf matches every scanner, SIMD and JS', () => {
    for (const dtype of DTYPES) {
      expect([dtype, createScanner(dtype, 8).chunkMultiple]).toEqual([dtype, chunkMultipleOf(dtype)]);
      expect([dtype, createJsScanner(dtype, 8).chunkMultiple]).toEqual([dtype, chunkMultipleOf(dtype)]);
    }
  });
});
