// Test-merge benchmark on a generated Llama-shaped set of modules (bf16 base, r = 16), side by side:
// raw read speed of the base and merged files, the default no-op + rounding checks, merged-checkpoint
// verification, and the full elementwise merge-and-compare (exact mode) of the same code, with peak RSS.
// Raw reads and checks are each the best of --repeat runs (default 5; the full merge-and-compare runs once).
// Run: `npx tsx bench/merge-bench.ts [--size-gb 2] [--rank 16] [--threads N] [--max-memory-mb 1024] [--skip-full]
// [--dir D] [--repeat N]` (--dir keeps the generated checkpoints in D and reuses them next time).
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { checkMerges } from '../src/merge/index.js';
import { createExecutor } from '../src/pool/index.js';
import { f32ToBf16Bits } from '../src/safetensors/encode.js';
import { encodeHeader } from '../src/safetensors/write.js';
import type { Adapter } from '../src/types.js';
import { loadTestAdapter } from '../test/helpers/merge-adapter.js';
import { buildSafetensors, randomValues } from '../test/helpers/safetensors.js';

export interface MergeBenchOptions {
  readonly sizeGb?: number;
  /** LoRA rank of the generated adapter (default 16). */
  readonly rank?: number;
  readonly threads?: number;
  readonly maxMemory?: number;
  /** Skip the (slow) exact-mode full merge-and-compare run. */
  readonly skipFull?: boolean;
  /** Keep the generated checkpoints here and reuse them on later runs (otherwise a temp dir, removed). */
  readonly dir?: string;
  /** Runs per figure, the best kept (default 5). */
  readonly repeat?: number;
  readonly log?: (line: string) => void;
}

export interface MergeBenchResult {
  readonly baseBytes: number;
  readonly modules: number;
  readonly rank: number;
  readonly threads: number;
  readonly maxMemory: number;
  /** GB/s of the faster way (`ofRaw` is against this) and of 8 MiB asynchronous reads alone. */
  readonly rawReadBase: number;
  readonly rawReadMerged: number;
  readonly asyncReadBase: number;
  readonly asyncReadMerged: number;
  readonly defaultChecks: { seconds: number; gbPerSecond: number; ofRaw: number; ofAsync: number };
  readonly mergedVerification: {
    seconds: number;
    gbPerSecond: number;
    ofRaw: number;
    ofAsync: number;
    verdicts: string[];
  };
  readonly fullMergeCompare: { seconds: number; gbPerSecond: number; ofRaw: number } | null;
  readonly peakRss: number;
}

const HIDDEN = 4096;
const INTERMEDIATE = 11008;
const LAYER_SHAPES: ReadonlyArray<readonly [string, number, number]> = [
  ['self_attn.q_proj', HIDDEN, HIDDEN],
  ['self_attn.k_proj', HIDDEN, HIDDEN],
  ['self_attn.v_proj', HIDDEN, HIDDEN],
  ['self_attn.o_proj', HIDDEN, HIDDEN],
  ['mlp.gate_proj', INTERMEDIATE, HIDDEN],
  ['mlp.up_proj', INTERMEDIATE, HIDDEN],
  ['mlp.down_proj', HIDDEN, INTERMEDIATE],
];

interface Module {
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  readonly a: Float32Array;
  readonly b: Float32Array;
}

