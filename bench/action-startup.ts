// Start-to-exit time of the bundled Action (dist/index.js) on the example adapters, as a runner starts it.
// Target: under 0.5 s. Run with `npx tsx bench/action-startup.ts` (after `npm run bundle`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const BUNDLE = join(ROOT, 'dist/index.js');
const RUNS = 9;
const TARGET_SECONDS = 0.5;

export function measureActionStartup(): {
  median: number;
  min: number;
  max: number;
  exitCode: number | null;
} {
  if (!existsSync(BUNDLE)) throw new Error('dist/index.js is missing: run `npm run bundle` first.');
  if (!existsSync(join(ROOT, 'examples/adapters')))
    throw new Error('examples/adapters is missing: run `npx tsx examples/generate.ts`.');
  const temp = mkdtempSync(join(tmpdir(), 'adapter-lint-bench-'));
  const files = {
    event: join(temp, 'event.json'),
    output: join(temp, 'output.txt'),
    summary: join(temp, 'summary.md'),
  };
  writeFileSync(files.event, JSON.stringify({ schedule: '0 3 * * *' }));
  const env = {
    PATH: process.env.PATH ?? '',
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'octo-org/models',
    GITHUB_WORKSPACE: ROOT,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: temp,
    INPUT_PATHS: 'examples/adapters',
    INPUT_MODE: 'all',
    'INPUT_FAIL-ON': 'never',
  };
  const seconds: number[] = [];
  let exitCode: number | null = null;
  for (let i = 0; i < RUNS; i++) {
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    const start = performance.now();
    const result = spawnSync(process.execPath, [BUNDLE], { cwd: ROOT, env, encoding: 'utf8' });
    seconds.push((performance.now() - start) / 1000);
    exitCode = result.status;
    if (result.status !== 0)
      throw new Error(`dist/index.js exited with ${result.status}:\n${result.stdout}${result.stderr}`);
  }
  return { ...spread(seconds), exitCode };
}

/** `node -e 0` on the same machine, to tell a slow Action from a slow (or busy) machine. */
export function measureNodeStartup(): { median: number; min: number; max: number } {
  const seconds: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    seconds.push((performance.now() - start) / 1000);
  }
  return spread(seconds);
}

function spread(values: number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { median, min, max } = measureActionStartup();
  const node = measureNodeStartup();
  const verdict = median < TARGET_SECONDS ? 'ok' : 'OVER TARGET';
  console.log(
    `action startup (dist/index.js, examples/adapters, ${RUNS} runs): median ${median.toFixed(3)} s, min ${min.toFixed(3)} s, max ${max.toFixed(3)} s; target < ${TARGET_SECONDS} s: ${verdict}`,
  );
  console.log(`node -e 0 on this machine: median ${node.median.toFixed(3)} s, min ${node.min.toFixed(3)} s`);
}
