import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixAdapters } from '../../src/fix/index.js';
import { rewriteTensorNames, temporaryPathFor } from '../../src/fix/rewrite-safetensors.js';
import { lint } from '../../src/lint.js';
import { openSafetensors } from '../../src/safetensors/index.js';
import { runCli } from '../cli/run-cli.js';
import {
  kohyaLora,
  linearLora,
  llamaLora,
  peftConfig,
  renameTensors,
  writeAdapterFolder,
  writeWeightsFile,
} from '../helpers/adapters.js';
import { buildSafetensors, randomValues } from '../helpers/safetensors.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adapter-lint-fix-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** SHA-256 of every tensor's bytes, by name, plus the metadata. */
async function tensorHashes(path: string): Promise<{ tensors: Map<string, string>; metadata: string }> {
  const file = await openSafetensors(path);
  try {
    const tensors = new Map<string, string>();
    for (const info of file.header.tensors.values()) {
      const bytes = await file.readBytes(info.start, info.byteLength);
      tensors.set(info.name, createHash('sha256').update(bytes).digest('hex'));
    }
    return { tensors, metadata: JSON.stringify([...(file.header.metadata ?? new Map())]) };
  } finally {
    await file.close();
  }
}

async function ruleIds(path: string): Promise<string[]> {
  const report = await lint({ cwd: dir, paths: [path], threads: 0 });
  return report.findings.map((f) => f.ruleId);
}

const cases: Array<{ rule: string; rename: (key: string) => string }> = [
  { rule: 'AL202', rename: (k) => k.replace(/\.(lora_[AB])\.weight$/, '.$1.default.weight') },
  { rule: 'AL201', rename: (k) => k.replace(/\.(lora_[AB])\.weight$/, '.$1.default.default.weight') },
  { rule: 'AL202', rename: (k) => k.replace(/\.(lora_[AB])\.weight$/, '.$1.my_adapter.weight') },
  { rule: 'AL203', rename: (k) => k.replace(/^base_model\.model\./, '') },
  { rule: 'AL204', rename: (k) => `base_model.model.${k}` },
  { rule: 'AL205', rename: (k) => `module.${k}` },
  { rule: 'AL205', rename: (k) => k.replace('base_model.model.', 'base_model.model._orig_mod.') },
  { rule: 'AL205', rename: (k) => k.replace('model.layers', '_fsdp_wrapped_module.model.layers') },
];