export async function runMergeBench(options: MergeBenchOptions = {}): Promise<MergeBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const sizeGb = options.sizeGb ?? 2;
  const rank = options.rank ?? 16;
  const threads = options.threads ?? availableParallelism();
  const maxMemory = options.maxMemory ?? 1024 * 1024 * 1024;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'merge-bench-'));
  try {
    const layerBytes = LAYER_SHAPES.reduce((s, [, r, c]) => s + r * c * 2, 0);
    const layers = Math.max(1, Math.ceil((sizeGb * 1e9) / layerBytes));
    const modules: Module[] = [];
    for (let l = 0; l < layers; l++) {
      LAYER_SHAPES.forEach(([proj, rows, cols], i) => {
        const seed = l * 100 + i;
        modules.push({
          name: `model.layers.${l}.${proj}`,
          rows,
          cols,
          a: randomValues(rank * cols, seed * 2 + 1, 0.02),
          b: randomValues(rows * rank, seed * 2 + 2, 0.02),
        });
      });
    }
    const scale = 2; // lora_alpha = 2r
    const adapterPath = join(dir, 'adapter.safetensors');
    const baseBytes = modules.reduce((s, m) => s + m.rows * m.cols * 2, 0);
    const marker = join(dir, `generated-${layers}-layers-r${rank}`);
    if (!existsSync(marker)) {
      mkdirSync(dir, { recursive: true });
      log(`generating ${layers} Llama-7B-shaped layers (${modules.length} modules, r=${rank}) in ${dir} ...`);
      await writeCheckpoints(dir, modules, scale, rank);
      await writeFile(
        adapterPath,
        buildSafetensors(
          modules.flatMap((m) => [
            { name: `base_model.model.${m.name}.lora_A.weight`, shape: [rank, m.cols], data: m.a },
            { name: `base_model.model.${m.name}.lora_B.weight`, shape: [m.rows, rank], data: m.b },
          ]),
        ),
      );
      await writeFile(marker, '');
    }
    const config = { peft_type: 'LORA', r: rank, lora_alpha: 2 * rank };
    const adapter: Adapter = await loadTestAdapter(dir, adapterPath, config);

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 20);
    // Best of `repeat` for every figure, raw reads and checks alike: this measures the code, not the neighbours.
    const repeat = Math.max(1, options.repeat ?? 5);
    // The raw read is the faster of two plain ways to read a file: 8 MiB asynchronous reads, and
    // synchronous reads of the checks' own chunk size (how the checks read; often the faster here).
    // Rounds alternate the files and the two ways, so neither is measured only while the machine is busy.
    const base = { asyncRead: 0, best: 0 };
    const merged = { asyncRead: 0, best: 0 };
    for (let round = 0; round < repeat; round++) {
      for (const [path, best] of [
        [join(dir, 'base.safetensors'), base],
        [join(dir, 'merged.safetensors'), merged],
      ] as const) {
        best.asyncRead = Math.max(best.asyncRead, await rawReadAsync(path));
        best.best = Math.max(best.best, best.asyncRead, rawReadSync(path));
      }
    }
    const rawReadBase = base.best;
    const rawReadMerged = merged.best;
    const executor = createExecutor(threads);
    type RunResult = { seconds: number; stats: Awaited<ReturnType<typeof checkMerges>>['stats'] };
    const run = async (merged: boolean, exact: boolean): Promise<RunResult> => {
      const start = performance.now();
      const result = await checkMerges([adapter], {
        cwd: dir,
        base: 'base.safetensors',
        merged: merged ? 'merged.safetensors' : undefined,
        executor,
        maxMemory,
        exact,
      });
      const seconds = (performance.now() - start) / 1000;
      const errors = result.stats.filter((s) => s.error || s.baseMismatch);
      if (errors.length > 0)
        throw new Error(`bench run failed: ${errors[0]!.error ?? errors[0]!.baseMismatch}`);
      return { seconds, stats: result.stats };
    };
    const rawBoth = (2 * baseBytes) / (baseBytes / rawReadBase + baseBytes / rawReadMerged);
    const asyncBoth = (2 * baseBytes) / (baseBytes / base.asyncRead + baseBytes / merged.asyncRead);
    try {
      await run(false, false); // warm the pool and the page cache
      await run(true, false);
      const fastest = (a: RunResult, b: RunResult) => (a.seconds <= b.seconds ? a : b);
      const plain = await bestOf(repeat, () => run(false, false), fastest);
      const verify = await bestOf(repeat, () => run(true, false), fastest);
      const full = options.skipFull ? null : await run(true, true);
      clearInterval(sampler);
      const gb = (bytes: number, s: number) => bytes / 1e9 / s;
      const result: MergeBenchResult = {
        baseBytes,
        modules: modules.length,
        rank,
        threads,
        maxMemory,
        rawReadBase,
        rawReadMerged,
        asyncReadBase: base.asyncRead,
        asyncReadMerged: merged.asyncRead,
        defaultChecks: {
          seconds: plain.seconds,
          gbPerSecond: gb(baseBytes, plain.seconds),
          ofRaw: gb(baseBytes, plain.seconds) / rawReadBase,
          ofAsync: gb(baseBytes, plain.seconds) / base.asyncRead,
        },
        mergedVerification: {
          seconds: verify.seconds,
          gbPerSecond: gb(2 * baseBytes, verify.seconds),
          ofRaw: gb(2 * baseBytes, verify.seconds) / rawBoth,
          ofAsync: gb(2 * baseBytes, verify.seconds) / asyncBoth,
          verdicts: [...new Set(verify.stats.map((s) => s.mergedVerdict ?? 'none'))],
        },
        fullMergeCompare: full && {
          seconds: full.seconds,
          gbPerSecond: gb(2 * baseBytes, full.seconds),
          ofRaw: gb(2 * baseBytes, full.seconds) / rawBoth,
        },
        peakRss,
      };
      printResult(result, log);
      return result;
    } finally {
      clearInterval(sampler);
      await executor.close();
    }
  } finally {
    if (!options.dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes base.safetensors (random bf16) and merged.safetensors (the correct bf16 merge), row by row. */
async function writeCheckpoints(
  dir: string,
  modules: readonly Module[],
  scale: number,
  rank: number,
): Promise<number> {
  const tensors = modules.map((m) => ({
    name: `${m.name}.weight`,
    dtype: 'BF16' as const,
    shape: [m.rows, m.cols],
    byteLength: m.rows * m.cols * 2,
  }));
  const headerEntries: { name: string; dtype: 'BF16'; shape: number[]; dataOffsets: [number, number] }[] = [];
  let offset = 0;
  for (const t of tensors) {
    headerEntries.push({
      name: t.name,
      dtype: 'BF16',
      shape: t.shape,
      dataOffsets: [offset, offset + t.byteLength],
    });
    offset += t.byteLength;
  }
  const header = encodeHeader(headerEntries, null);
  const base = await open(join(dir, 'base.safetensors'), 'w');
  const merged = await open(join(dir, 'merged.safetensors'), 'w');
  try {
    await base.write(header, 0, header.length, 0);
    await merged.write(header, 0, header.length, 0);
    let position = header.length;
    // Random bf16 weights ~ U(-0.05, 0.05): a table of patterns indexed by a cheap generator.
    const patterns = new Uint16Array(65536);
    const table = randomValues(65536, 7, 0.05);
    for (let i = 0; i < 65536; i++) patterns[i] = f32ToBf16Bits(table[i]!);
    let state = 12345;
    const f32 = new Float32Array(1);
    const u32 = new Uint32Array(f32.buffer);
    for (const m of modules) {
      const rowsPerChunk = Math.max(1, Math.floor((8 << 20) / (m.cols * 2)));
      const w = new Uint16Array(rowsPerChunk * m.cols);
      const out = new Uint16Array(rowsPerChunk * m.cols);
      const delta = new Float32Array(m.cols);
      for (let first = 0; first < m.rows; first += rowsPerChunk) {
        const count = Math.min(rowsPerChunk, m.rows - first);
        for (let i = 0; i < count * m.cols; i++) {
          state ^= state << 13;
          state ^= state >>> 17;
          state ^= state << 5;
          w[i] = patterns[state & 0xffff]!;
        }
        for (let r = 0; r < count; r++) {
          const o = first + r;
          delta.fill(0);
          for (let k = 0; k < rank; k++) {
            const l = scale * m.b[o * rank + k]!;
            const base = k * m.cols;
            for (let j = 0; j < m.cols; j++) delta[j] += l * m.a[base + j]!;
          }
          for (let j = 0; j < m.cols; j++) {
            u32[0] = w[r * m.cols + j]! << 16;
            out[r * m.cols + j] = f32ToBf16Bits(f32[0]! + delta[j]!);
          }
        }
        const bytes = count * m.cols * 2;
        await base.write(new Uint8Array(w.buffer, 0, bytes), 0, bytes, position);
        await merged.write(new Uint8Array(out.buffer, 0, bytes), 0, bytes, position);
        position += bytes;
      }
    }
    return offset;
  } finally {
    await base.close();
    await merged.close();
  }
}

async function bestOf<T>(times: number, measure: () => Promise<T>, better: (a: T, b: T) => T): Promise<T> {
  let best: T = await measure();
  for (let i = 1; i < times; i++) best = better(best, await measure());
  return best;
}

/** Sequential read of the whole file with one 8 MiB buffer, asynchronous: GB/s. */
async function rawReadAsync(path: string): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafeSlow(8 << 20);
    const start = performance.now();
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
    }
    return position / 1e9 / ((performance.now() - start) / 1000);
  } finally {
    await handle.close();
  }
}

