// lint() options: severities and per-path overrides, changed files, exclude, shards, progress, ordering.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lint } from '../../src/lint.js';
import { RULES } from '../../src/rules/registry.js';
import type { ProgressEvent } from '../../src/types.js';
import { kohyaLora, llamaLora, writeAdapterFolder, writeWeightsFile } from '../helpers/adapters.js';
import { lintScratch, scratchDir } from '../rules/lint-folder.js';

async function threeAdapters(dir: string): Promise<void> {
  await writeAdapterFolder(join(dir, 'a'), { tensors: llamaLora(1, { zeroUp: true }) });
  await writeAdapterFolder(join(dir, 'b'), { tensors: llamaLora(1) });
  await writeWeightsFile(join(dir, 'c/style.safetensors'), kohyaLora('lora_unet_x', { alpha: null }));
}

describe('lint options', () => {
  it('orders findings worst first, then by file and rule', async () => {
    const report = await lintScratch(threeAdapters);
    expect(report.findings.map((f) => `${f.severity} ${f.file} ${f.ruleId}`)).toEqual([
      'error a/adapter_model.safetensors AL302',
      'warning a/adapter_model.safetensors AL301',
      'warning a/adapter_model.safetensors AL301',
      'warning c/style.safetensors AL211',
    ]);
  });

  it('rules: changes severities by ID or slug, and off drops a rule', async () => {
    const report = await lintScratch(threeAdapters, { rules: { AL302: 'warning', 'zero-update': 'off' } });
    expect(report.findings.map((f) => `${f.severity} ${f.ruleId}`)).toEqual([
      'warning AL302',
      'warning AL211',
    ]);
  });

  it('overrides apply to matching paths only', async () => {
    const report = await lintScratch(threeAdapters, {
      overrides: [
        { files: ['c/**'], rules: { AL211: 'off' } },
        { files: ['a/*'], rules: { AL301: 'note' } },
      ],
    });
    expect(report.findings.map((f) => `${f.severity} ${f.ruleId}`)).toEqual([
      'error AL302',
      'note AL301',
      'note AL301',
    ]);
  });

  it('changedFiles lints only adapters that own a changed file', async () => {
    const report = await lintScratch(threeAdapters, { changedFiles: ['a/adapter_config.json', 'README.md'] });
    expect(report.adapters.map((a) => a.path)).toEqual(['a']);
  });

  it('exclude leaves matching files out', async () => {
    const report = await lintScratch(threeAdapters, { exclude: ['a/**'] });
    expect(report.adapters.map((a) => a.path)).toEqual(['b', 'c/style.safetensors']);
  });

  it('shard i/n takes every n-th adapter sorted by path', async () => {
    const dir = await scratchDir();
    await threeAdapters(dir);
    const paths = async (index: number) =>
      (await lint({ cwd: dir, paths: [], threads: 0, shard: { index, count: 2 } })).adapters.map(
        (a) => a.path,
      );
    expect(await paths(1)).toEqual(['a', 'c/style.safetensors']);
    expect(await paths(2)).toEqual(['b']);
  });

  it('paths may be files, folders and globs, reported relative to cwd', async () => {
    const dir = await scratchDir();
    await threeAdapters(dir);
    const report = await lint({
      cwd: dir,
      paths: ['b/adapter_model.safetensors', 'c/*.safetensors'],
      threads: 0,
    });
    expect(report.adapters.map((a) => a.path)).toEqual(['b', 'c/style.safetensors']);
    expect(report.files).toBe(3);
  });

  describe('a rule that throws', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });
    const breakRule = (id: string) => {
      const rule = RULES.find((r) => r.id === id)!;
      vi.spyOn(rule, 'check').mockImplementation(() => {
        throw new Error('index out of range');
      });
    };
    const crashes = (findings: readonly { message: string }[]) =>
      findings.filter((f) => f.message.includes('adapter-lint failed while checking')).map((f) => f.message);

    it('becomes an error finding naming the rule and the error', async () => {
      breakRule('AL208');
      const report = await lintScratch(threeAdapters);
      expect(crashes(report.findings)).toEqual([
        'adapter-lint failed while checking AL208 untargeted-module (index out of range); please report this bug.',
        'adapter-lint failed while checking AL208 untargeted-module (index out of range); please report this bug.',
        'adapter-lint failed while checking AL208 untargeted-module (index out of range); please report this bug.',
      ]);
      expect(report.findings.filter((f) => f.ruleId === 'AL208').map((f) => f.severity)).toEqual([
        'error',
        'error',
        'error',
      ]);
    });

    it('is dropped when the rule is off, and takes the configured severity and overrides', async () => {
      breakRule('AL208');
      const off = await lintScratch(threeAdapters, { rules: { 'untargeted-module': 'off' } });
      expect(crashes(off.findings)).toEqual([]);
      const lowered = await lintScratch(threeAdapters, {
        rules: { AL208: 'note' },
        overrides: [{ files: ['c/**'], rules: { AL208: 'off' } }],
      });
      expect(
        lowered.findings.filter((f) => f.ruleId === 'AL208').map((f) => `${f.severity} ${f.file}`),
      ).toEqual(['note a/adapter_model.safetensors', 'note b/adapter_model.safetensors']);
    });
  });

  it('reports progress for discovery and scans', async () => {
    const events: ProgressEvent[] = [];
    await lintScratch(threeAdapters, { onProgress: (e) => events.push(e) });
    expect(events[0]).toEqual({ phase: 'discover', adapters: 3 });
    const scans = events.filter((e) => e.phase === 'scan');
    expect(scans.at(-1)).toMatchObject({ done: 3, total: 3 });
  });
});