describe('--fix on generated adapters', () => {
  for (const [i, { rule, rename }] of cases.entries()) {
    it(`settles ${rule} (case ${i}) and keeps every tensor's bytes`, async () => {
      const correct = llamaLora(2);
      await writeAdapterFolder(join(dir, 'a'), { tensors: renameTensors(correct, rename) });
      const weights = join(dir, 'a', 'adapter_model.safetensors');
      expect(await ruleIds('a')).toContain(rule);
      const before = await tensorHashes(weights);

      const result = await fixAdapters({ cwd: dir, paths: ['a'], dryRun: false });
      expect(result.failures).toEqual([]);
      expect(result.changedFiles).toBe(1);

      expect(await ruleIds('a')).toEqual([]);
      const after = await tensorHashes(weights);
      expect(after.metadata).toBe(before.metadata);
      // Each original tensor's bytes now live under the correct name.
      for (const spec of correct) {
        expect(after.tensors.get(spec.name)).toBe(before.tensors.get(rename(spec.name)));
      }
      expect(after.tensors.size).toBe(correct.length);
      expect(existsSync(temporaryPathFor(weights))).toBe(false);

      const again = await fixAdapters({ cwd: dir, paths: ['a'], dryRun: false });
      expect(again.changedFiles).toBe(0);
      expect(again.plans.flatMap((p) => p.files)).toEqual([]);
    });
  }

  it('settles AL211 in kohya files', async () => {
    const correct = [
      ...kohyaLora('lora_unet_down_blocks_0_attn1_to_q'),
      ...kohyaLora('lora_te_text_model_q_proj'),
    ];
    const broken = renameTensors(correct, (k) =>
      k.startsWith('lora_unet_') ? k.replace('lora_unet_', 'lora_unet_unet_') : k.replace('.lora_', '_lora_'),
    );
    await writeWeightsFile(join(dir, 'kohya.safetensors'), broken);
    expect(await ruleIds('kohya.safetensors')).toContain('AL211');
    const before = await tensorHashes(join(dir, 'kohya.safetensors'));
    await fixAdapters({ cwd: dir, paths: ['kohya.safetensors'], dryRun: false });
    expect(await ruleIds('kohya.safetensors')).not.toContain('AL211');
    const after = await tensorHashes(join(dir, 'kohya.safetensors'));
    expect([...after.tensors.keys()].sort()).toEqual(correct.map((s) => s.name).sort());
    expect([...after.tensors.values()].sort()).toEqual([...before.tensors.values()].sort());
  });

  it('settles AL404 by renaming the weights, and never overwrites', async () => {
    await writeAdapterFolder(join(dir, 'a'), { tensors: llamaLora(1), weightsName: 'model.safetensors' });
    const bytes = sha256(await readFile(join(dir, 'a', 'model.safetensors')));
    expect(await ruleIds('a')).toContain('AL404');
    const result = await fixAdapters({ cwd: dir, paths: ['a'], dryRun: false });
    expect(result.plans[0]?.fileRename?.to).toBe('a/adapter_model.safetensors');
    expect(await readdir(join(dir, 'a'))).toEqual(['adapter_config.json', 'adapter_model.safetensors']);
    expect(sha256(await readFile(join(dir, 'a', 'adapter_model.safetensors')))).toBe(bytes);
    expect(await ruleIds('a')).toEqual([]);
  });

  it('refuses AL404 when two files could be the weights', async () => {
    await writeAdapterFolder(join(dir, 'a'), { tensors: llamaLora(1), weightsName: 'model.safetensors' });
    await writeFile(join(dir, 'a', 'other.safetensors'), buildSafetensors(llamaLora(1)));
    const result = await fixAdapters({ cwd: dir, paths: ['a'], dryRun: false });
    expect(result.plans[0]?.fileRename).toBeNull();
    expect(result.plans[0]?.refused[0]?.reason).toMatch(/2 safetensors files could be the weights/);
    expect((await readdir(join(dir, 'a'))).sort()).toEqual([
      'adapter_config.json',
      'model.safetensors',
      'other.safetensors',
    ]);
  });

  it('changes nothing in a file where a rename would collide, and says why', async () => {
    const specs = [
      ...linearLora('model.layers.0.self_attn.q_proj'),
      ...renameTensors(linearLora('model.layers.0.self_attn.q_proj', { seed: 99 }), (k) =>
        k.replace(/\.weight$/, '.default.weight'),
      ),
    ];
    await writeAdapterFolder(join(dir, 'a'), { tensors: specs });
    const weights = join(dir, 'a', 'adapter_model.safetensors');
    const before = sha256(await readFile(weights));
    const result = await fixAdapters({ cwd: dir, paths: ['a'], dryRun: false });
    expect(result.changedFiles).toBe(0);
    expect(result.plans[0]?.refused[0]?.reason).toMatch(
      /both `base_model\.model\.model\.layers\.0\.self_attn\.q_proj\.lora_[AB]\.weight`/,
    );
    expect(sha256(await readFile(weights))).toBe(before);
  });

  it('keeps .modules_to_save. (needs judgement) while fixing what is certain', async () => {
    const specs = [
      ...renameTensors(llamaLora(1), (k) => `module.${k}`),
      {
        name: 'module.base_model.model.score.modules_to_save.default.weight',
        shape: [2, 16],
        data: randomValues(32, 5),
      },
    ];
    await writeAdapterFolder(join(dir, 'a'), {
      tensors: specs,
      config: peftConfig({ task_type: 'SEQ_CLS' }),
    });
    const result = await fixAdapters({ cwd: dir, paths: ['a'], dryRun: false });
    const names = [...(await tensorHashes(join(dir, 'a', 'adapter_model.safetensors'))).tensors.keys()];
    expect(names).toContain('base_model.model.score.modules_to_save.default.weight');
    expect(names.some((n) => n.startsWith('module.'))).toBe(false);
    expect(result.plans[0]?.refused.map((r) => r.reason).join(' ')).toMatch(/modules_to_save/);
  });

  it('a dry run changes nothing', async () => {
    await writeAdapterFolder(join(dir, 'a'), { tensors: renameTensors(llamaLora(1), (k) => `module.${k}`) });
    const before = sha256(await readFile(join(dir, 'a', 'adapter_model.safetensors')));
    const result = await fixAdapters({ cwd: dir, paths: ['a'], dryRun: true });
    expect(result.plans[0]?.files[0]?.renames).toHaveLength(4);
    expect(sha256(await readFile(join(dir, 'a', 'adapter_model.safetensors')))).toBe(before);
  });
});

