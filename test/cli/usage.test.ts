// Flags that never reach lint(): help, version, and every kind of bad usage (exit 2, message on stderr).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_VERSION } from '../../src/version.js';
import { runCli } from './run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adapter-lint-usage-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cli: help and version', () => {
  it('--version prints the version', () => {
    const run = runCli(['--version'], dir);
    expect(run).toEqual({ code: 0, stdout: `adapter-lint ${TOOL_VERSION}\n`, stderr: '' });
  });

  it('--help prints usage with every flag and examples', () => {
    const run = runCli(['--help'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('Usage: adapter-lint [options] [paths...]')).toBe(true);
    for (const flag of [
      '--format',
      '--output',
      '--fail-on',
      '--ignore',
      '--select',
      '--config',
      '--base',
      '--merged',
      '--threads',
      '--max-memory',
      '--exact',
      '--no-op-threshold',
      '--precision-threshold',
      '--shard',
      '--quiet',
      '--list-rules',
      '--version',
      '--help',
    ])
      expect(run.stdout).toContain(flag);
    expect(run.stdout).toContain('Examples:');
    expect(run.stderr).toBe('');
  });
});

describe('cli: bad usage exits 2 with a message', () => {
  it.each([
    [['--nope'], 'unknown option --nope'],
    [['--format', 'xml'], '--format must be one of text, json, sarif, github (got "xml")'],
    [['--fail-on', 'bad'], '--fail-on must be one of error, warning, note, never (got "bad")'],
    [['--shard', '3/2'], '--shard must be I/N with 1 <= I <= N, e.g. 2/4 (got "3/2")'],
    [['--threads', '-1'], "--threads needs a value; for one that starts with '-', write --threads=VALUE"],
    [['--threads=-1'], '--threads must be a whole number >= 0 (got "-1")'],
    [['--threads', 'many'], '--threads must be a whole number >= 0 (got "many")'],
    [['--threads', '100000'], '--threads must be at most '],
    [['--no-op-threshold', 'tiny'], '--no-op-threshold must be a number >= 0 (got "tiny")'],
    [['--no-op-threshold=-1e-6'], '--no-op-threshold must be a number >= 0 (got "-1e-6")'],
    [['--precision-threshold', '1.5'], '--precision-threshold must be a number between 0 and 1 (got "1.5")'],
    [['--precision-threshold', ''], '--precision-threshold must be a number between 0 and 1 (got "")'],
    [['--category', 'shard-1'], '--category only applies to --format sarif (got --format text)'],
    [
      ['--format', 'json', '--category', 'x'],
      '--category only applies to --format sarif (got --format json)',
    ],
    [['--max-memory', 'lots'], '--max-memory must be a size such as 512M or 2G (got "lots")'],
    [['no-such-folder'], 'no such file or folder: no-such-folder'],
    [['--base', 'missing-base'], '--base: no such file or folder: missing-base'],
    [['--merged', 'x'], '--merged needs --base'],
    [['--config', 'missing.json'], 'missing.json: no such file'],
    [['loras/**/*.safetensors'], 'loras/**/*.safetensors: no files match this pattern'],
  ])('%j', (args, message) => {
    const run = runCli(args, dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`adapter-lint: `);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('internal error');
  });

  it('a bad config file names the file and the field', async () => {
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ rules: { AL201: 'fatal' } }));
    const run = runCli(['--config', 'bad.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'adapter-lint: bad.json: rules.AL201: must be one of "error", "warning", "note", "off", got "fatal"\n',
    );
  });

  it('a broken default .adapter-lint.json is a usage error too', async () => {
    const sub = join(dir, 'with-default');
    await rm(sub, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(sub));
    await writeFile(join(sub, '.adapter-lint.json'), '{ "ignore": [');
    const run = runCli([], sub);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^adapter-lint: \.adapter-lint\.json: not valid JSON \(/);
  });
});