/** The same with one 512 KiB buffer, synchronous (how the checks read): GB/s. */
function rawReadSync(path: string): number {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafeSlow(512 << 10);
    const start = performance.now();
    let position = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
    }
    return position / 1e9 / ((performance.now() - start) / 1000);
  } finally {
    closeSync(fd);
  }
}

function printResult(r: MergeBenchResult, log: (line: string) => void): void {
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  log('');
  log(
    `base ${(r.baseBytes / 1e9).toFixed(2)} GB bf16, ${r.modules} modules, r=${r.rank}, threads ${r.threads}`,
  );
  log(
    `raw read         base ${r.rawReadBase.toFixed(2)} GB/s   merged ${r.rawReadMerged.toFixed(2)} GB/s  (faster of 512 KiB sync and 8 MiB async reads)`,
  );
  log(
    `  async only     base ${r.asyncReadBase.toFixed(2)} GB/s   merged ${r.asyncReadMerged.toFixed(2)} GB/s`,
  );
  log(
    `no-op + rounding ${r.defaultChecks.seconds.toFixed(2)} s  ${r.defaultChecks.gbPerSecond.toFixed(2)} GB/s  (${pct(r.defaultChecks.ofRaw)} of raw read, ${pct(r.defaultChecks.ofAsync)} of async; reads the base)`,
  );
  log(
    `merged verify    ${r.mergedVerification.seconds.toFixed(2)} s  ${r.mergedVerification.gbPerSecond.toFixed(2)} GB/s  (${pct(r.mergedVerification.ofRaw)} of raw read, ${pct(r.mergedVerification.ofAsync)} of async; reads base + merged; verdicts ${r.mergedVerification.verdicts.join(', ')})`,
  );
  if (r.fullMergeCompare) {
    log(
      `full merge+cmp   ${r.fullMergeCompare.seconds.toFixed(2)} s  ${r.fullMergeCompare.gbPerSecond.toFixed(2)} GB/s  (${pct(r.fullMergeCompare.ofRaw)} of raw read; exact mode, every element)`,
    );
  }
  log(
    `peak RSS         ${(r.peakRss / 2 ** 20).toFixed(0)} MiB (budget for tiles in flight ${(r.maxMemory / 2 ** 20).toFixed(0)} MiB)`,
  );
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizeGb = Number(argValue('--size-gb') ?? 2);
  const rank = argValue('--rank');
  const threads = argValue('--threads');
  const maxMemory = argValue('--max-memory-mb');
  await runMergeBench({
    sizeGb,
    rank: rank === undefined ? undefined : Number(rank),
    threads: threads === undefined ? undefined : Number(threads),
    maxMemory: maxMemory === undefined ? undefined : Number(maxMemory) * 2 ** 20,
    skipFull: process.argv.includes('--skip-full'),
    dir: argValue('--dir'),
    repeat: argValue('--repeat') === undefined ? undefined : Number(argValue('--repeat')),
  });
}
