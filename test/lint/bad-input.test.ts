// Bad input never crashes the run: each broken file becomes a finding naming it, and the other adapters are
// still linted.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LintInputError, lint } from '../../src/lint.js';
import {
  kohyaLora,
  llamaLora,
  peftConfig,
  writeAdapterFolder,
  writeWeightsFile,
} from '../helpers/adapters.js';
import { buildRaw, buildSafetensors } from '../helpers/safetensors.js';
import { lintScratch, scratchDir } from '../rules/lint-folder.js';

const LFS =
  'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 999\n';

const badFiles: Record<string, { rule: string; write: (dir: string) => Promise<void>; file: string }> = {
  'truncated file': {
    rule: 'AL101',
    file: 'bad/adapter_model.safetensors',
    write: async (dir) => {
      const bytes = buildSafetensors(llamaLora(1));
      await writeFile(join(dir, 'adapter_model.safetensors'), bytes.subarray(0, bytes.length - 7));
    },
  },
  'lying header': {
    rule: 'AL101',
    file: 'bad/adapter_model.safetensors',
    write: (dir) =>
      writeFile(
        join(dir, 'adapter_model.safetensors'),
        buildRaw({ t: { dtype: 'F32', shape: [2, 2], data_offsets: [0, 8] } }, 8),
      ),
  },
  'header length past the end': {
    rule: 'AL101',
    file: 'bad/adapter_model.safetensors',
    write: (dir) =>
      writeFile(join(dir, 'adapter_model.safetensors'), buildRaw('{}', 0, { headerLength: 5000 })),
  },
  'empty file': {
    rule: 'AL101',
    file: 'bad/adapter_model.safetensors',
    write: (dir) => writeFile(join(dir, 'adapter_model.safetensors'), ''),
  },
  'two-byte upload (CR LF)': {
    rule: 'AL101',
    file: 'bad/adapter_model.safetensors',
    write: (dir) => writeFile(join(dir, 'adapter_model.safetensors'), '\r\n'),
  },
  'LFS pointer': {
    rule: 'AL102',
    file: 'bad/adapter_model.safetensors',
    write: (dir) => writeFile(join(dir, 'adapter_model.safetensors'), LFS),
  },
  pickle: {
    rule: 'AL103',
    file: 'bad/adapter_model.bin',
    write: (dir) =>
      writeFile(
        join(dir, 'adapter_model.bin'),
        Buffer.from([0x80, 0x04, 0x95, 0, 0, 0, 0, 0, 0, 0, 0x7d, 0x2e]),
      ),
  },
  'zip (torch.save)': {
    rule: 'AL103',
    file: 'bad/adapter_model.bin',
    write: (dir) =>
      writeFile(
        join(dir, 'adapter_model.bin'),
        Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0, 0, 0, 0]),
      ),
  },
  'symlink outside the root': {
    rule: 'AL107',
    file: 'bad/adapter_model.safetensors',
    write: async (dir) => {
      const outside = await scratchDir();
      await writeFile(join(outside, 'real.safetensors'), buildSafetensors(llamaLora(1)));
      await symlink(join(outside, 'real.safetensors'), join(dir, 'adapter_model.safetensors'));
    },
  },
  'junk config JSON': {
    rule: 'AL402',
    file: 'bad/adapter_config.json',
    write: async (dir) => {
      await writeFile(join(dir, 'adapter_model.safetensors'), buildSafetensors(llamaLora(1)));
      await writeFile(join(dir, 'adapter_config.json'), '{"peft_type": "LORA", r: 8,}');
    },
  },
};