describe('rewrite safety', () => {
  async function bigAdapter(): Promise<string> {
    // 24 MiB of tensor data: three 8 MiB copy chunks.
    const n = 2 * 1024 * 1024;
    const path = join(dir, 'adapter_model.safetensors');
    await writeFile(
      path,
      buildSafetensors([
        { name: 'x.lora_A.default.weight', shape: [n, 1], data: randomValues(n, 1) },
        { name: 'x.lora_B.weight', shape: [n, 2], data: randomValues(2 * n, 2) },
      ]),
    );
    return path;
  }

  it('leaves the original intact when the write fails mid-way', async () => {
    const path = await bigAdapter();
    const before = sha256(await readFile(path));
    await expect(
      rewriteTensorNames(path, new Map([['x.lora_A.default.weight', 'x.lora_A.weight']]), {
        afterChunk: () => {
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        },
      }),
    ).rejects.toThrow(/ENOSPC/);
    expect(sha256(await readFile(path))).toBe(before);
    expect(existsSync(temporaryPathFor(path))).toBe(false);
  });

  it('leaves the original intact when the process is killed mid-write', async () => {
    const path = await bigAdapter();
    const before = sha256(await readFile(path));
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const child = spawn(
      process.execPath,
      [
        '--import',
        pathToFileURL(`${root}node_modules/tsx/dist/loader.mjs`).href,
        fileURLToPath(new URL('./rewrite-child.ts', import.meta.url)),
        path,
        'x.lora_A.default.weight',
        'x.lora_A.weight',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => {
        if (data.toString().includes('paused')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    // The temporary file holds a partial copy at this point.
    expect(existsSync(temporaryPathFor(path))).toBe(true);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(sha256(await readFile(path))).toBe(before);
    const file = await openSafetensors(path);
    expect([...file.header.tensors.keys()].sort()).toEqual(['x.lora_A.default.weight', 'x.lora_B.weight']);
    await file.close();
  });
});

describe('adapter-lint --fix (command line)', () => {
  it('prints each rename in a dry run, then fixes and reports what is left', async () => {
    await writeAdapterFolder(join(dir, 'a'), {
      tensors: renameTensors(llamaLora(1), (k) => k.replace('.weight', '.default.weight')),
    });
    const dry = runCli(['--fix-dry-run', 'a'], dir);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain(
      'a/adapter_model.safetensors: would rename base_model.model.model.layers.0.self_attn.q_proj.lora_A.default.weight -> base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight (AL202)',
    );
    expect(dry.stdout).toMatch(/AL202 adapter-name-in-key/);

    const fixed = runCli(['--fix', 'a'], dir);
    expect(fixed.stdout).toContain('fix: 4 key rename(s) and 0 file rename(s) applied in 1 file(s)');
    expect(fixed.stdout).not.toMatch(/AL202 adapter-name-in-key/);
    expect(fixed.stdout).toContain('0 errors, 0 warnings, 0 notes in 1 adapter');
    expect(fixed.code).toBe(0);
  });

  it('keeps stdout machine-readable with --format json', async () => {
    await writeAdapterFolder(join(dir, 'a'), { tensors: renameTensors(llamaLora(1), (k) => `module.${k}`) });
    const run = runCli(['--fix', '--format', 'json', 'a'], dir);
    expect(JSON.parse(run.stdout).findings).toEqual([]);
    expect(run.stderr).toContain('(AL205)');
  });
});
