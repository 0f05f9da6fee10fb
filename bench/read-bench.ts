// Read benchmark: raw sequential fs reads of a ≥1 GiB bf16+f32 file versus a full value scan of every
// tensor (zero, NaN/Inf, min/max, sum of squares), same chunk size, on one thread and on the worker pool,
// plus peak RSS (single-thread phase and pool phase separately). The hot pair reads the page cache (so
// "raw" is memory-copy speed); a cold pair follows after evicting the file from the page cache, when this
// process may (root: fsync, then write 1 to /proc/sys/vm/drop_caches).
// Standalone: `npx tsx bench/read-bench.ts [sizeMiB] [chunkMiB]` (chunk: the scan's default unless given;
// the raw read always uses the scan's chunk size).
import { randomFillSync } from 'node:crypto';
import { closeSync, fsyncSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createExecutor, type Executor, type ScanResult } from '../src/pool/index.js';
import { DEFAULT_CHUNK_BYTES, openSafetensors } from '../src/safetensors/index.js';
import { scanKernel } from '../src/safetensors/simd/kernel.js';
import type { Dtype } from '../src/safetensors/types.js';
import { encodeHeader, type HeaderEntry } from '../src/safetensors/write.js';

export interface ReadBenchResult {
  readonly fileBytes: number;
  readonly tensors: number;
  readonly chunkBytes: number;
  /** Best of the runs, in MiB/s. */
  readonly rawMiBps: number;
  /** The same file read with fs.readSync at the same chunk size (for reference: not how the scan reads). */
  readonly rawSyncMiBps: number;
  readonly scanMiBps: number;
  readonly ratio: number;
  readonly poolThreads: number;
  readonly poolScanMiBps: number;
  readonly poolRatio: number;
  readonly simd: boolean;
  /** Peak RSS after the single-thread runs (before any worker exists). */
  readonly singleRssMiB: number;
  /** Peak RSS after the pool runs (workers are threads of this process; from sources they load tsx). */
  readonly peakRssMiB: number;
  /** Disk-speed pair, after evicting the file from the page cache; a reason string when not possible. */
  readonly cold: { readonly rawMiBps: number; readonly scanMiBps: number; readonly ratio: number } | string;
}

const MiB = 1024 * 1024;
const TENSOR_BYTES = 64 * MiB;

async function writeBenchFile(path: string, sizeMiB: number): Promise<{ bytes: number; tensors: number }> {
  const count = Math.max(2, Math.ceil((sizeMiB * MiB) / TENSOR_BYTES));
  const entries: HeaderEntry[] = [];
  for (let i = 0; i < count; i++) {
    const dtype: Dtype = i % 2 === 0 ? 'BF16' : 'F32';
    const elementBytes = dtype === 'BF16' ? 2 : 4;
    const rows = 4096;
    entries.push({
      name: `layers.${i >> 1}.${dtype === 'BF16' ? 'lora_A' : 'lora_B'}.weight`,
      dtype,
      shape: [rows, TENSOR_BYTES / elementBytes / rows],
      dataOffsets: [i * TENSOR_BYTES, (i + 1) * TENSOR_BYTES],
    });
  }
  const fh = await open(path, 'w');
  try {
    const header = encodeHeader(entries, { format: 'pt' });
    await fh.write(header, 0, header.length, 0);
    let position = header.length;
    // Random finite non-zero values: clearing the top exponent bit keeps every f32/bf16 finite.
    const chunk = new Uint8Array(DEFAULT_CHUNK_BYTES);
    const words = new Uint32Array(chunk.buffer);
    for (let written = 0; written < count * TENSOR_BYTES; written += chunk.length) {
      randomFillSync(chunk);
      for (let i = 0; i < words.length; i++) words[i] = (words[i]! & 0xbfffbfff) | 0x00010001;
      await fh.write(chunk, 0, chunk.length, position);
      position += chunk.length;
    }
    return { bytes: position, tensors: count };
  } finally {
    await fh.close();
  }
}