describe('bad input reaches the report as a finding naming the file', () => {
  for (const [name, c] of Object.entries(badFiles)) {
    it(name, async () => {
      const report = await lintScratch(async (root) => {
        await writeAdapterFolder(join(root, 'good'), { tensors: llamaLora(1) });
        await writeAdapterFolder(join(root, 'zero'), { tensors: llamaLora(1, { zeroUp: true }) });
        await mkdir(join(root, 'bad'), { recursive: true });
        if (c.rule !== 'AL402')
          await writeFile(join(root, 'bad/adapter_config.json'), JSON.stringify(peftConfig()));
        await c.write(join(root, 'bad'));
      });
      const hits = report.findings.filter((f) => f.ruleId === c.rule);
      expect(hits.map((h) => h.file)).toContain(c.file);
      expect(hits.find((h) => h.file === c.file)!.message).toContain(
        c.rule === 'AL402' ? 'adapter_config.json' : c.file,
      );
      // The other adapters were still linted: the zero one is caught, the good one is clean.
      expect(report.adapters.map((a) => a.path)).toEqual(['bad', 'good', 'zero']);
      expect(report.adapters.find((a) => a.path === 'zero')!.findings.map((f) => f.ruleId)).toContain(
        'AL302',
      );
      expect(report.adapters.find((a) => a.path === 'good')!.findings).toEqual([]);
    });
  }

  it('a two-byte file names its size', async () => {
    const report = await lintScratch((dir) => writeFile(join(dir, 'lora.safetensors'), '\r\n'));
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]!.ruleId).toBe('AL101');
    expect(report.findings[0]!.message).toMatch(/2 bytes/);
  });

  it('a path that does not exist is a usage error, not a clean run', async () => {
    const dir = await scratchDir();
    await expect(lint({ cwd: dir, paths: ['missing-adapter'], threads: 0 })).rejects.toBeInstanceOf(
      LintInputError,
    );
  });

  it('a dangling symlink is AL101 with a relative message saying what to do, even under "outside"', async () => {
    const dir = await scratchDir();
    await mkdir(join(dir, 'outside-runs/run'), { recursive: true });
    await writeFile(join(dir, 'outside-runs/run/adapter_config.json'), JSON.stringify(peftConfig()));
    await symlink('gone.safetensors', join(dir, 'outside-runs/run/adapter_model.safetensors'));
    for (const paths of [[], ['outside-runs/run/adapter_model.safetensors']]) {
      const report = await lint({ cwd: dir, paths, threads: 0 });
      expect(report.findings.map((f) => [f.ruleId, f.file, f.message])).toEqual([
        [
          'AL101',
          'outside-runs/run/adapter_model.safetensors',
          'outside-runs/run/adapter_model.safetensors cannot be read as adapter weights: the link target outside-runs/run/gone.safetensors is missing: restore it or remove the link.',
        ],
      ]);
    }
  });

  it('a dangling shard link under "outside" is a bad index (AL105), not an unsafe path', async () => {
    const dir = await scratchDir();
    const folder = join(dir, 'outside-loras');
    await writeWeightsFile(join(folder, 'lora-00001-of-00002.safetensors'), kohyaLora('lora_unet_a'));
    await symlink('lost.safetensors', join(folder, 'lora-00002-of-00002.safetensors'));
    const weightMap: Record<string, string> = {};
    for (const t of kohyaLora('lora_unet_a')) weightMap[t.name] = 'lora-00001-of-00002.safetensors';
    for (const t of kohyaLora('lora_unet_b')) weightMap[t.name] = 'lora-00002-of-00002.safetensors';
    await writeFile(join(folder, 'lora.safetensors.index.json'), JSON.stringify({ weight_map: weightMap }));
    const report = await lint({ cwd: dir, paths: [], threads: 0 });
    expect(report.findings.filter((f) => f.ruleId === 'AL107')).toEqual([]);
    const al105 = report.findings.filter((f) => f.ruleId === 'AL105').map((f) => f.message);
    expect(
      al105.some((m) =>
        m.includes(
          'shard lora-00002-of-00002.safetensors is a link whose target outside-loras/lost.safetensors is missing',
        ),
      ),
    ).toBe(true);
    expect(al105.some((m) => m.includes(dir))).toBe(false);
  });

  it('a shard name with `..` is still AL107', async () => {
    const dir = await scratchDir();
    const folder = join(dir, 'loras');
    await writeWeightsFile(join(dir, 'a.safetensors'), kohyaLora('lora_unet_a'));
    const weightMap: Record<string, string> = {};
    for (const t of kohyaLora('lora_unet_a')) weightMap[t.name] = '../a.safetensors';
    await mkdir(folder);
    await writeFile(join(folder, 'lora.safetensors.index.json'), JSON.stringify({ weight_map: weightMap }));
    const report = await lint({ cwd: dir, paths: ['loras'], threads: 0 });
    expect(report.findings.filter((f) => f.ruleId === 'AL107').map((f) => f.file)).toEqual([
      'loras/lora.safetensors.index.json',
    ]);
  });

  it('a file named explicitly that is not an adapter file is skipped, not AL101', async () => {
    const dir = await scratchDir();
    await writeFile(join(dir, 'package.json'), '{"name": "x"}');
    const report = await lint({ cwd: dir, paths: ['package.json'], threads: 0 });
    expect(report.findings).toEqual([]);
    expect(report.adapters).toEqual([]);
    expect(report.notices[0]).toMatch(/^package\.json: not an adapter file/);
  });

  it('a glob that matches nothing is a usage error naming the pattern, not a clean run', async () => {
    const dir = await scratchDir();
    await writeAdapterFolder(join(dir, 'good'), { tensors: llamaLora(1) });
    const run = lint({ cwd: dir, paths: ['god/*.safetensors'], threads: 0 });
    await expect(run).rejects.toBeInstanceOf(LintInputError);
    await expect(run).rejects.toThrow(/god\/\*\.safetensors/);
  });

  it('a folder with nothing to lint says so in the notices', async () => {
    const dir = await scratchDir();
    const report = await lint({ cwd: dir, paths: [], threads: 0 });
    expect(report.adapters).toEqual([]);
    expect(report.notices).toContain('no adapter files were found');
  });
});
