// Fix benchmark: `--fix` on a 610 MiB adapter whose keys still carry the adapter name (every key renamed),
// beside a plain copy of the same file. The rewrite copies the data section unchanged, so it should run
// at file-copy speed. Standalone: `npx tsx bench/fix-bench.ts`.
import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixAdapters } from '../src/fix/index.js';
import { MiB, writeLargeAdapter } from './large-adapter.js';

export async function runFixBench(log: (line: string) => void = console.log): Promise<{ ratio: number }> {
  const root = mkdtempSync(join(tmpdir(), 'adapter-lint-fix-bench-'));
  try {
    const bytes = await writeLargeAdapter(join(root, 'adapter'), 32, 'default.');
    const weights = join(root, 'adapter', 'adapter_model.safetensors');
    // The fix must fsync before it replaces the original, so a durable copy (copy + fsync) is the fair bar.
    let copySeconds = Number.POSITIVE_INFINITY;
    let durableSeconds = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3; round++) {
      const copy = join(root, 'copy.safetensors');
      const started = performance.now();
      copyFileSync(weights, copy);
      copySeconds = Math.min(copySeconds, (performance.now() - started) / 1000);
      const fd = openSync(copy, 'r+');
      fsyncSync(fd);
      closeSync(fd);
      durableSeconds = Math.min(durableSeconds, (performance.now() - started) / 1000);
      unlinkSync(copy);
    }
    const started = performance.now();
    const result = await fixAdapters({ cwd: root, paths: ['adapter'], dryRun: false });
    const fixSeconds = (performance.now() - started) / 1000;
    const renamed = result.plans.flatMap((p) => p.files).reduce((n, f) => n + f.renames.length, 0);
    const copy = bytes / MiB / copySeconds;
    const durable = bytes / MiB / durableSeconds;
    const fix = bytes / MiB / fixSeconds;
    log(
      `fix: ${(bytes / MiB).toFixed(0)} MiB, ${renamed} keys renamed in ${fixSeconds.toFixed(2)} s = ${fix.toFixed(0)} MiB/s; ` +
        `plain file copy ${copy.toFixed(0)} MiB/s, copy + fsync ${durable.toFixed(0)} MiB/s; ` +
        `ratio to copy + fsync ${(fix / durable).toFixed(2)}`,
    );
    return { ratio: fix / durable };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runFixBench();