async function rawRead(path: string, chunkBytes: number): Promise<number> {
  const fh = await open(path, 'r');
  const buffer = new Uint8Array(chunkBytes);
  let total = 0;
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buffer, 0, chunkBytes, total);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return total;
}

function rawReadSync(path: string, chunkBytes: number): number {
  const fd = openSync(path, 'r');
  const buffer = new Uint8Array(chunkBytes);
  let total = 0;
  try {
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, chunkBytes, total);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
  } finally {
    closeSync(fd);
  }
  return total;
}

async function scanAll(path: string, chunkBytes: number): Promise<number> {
  const file = await openSafetensors(path);
  let bytes = 0;
  let checksum = 0;
  try {
    // One pipelined pass over every tensor (reads run ahead across tensor boundaries).
    const tensors = [...file.header.tensors.values()];
    const all = await file.scanAll(tensors, chunkBytes);
    tensors.forEach((tensor, i) => {
      const stats = all[i]!;
      if (stats.allZero || stats.nanCount > 0) throw new Error(`unexpected stats for ${tensor.name}`);
      checksum += stats.sumSquares;
      bytes += tensor.byteLength;
    });
  } finally {
    await file.close();
  }
  if (!Number.isFinite(checksum)) throw new Error('non-finite checksum');
  return bytes;
}

/** Every tensor as its own pool task, all in flight at once (workers open the file themselves). */
async function scanAllPooled(path: string, executor: Executor): Promise<number> {
  const file = await openSafetensors(path);
  const tensors = [...file.header.tensors.values()];
  await file.close();
  const results = await Promise.all(
    tensors.map((t) => executor.run<ScanResult>({ kind: 'scan', file: path, tensors: [t.name] })),
  );
  for (const { stats } of results) {
    for (const [name, s] of stats) {
      if (s.allZero || s.nanCount > 0 || !Number.isFinite(s.sumSquares))
        throw new Error(`bad stats: ${name}`);
    }
  }
  return tensors.reduce((sum, t) => sum + t.byteLength, 0);
}

async function timed(run: () => Promise<number>): Promise<number> {
  const start = process.hrtime.bigint();
  const bytes = await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return bytes / MiB / seconds;
}

function maxRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Evict `path` from the page cache (needs root and a writable /proc/sys); throws with the reason. */
function dropCaches(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '1');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot write /proc/sys/vm/drop_caches (${code ?? String(error)})`);
  }
}

export async function runReadBench(opts: {
  sizeMiB: number;
  dir: string;
  chunkBytes?: number;
  rounds?: number;
  poolThreads?: number;
  log?: (line: string) => void;
}): Promise<ReadBenchResult> {
  const chunkBytes = opts.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const log = opts.log ?? (() => {});
  const dir = mkdtempSync(join(opts.dir, 'read-bench-'));
  const path = join(dir, 'bench.safetensors');
  try {
    const { bytes, tensors } = await writeBenchFile(path, opts.sizeMiB);
    log(
      `file: ${(bytes / MiB).toFixed(0)} MiB, ${tensors} tensors (BF16 + F32), chunk ${chunkBytes / MiB} MiB`,
    );
    const poolThreads = opts.poolThreads ?? 2;
    let rawMiBps = 0;
    let scanMiBps = 0;
    let poolScanMiBps = 0;
    const rounds = opts.rounds ?? 5;
    // Warm the page cache once so all measure the same thing, then alternate and keep the best.
    await rawRead(path, chunkBytes);
    for (let round = 0; round < rounds; round++) {
      const raw = await timed(() => rawRead(path, chunkBytes));
      const scan = await timed(() => scanAll(path, chunkBytes));
      log(`round ${round + 1}: raw ${raw.toFixed(0)} MiB/s, scan ${scan.toFixed(0)} MiB/s (hot)`);
      rawMiBps = Math.max(rawMiBps, raw);
      scanMiBps = Math.max(scanMiBps, scan);
    }
    let rawSyncMiBps = 0;
    for (let round = 0; round < rounds; round++) {
      rawSyncMiBps = Math.max(rawSyncMiBps, await timed(async () => rawReadSync(path, chunkBytes)));
    }
    const singleRssMiB = maxRssMiB();
    let cold: ReadBenchResult['cold'];
    try {
      dropCaches(path);
      const raw = await timed(() => rawRead(path, chunkBytes));
      dropCaches(path);
      const scan = await timed(() => scanAll(path, chunkBytes));
      cold = { rawMiBps: raw, scanMiBps: scan, ratio: scan / raw };
      log(`cold: raw ${raw.toFixed(0)} MiB/s, scan ${scan.toFixed(0)} MiB/s`);
    } catch (error) {
      cold = error instanceof Error ? error.message : String(error);
    }
    // Workers start (and load tsx) outside the timed runs: one untimed pooled scan warms them all.
    await rawRead(path, chunkBytes);
    const executor = createExecutor(poolThreads);
    await scanAllPooled(path, executor);
    for (let round = 0; round < rounds; round++) {
      const pool = await timed(() => scanAllPooled(path, executor));
      log(`round ${round + 1}: pool(${poolThreads}) ${pool.toFixed(0)} MiB/s (hot)`);
      poolScanMiBps = Math.max(poolScanMiBps, pool);
    }
    await executor.close();
    return {
      fileBytes: bytes,
      tensors,
      chunkBytes,
      rawMiBps,
      rawSyncMiBps,
      scanMiBps,
      ratio: scanMiBps / rawMiBps,
      poolThreads,
      poolScanMiBps,
      poolRatio: poolScanMiBps / rawMiBps,
      simd: scanKernel() !== null,
      singleRssMiB,
      peakRssMiB: maxRssMiB(),
      cold,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizeMiB = Number(process.argv[2] ?? 1024);
  const chunkMiB = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  if (chunkMiB !== undefined && !(chunkMiB > 0)) throw new Error(`bad chunk size: ${process.argv[3]} MiB`);
  const result = await runReadBench({
    sizeMiB,
    dir: tmpdir(),
    ...(chunkMiB === undefined ? {} : { chunkBytes: Math.round(chunkMiB * MiB) }),
    log: (line) => console.log(line),
  });
  const t = result.poolThreads;
  const { cold } = result;
  console.log(
    `raw sequential read   : ${result.rawMiBps.toFixed(0)} MiB/s hot (page cache: memory-copy speed)`,
  );
  console.log(
    `  (fs.readSync, same chunk: ${result.rawSyncMiBps.toFixed(0)} MiB/s; the 1-thread scan reads asynchronously so reads overlap the kernel; pool workers read synchronously)`,
  );
  console.log(
    `value scan, 1 thread  : ${result.scanMiBps.toFixed(0)} MiB/s hot (SIMD kernel: ${result.simd})`,
  );
  console.log(`value scan, pool ${t}   : ${result.poolScanMiBps.toFixed(0)} MiB/s hot`);
  console.log(
    `ratio scan/raw, hot   : ${result.ratio.toFixed(2)} (1 thread), ${result.poolRatio.toFixed(2)} (pool ${t}); target >= 0.80`,
  );
  if (typeof cold === 'string') console.log(`cold-cache run skipped: ${cold}`);
  else
    console.log(
      `cold (disk), 1 thread : raw ${cold.rawMiBps.toFixed(0)} MiB/s, scan ${cold.scanMiBps.toFixed(0)} MiB/s, ratio ${cold.ratio.toFixed(2)}`,
    );
  console.log(`peak RSS, 1 thread    : ${result.singleRssMiB.toFixed(0)} MiB (target < 200)`);
  console.log(
    `peak RSS, with pool   : ${result.peakRssMiB.toFixed(0)} MiB (${t} workers; from sources each loads tsx)`,
  );
}
