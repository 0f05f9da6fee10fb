// Lint benchmark: many small adapters (adapters per second) and one large adapter shaped like an all-linear
// r=64 LoRA for a 7B Llama (about 640 MB of f32), with the raw read speed of the same bytes beside it.
// Both run the bundled command line (dist/cli.js) as a user would, worker threads included.
// Standalone: `npx tsx bench/lint-bench.ts [--small N] [--skip-large]`.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSafetensors, randomValues } from '../test/helpers/safetensors.js';
import { rawReadMiBps, writeLargeAdapter } from './large-adapter.js';

const MiB = 1024 * 1024;

export interface LintBenchResult {
  readonly smallAdapters: number;
  readonly smallSeconds: number;
  readonly adaptersPerSecond: number;
  readonly largeBytes: number;
  readonly largeRawMiBps: number;
  readonly largeLintMiBps: number;
  readonly largeRatio: number;
}

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

interface CliRun {
  readonly seconds: number;
  readonly report: { adapters: { modules: number }[]; findings: unknown[] };
}

function runCli(cwd: string, paths: readonly string[]): CliRun {
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', '--fail-on', 'never', ...paths], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * MiB,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`adapter-lint exited ${result.status}: ${result.stderr}`);
  return { seconds, report: JSON.parse(result.stdout) };
}

function writeSmallAdapters(root: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const dir = join(root, `adapter-${String(i).padStart(4, '0')}`);
    mkdirSync(dir, { recursive: true });
    const specs = [];
    for (let layer = 0; layer < 2; layer++) {
      for (const proj of ['q_proj', 'v_proj']) {
        const module = `base_model.model.model.layers.${layer}.self_attn.${proj}`;
        specs.push({
          name: `${module}.lora_A.weight`,
          shape: [8, 64],
          data: randomValues(512, i * 100 + layer, 0.1),
        });
        specs.push({
          name: `${module}.lora_B.weight`,
          shape: [64, 8],
          data: randomValues(512, i * 100 + layer + 7, 0.1),
        });
      }
    }
    writeFileSync(
      join(dir, 'adapter_config.json'),
      JSON.stringify({
        peft_type: 'LORA',
        task_type: 'CAUSAL_LM',
        r: 8,
        lora_alpha: 16,
        target_modules: ['q_proj', 'v_proj'],
      }),
    );
    writeFileSync(join(dir, 'adapter_model.safetensors'), buildSafetensors(specs, { format: 'pt' }));
  }
}

/** Llama-2-7B shapes: hidden 4096, intermediate 11008, 32 layers, r=64 on all seven linear modules. */
export async function runLintBench(
  options: { small?: number; largeLayers?: number; log?: (line: string) => void } = {},
): Promise<LintBenchResult> {
  const log = options.log ?? console.log;
  const small = options.small ?? 500;
  const largeLayers = options.largeLayers ?? 32;
  const root = mkdtempSync(join(tmpdir(), 'adapter-lint-bench-'));
  try {
    const smallRoot = join(root, 'small');
    writeSmallAdapters(smallRoot, small);
    const { seconds: smallSeconds, report: smallReport } = runCli(smallRoot, []);
    if (smallReport.adapters.length !== small)
      throw new Error(`expected ${small} adapters, got ${smallReport.adapters.length}`);
    log(
      `small adapters: ${small} linted in ${smallSeconds.toFixed(2)} s = ${(small / smallSeconds).toFixed(0)} adapters/s`,
    );

    let largeBytes = 0;
    let largeRaw = 0;
    let largeLint = 0;
    if (largeLayers > 0) {
      const largeDir = join(root, 'large');
      largeBytes = await writeLargeAdapter(largeDir, largeLayers);
      const weights = join(largeDir, 'adapter_model.safetensors');
      largeRaw = Math.max(await rawReadMiBps(weights), await rawReadMiBps(weights));
      const { seconds, report } = runCli(root, ['large']);
      largeLint = largeBytes / MiB / seconds;
      log(
        `large adapter: ${(largeBytes / MiB).toFixed(0)} MiB, ${report.adapters[0]?.modules ?? 0} modules; ` +
          `raw read ${largeRaw.toFixed(0)} MiB/s (page cache), lint ${largeLint.toFixed(0)} MiB/s ` +
          `(${seconds.toFixed(2)} s), ratio ${(largeLint / largeRaw).toFixed(2)}; findings ${report.findings.length}`,
      );
    }
    return {
      smallAdapters: small,
      smallSeconds,
      adaptersPerSecond: small / smallSeconds,
      largeBytes,
      largeRawMiBps: largeRaw,
      largeLintMiBps: largeLint,
      largeRatio: largeRaw > 0 ? largeLint / largeRaw : 0,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const smallIndex = args.indexOf('--small');
  await runLintBench({
    small: smallIndex >= 0 ? Number(args[smallIndex + 1]) : 500,
    largeLayers: args.includes('--skip-large') ? 0 : 32,
  });
}
