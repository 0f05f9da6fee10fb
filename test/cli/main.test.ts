// main() in-process with lint() replaced: exit codes, colours, what reaches LintOptions, and internal failures.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LintOptions, LintReport } from '../../src/types.js';
import { sampleReport } from '../report/sample-report.js';

const lintMock = vi.hoisted(() => ({
  impl: (async () => {
    throw new Error('not set');
  }) as (options: LintOptions) => Promise<LintReport>,
  calls: [] as LintOptions[],
}));
const fixMock = vi.hoisted(() => ({ calls: [] as unknown[] }));
vi.mock('../../src/fix/index.js', () => ({
  fixAdapters: async (options: unknown) => {
    fixMock.calls.push(options);
    return { plans: [], changedFiles: 0, failures: [], notices: [] };
  },
}));
vi.mock('../../src/lint.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/lint.js')>()),
  lint: (options: LintOptions) => {
    lintMock.calls.push(options);
    return lintMock.impl(options);
  },
}));

const { main, parseSize, parseShard, parseThreads } = await import('../../src/cli.js');

function capture() {
  const out: string[] = [];
  return { out, stream: { write: (c: string) => out.push(c) } };
}

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'adapter-lint-main-'));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});
beforeEach(() => {
  lintMock.calls.length = 0;
  fixMock.calls.length = 0;
  lintMock.impl = async () => sampleReport();
});

async function run(argv: string[], extra: { isTTY?: boolean; env?: Record<string, string> } = {}) {
  const stdout = capture();
  const stderr = capture();
  const code = await main(argv, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    cwd,
    env: extra.env ?? {},
    isTTY: extra.isTTY ?? false,
    stderrIsTTY: false,
  });
  return { code, stdout: stdout.out.join(''), stderr: stderr.out.join('') };
}

describe('main', () => {
  it('exits 1 on errors at the default fail level, 0 with --fail-on never', async () => {
    expect((await run([])).code).toBe(1);
    expect((await run(['--fail-on', 'never'])).code).toBe(0);
  });

  it('exits 0 when only warnings and notes are found, 1 with --fail-on warning', async () => {
    const report = sampleReport();
    lintMock.impl = async () => ({
      ...report,
      findings: report.findings.filter((f) => f.severity !== 'error'),
    });
    expect((await run([])).code).toBe(0);
    expect((await run(['--fail-on', 'warning'])).code).toBe(1);
  });

  it('an exception inside lint() exits 2 with a clear message and no report', async () => {
    lintMock.impl = async () => {
      throw new RangeError('Array buffer allocation failed');
    };
    const result = await run(['--format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'adapter-lint: internal error: Array buffer allocation failed\n' +
        'Set ADAPTER_LINT_DEBUG=1 for the stack trace. No report was produced.\n',
    );
    const debug = await run([], { env: { ADAPTER_LINT_DEBUG: '1' } });
    expect(debug.stderr).toContain('RangeError: Array buffer allocation failed\n    at ');
  });

  it('colours text only on a terminal without NO_COLOR (FORCE_COLOR forces it)', async () => {
    expect((await run([], { isTTY: true })).stdout).toContain('\x1b[31m');
    expect((await run([], { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await run([], { isTTY: false })).stdout).not.toContain('\x1b[');
    expect((await run([], { isTTY: false, env: { FORCE_COLOR: '1' } })).stdout).toContain('\x1b[31m');
    expect((await run(['--format', 'json'], { isTTY: true })).stdout).not.toContain('\x1b[');
  });

  it('passes paths and flags through to lint()', async () => {
    await run([
      '.',
      '--threads',
      '3',
      '--max-memory',
      '512M',
      '--exact',
      '--shard',
      '2/4',
      '--ignore',
      'AL201',
      '--fail-on',
      'never',
    ]);
    const options = lintMock.calls[0]!;
    expect(options.cwd).toBe(cwd);
    expect(options.paths).toEqual(['.']);
    expect(options.threads).toBe(3);
    expect(options.maxMemory).toBe(512 * 1024 ** 2);
    expect(options.exact).toBe(true);
    expect(options.shard).toEqual({ index: 2, count: 4 });
    expect(options.rules).toEqual({ AL201: 'off' });
    expect(options.onProgress).toBeUndefined();
  });

  it('passes the AL502 / AL503 thresholds through to lint()', async () => {
    await run(['--no-op-threshold', '1e-4', '--precision-threshold', '0.25']);
    expect(lintMock.calls[0]!.noOpThreshold).toBe(1e-4);
    expect(lintMock.calls[0]!.precisionThreshold).toBe(0.25);
    await run([]);
    expect(lintMock.calls[1]!.noOpThreshold).toBeUndefined();
    expect(lintMock.calls[1]!.precisionThreshold).toBeUndefined();
  });

  it('--fix gets the same rule settings, shard and exclude as the lint that follows', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      join(cwd, 'fix-config.json'),
      JSON.stringify({
        exclude: ['old/**'],
        rules: { 'adapter-name-in-key': 'warning' },
        overrides: [{ files: ['legacy/**'], rules: { AL201: 'off' } }],
      }),
    );
    const argv = ['--fix-dry-run', '--shard', '2/3', '--config', 'fix-config.json', '--ignore', 'AL204'];
    await run([...argv, '--fail-on', 'never']);
    expect(fixMock.calls).toEqual([
      {
        cwd,
        paths: [],
        dryRun: true,
        rules: { AL202: 'warning', AL204: 'off' },
        overrides: [{ files: ['legacy/**'], rules: { AL201: 'off' } }],
        exclude: ['old/**'],
        shard: { index: 2, count: 3 },
      },
    ]);
    expect(lintMock.calls[0]!.shard).toEqual({ index: 2, count: 3 });
  });

  it('takes failOn from the config file unless the flag is given', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(cwd, 'warn.json'), JSON.stringify({ failOn: 'never', exclude: ['**/scratch/**'] }));
    const fromConfig = await run(['--config', 'warn.json']);
    expect(fromConfig.code).toBe(0);
    expect(lintMock.calls[0]!.exclude).toEqual(['**/scratch/**']);
    expect((await run(['--config', 'warn.json', '--fail-on', 'error'])).code).toBe(1);
  });

  it('--quiet prints errors only', async () => {
    const { stdout } = await run(['--quiet']);
    expect(stdout).toContain('AL201');
    expect(stdout).not.toContain('AL301');
  });
});

describe('flag parsers', () => {
  it('parses sizes in binary units', () => {
    expect(parseSize('2G')).toBe(2 * 1024 ** 3);
    expect(parseSize('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('64MiB')).toBe(64 * 1024 ** 2);
    expect(parseSize('4096')).toBe(4096);
    expect(() => parseSize('0')).toThrow('--max-memory');
    expect(() => parseSize('2X')).toThrow('--max-memory');
  });
  it('parses shards', () => {
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(() => parseShard('0/2')).toThrow('--shard');
    expect(() => parseShard('2')).toThrow('--shard');
  });

  it('takes threads from 0 up to 4 per available core, and no more', async () => {
    const { availableParallelism } = await import('node:os');
    const max = 4 * availableParallelism();
    expect(parseThreads('0')).toBe(0);
    expect(parseThreads(String(max))).toBe(max);
    expect(() => parseThreads(String(max + 1))).toThrow(
      `--threads must be at most ${max} (4 x the ${availableParallelism()} available core`,
    );
    expect(() => parseThreads('100000')).toThrow('--threads must be at most');
  });
});
