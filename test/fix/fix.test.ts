import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, lstat, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatFixResult } from '../../src/fix/format.js';
import { fixAdapters } from '../../src/fix/index.js';
import {
  findLeftoverTemporaries,
  isTemporaryNameFor,
  rewriteTensorNames,
  temporaryPathFor,
} from '../../src/fix/rewrite-safetensors.js';
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
      expect(await findLeftoverTemporaries(weights)).toEqual([]);

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

describe('links', () => {
  it('never replaces a symlinked weights file with a copy; it names the file it points to, fixed when named', async () => {
    await writeAdapterFolder(join(dir, 'a'), {
      tensors: renameTensors(llamaLora(1), (k) => k.replace(/\.weight$/, '.default.weight')),
      weightsName: 'real.safetensors',
    });
    await symlink('real.safetensors', join(dir, 'a', 'adapter_model.safetensors'));
    // The link target belongs to the folder's adapter, which reaches it through the link: refused, and
    // the refusal says how to fix the target (which every link to it shares).
    const result = await fixAdapters({ cwd: dir, paths: ['a'], dryRun: false });
    expect(result.plans.flatMap((p) => p.refused).map((r) => [r.file, r.reason])).toEqual([
      ['a/adapter_model.safetensors', expect.stringContaining('`adapter-lint --fix a/real.safetensors`')],
    ]);
    expect(result.changedFiles).toBe(0);
    const named = await fixAdapters({ cwd: dir, paths: ['a/real.safetensors'], dryRun: false });
    expect(named.plans.flatMap((p) => p.files).map((f) => f.file)).toEqual(['a/real.safetensors']);
    expect(named.changedFiles).toBe(1);
    expect((await lstat(join(dir, 'a', 'adapter_model.safetensors'))).isSymbolicLink()).toBe(true);
    const file = await openSafetensors(join(dir, 'a', 'real.safetensors'));
    expect([...file.header.tensors.keys()].some((k) => k.includes('.default.'))).toBe(false);
    await file.close();
  });
});

describe('rewrite layout', () => {
  it('keeps the data section in place when the header shrinks (copied by the kernel, header padded)', async () => {
    await writeAdapterFolder(join(dir, 'a'), {
      tensors: renameTensors(llamaLora(1), (k) => k.replace(/\.weight$/, '.default.weight')),
    });
    const weights = join(dir, 'a', 'adapter_model.safetensors');
    const before = await openSafetensors(weights);
    const dataStart = before.header.dataStart;
    await before.close();
    await fixAdapters({ cwd: dir, paths: ['a'], dryRun: false });
    const after = await openSafetensors(weights);
    expect(after.header.dataStart).toBe(dataStart);
    expect([...after.header.tensors.keys()].every((k) => !k.includes('.default.'))).toBe(true);
    await after.close();
  });

  it('moves the data section when the header grows (a prefix added)', async () => {
    await writeAdapterFolder(join(dir, 'a'), {
      tensors: renameTensors(llamaLora(1), (k) => k.replace(/^base_model\.model\./, '')),
    });
    const weights = join(dir, 'a', 'adapter_model.safetensors');
    const before = await openSafetensors(weights);
    const dataStart = before.header.dataStart;
    await before.close();
    await fixAdapters({ cwd: dir, paths: ['a'], dryRun: false });
    const after = await openSafetensors(weights);
    expect(after.header.dataStart).toBeGreaterThan(dataStart);
    expect(after.header.dataStart % 8).toBe(0);
    await after.close();
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
    expect(await readdir(dir)).toEqual(['adapter_model.safetensors']);
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
    const leftovers = await findLeftoverTemporaries(path);
    expect(leftovers.map((l) => l.kind)).toEqual(['file']);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(sha256(await readFile(path))).toBe(before);
    const file = await openSafetensors(path);
    expect([...file.header.tensors.keys()].sort()).toEqual(['x.lora_A.default.weight', 'x.lora_B.weight']);
    await file.close();

    // The next fix reports the leftover rather than ignoring it, and does not delete what it did not create.
    const result = await fixAdapters({ cwd: dir, paths: ['adapter_model.safetensors'], dryRun: true });
    const leftoverName = leftovers[0]!.path.slice(dir.length + 1);
    expect(result.notices).toEqual([
      `${leftoverName}: a temporary file left by an interrupted adapter-lint fix; it was not deleted (it may be in use or not ours): delete it once no fix is running`,
    ]);
    expect(formatFixResult(result, true)).toContain(`notice: ${leftoverName}: a temporary file left`);
    expect(existsSync(leftovers[0]!.path)).toBe(true);
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

describe('--fix on sharded adapters', () => {
  const shardA = 'adapter_model-00001-of-00002.safetensors';
  const shardB = 'adapter_model-00002-of-00002.safetensors';

  /** A PEFT folder whose weights are two shards listed by adapter_model.safetensors.index.json. */
  async function shardedAdapter(
    first: ReturnType<typeof llamaLora>,
    second: ReturnType<typeof llamaLora>,
  ): Promise<string> {
    const folder = join(dir, 'a');
    await writeAdapterFolder(folder, { tensors: first, weightsName: shardA });
    await writeFile(join(folder, shardB), buildSafetensors(second, { format: 'pt' }));
    let totalSize = 0;
    for (const name of [shardA, shardB]) {
      const file = await openSafetensors(join(folder, name));
      totalSize += file.header.fileSize - file.header.dataStart;
      await file.close();
    }
    const weightMap: Record<string, string> = {};
    for (const t of first) weightMap[t.name] = shardA;
    for (const t of second) weightMap[t.name] = shardB;
    const index = {
      metadata: { total_size: totalSize, note: 'kept' },
      extra: [1, { a: true }],
      weight_map: weightMap,
    };
    await writeFile(
      join(folder, 'adapter_model.safetensors.index.json'),
      `${JSON.stringify(index, null, 2)}\n`,
    );
    return folder;
  }

  async function folderHashes(folder: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const name of (await readdir(folder)).sort()) out[name] = sha256(await readFile(join(folder, name)));
    return out;
  }

  it('renames the keys in every shard and in the index weight_map, keeping everything else', async () => {
    const correct = llamaLora(2);
    const broken = renameTensors(correct, (k) => k.replace(/\.(lora_[AB])\.weight$/, '.$1.default.weight'));
    const folder = await shardedAdapter(broken.slice(0, 4), broken.slice(4));
    expect(await ruleIds('a')).toContain('AL202');
    expect(await ruleIds('a')).not.toContain('AL105');
    const indexPath = join(folder, 'adapter_model.safetensors.index.json');
    const indexBefore = JSON.parse(await readFile(indexPath, 'utf8'));
    const beforeA = await tensorHashes(join(folder, shardA));
    const beforeB = await tensorHashes(join(folder, shardB));

    const result = await fixAdapters({ cwd: dir, paths: ['a'], dryRun: false });
    expect(result.failures).toEqual([]);
    expect(result.changedFiles).toBe(3);
    expect(result.plans[0]?.index?.file).toBe('a/adapter_model.safetensors.index.json');
    expect(formatFixResult(result, false)).toContain(
      'a/adapter_model.safetensors.index.json: updated 8 weight_map key(s) to match the shards',
    );

    const findings = await ruleIds('a');
    expect(findings).not.toContain('AL105');
    expect(findings).toEqual([]);
    const indexAfter = JSON.parse(await readFile(indexPath, 'utf8'));
    expect(indexAfter.metadata).toEqual(indexBefore.metadata);
    expect(indexAfter.extra).toEqual([1, { a: true }]);
    expect(indexAfter.weight_map).toEqual(
      Object.fromEntries(correct.map((t, i) => [t.name, i < 4 ? shardA : shardB])),
    );
    const afterA = await tensorHashes(join(folder, shardA));
    const afterB = await tensorHashes(join(folder, shardB));
    for (const [i, spec] of correct.entries()) {
      const [before, after] = i < 4 ? [beforeA, afterA] : [beforeB, afterB];
      expect(after.tensors.get(spec.name)).toBe(before.tensors.get(broken[i]!.name));
    }
    expect(afterA.metadata).toBe(beforeA.metadata);
    expect((await readdir(folder)).sort()).toEqual(
      ['adapter_config.json', 'adapter_model.safetensors.index.json', shardA, shardB].sort(),
    );

    const again = await fixAdapters({ cwd: dir, paths: ['a'], dryRun: false });
    expect(again.changedFiles).toBe(0);
  });

  it('checks collisions across shards and then changes no file', async () => {
    const one = linearLora('model.layers.0.self_attn.q_proj');
    const other = renameTensors(linearLora('model.layers.0.self_attn.q_proj', { seed: 5 }), (k) =>
      k.replace(/\.weight$/, '.default.weight'),
    );
    const folder = await shardedAdapter(one, other);
    const before = await folderHashes(folder);
    const result = await fixAdapters({ cwd: dir, paths: ['a'], dryRun: false });
    expect(result.changedFiles).toBe(0);
    expect(result.plans[0]?.files).toEqual([]);
    expect(result.plans[0]?.index).toBeNull();
    expect(result.plans[0]?.refused[0]?.reason).toMatch(
      /both `base_model\.model\.model\.layers\.0\.self_attn\.q_proj\.lora_[AB]\.weight`, so nothing in this adapter/,
    );
    expect(await folderHashes(folder)).toEqual(before);
  });

  it('refuses when the index disagrees with its shards, and changes no file', async () => {
    const broken = renameTensors(llamaLora(1), (k) => `module.${k}`);
    const folder = await shardedAdapter(broken.slice(0, 2), broken.slice(2));
    const indexPath = join(folder, 'adapter_model.safetensors.index.json');
    const index = JSON.parse(await readFile(indexPath, 'utf8'));
    delete index.weight_map[broken[3]!.name];
    await writeFile(indexPath, JSON.stringify(index));
    const before = await folderHashes(folder);
    const result = await fixAdapters({ cwd: dir, paths: ['a'], dryRun: false });
    expect(result.changedFiles).toBe(0);
    expect(result.plans[0]?.refused.map((r) => r.file)).toEqual(['a/adapter_model.safetensors.index.json']);
    expect(result.plans[0]?.refused[0]?.reason).toMatch(/shard index does not agree with its shards/);
    expect(await folderHashes(folder)).toEqual(before);
  });
});

describe('temporary files and file modes', () => {
  it('uses a fresh random name of our pattern for every rewrite', () => {
    const target = join(dir, 'adapter_model.safetensors');
    const first = temporaryPathFor(target);
    expect(first).toMatch(/\/\.adapter_model\.safetensors\.adapter-lint-[0-9a-f]{16}\.tmp$/);
    expect(temporaryPathFor(target)).not.toBe(first);
    expect(isTemporaryNameFor(target, first.slice(dir.length + 1))).toBe(true);
    expect(isTemporaryNameFor(target, '.adapter_model.safetensors.adapter-lint-tmp')).toBe(true);
    expect(isTemporaryNameFor(target, '.other.safetensors.adapter-lint-tmp')).toBe(false);
  });

  it('never writes through a symlink planted at the old temporary name, and reports it', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'adapter-lint-outside-'));
    try {
      const victim = join(outside, 'victim.txt');
      await writeFile(victim, 'precious');
      await writeAdapterFolder(join(dir, 'a'), {
        tensors: renameTensors(llamaLora(1), (k) => `module.${k}`),
      });
      const planted = join(dir, 'a', '.adapter_model.safetensors.adapter-lint-tmp');
      await symlink(victim, planted);

      const result = await fixAdapters({ cwd: dir, paths: ['a'], dryRun: false });
      expect(result.failures).toEqual([]);
      expect(result.changedFiles).toBe(1);
      expect(await readFile(victim, 'utf8')).toBe('precious');
      expect((await lstat(planted)).isSymbolicLink()).toBe(true);
      expect((await lstat(join(dir, 'a', 'adapter_model.safetensors'))).isFile()).toBe(true);
      expect(await ruleIds('a')).toEqual([]);
      expect(result.notices).toEqual([
        'a/.adapter_model.safetensors.adapter-lint-tmp: named like an adapter-lint temporary file but is a symbolic link; it was neither followed nor touched: remove it',
      ]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("keeps the original file's permission bits", async () => {
    await writeAdapterFolder(join(dir, 'a'), { tensors: renameTensors(llamaLora(1), (k) => `module.${k}`) });
    const weights = join(dir, 'a', 'adapter_model.safetensors');
    await chmod(weights, 0o640);
    const result = await fixAdapters({ cwd: dir, paths: ['a'], dryRun: false });
    expect(result.changedFiles).toBe(1);
    expect((await stat(weights)).mode & 0o777).toBe(0o640);
  });
});

describe('--fix follows the rule settings', () => {
  const doubleBroken = (k: string) => `module.${k.replace(/\.(lora_[AB])\.weight$/, '.$1.default.weight')}`;

  async function keysOf(path: string): Promise<string[]> {
    return [...(await tensorHashes(path)).tensors.keys()].sort();
  }

  it('does not strip adapter names when AL202 is off, but still fixes AL205', async () => {
    const correct = llamaLora(1);
    await writeAdapterFolder(join(dir, 'a'), { tensors: renameTensors(correct, doubleBroken) });
    const result = await fixAdapters({ cwd: dir, paths: ['a'], dryRun: false, rules: { AL202: 'off' } });
    expect(result.plans[0]?.files[0]?.renames.map((r) => r.rules)).toEqual([
      ['AL205'],
      ['AL205'],
      ['AL205'],
      ['AL205'],
    ]);
    expect(await keysOf(join(dir, 'a', 'adapter_model.safetensors'))).toEqual(
      correct.map((t) => t.name.replace(/\.(lora_[AB])\.weight$/, '.$1.default.weight')).sort(),
    );
  });

  it('accepts slugs, and per-path overrides turn a rule off for matching files only', async () => {
    const correct = llamaLora(1);
    await writeAdapterFolder(join(dir, 'a'), { tensors: renameTensors(correct, doubleBroken) });
    await writeAdapterFolder(join(dir, 'b'), { tensors: renameTensors(correct, doubleBroken) });
    await fixAdapters({
      cwd: dir,
      paths: ['a', 'b'],
      dryRun: false,
      rules: { 'wrapper-leak': 'off' },
      overrides: [{ files: ['b/**'], rules: { AL205: 'warning', 'adapter-name-in-key': 'off' } }],
    });
    // a: AL205 off by slug, AL202 on.
    expect(await keysOf(join(dir, 'a', 'adapter_model.safetensors'))).toEqual(
      correct.map((t) => `module.${t.name}`).sort(),
    );
    // b: the override turns AL205 back on and AL202 off.
    expect(await keysOf(join(dir, 'b', 'adapter_model.safetensors'))).toEqual(
      correct.map((t) => t.name.replace(/\.(lora_[AB])\.weight$/, '.$1.default.weight')).sort(),
    );
  });

  it('leaves a doubled prefix (AL204) and a missing one (AL203) when those rules are off', async () => {
    const correct = llamaLora(1);
    await writeAdapterFolder(join(dir, 'a'), {
      tensors: renameTensors(correct, (k) => `base_model.model.${k}`),
    });
    await writeAdapterFolder(join(dir, 'b'), {
      tensors: renameTensors(correct, (k) => k.replace(/^base_model\.model\./, '')),
    });
    const result = await fixAdapters({
      cwd: dir,
      paths: ['a', 'b'],
      dryRun: false,
      rules: { AL203: 'off', 'doubled-prefix': 'off' },
    });
    expect(result.plans).toEqual([]);
    expect(await keysOf(join(dir, 'a', 'adapter_model.safetensors'))).toEqual(
      correct.map((t) => `base_model.model.${t.name}`).sort(),
    );
  });

  it('does not rename kohya keys (AL211) or the weights file (AL404) when those rules are off', async () => {
    const broken = renameTensors(kohyaLora('lora_unet_down_blocks_0_attn1_to_q'), (k) =>
      k.replace('lora_unet_', 'lora_unet_unet_'),
    );
    await writeWeightsFile(join(dir, 'kohya.safetensors'), broken);
    await writeAdapterFolder(join(dir, 'a'), { tensors: llamaLora(1), weightsName: 'model.safetensors' });
    const result = await fixAdapters({
      cwd: dir,
      paths: ['kohya.safetensors', 'a'],
      dryRun: false,
      rules: { 'kohya-key-format': 'off', AL404: 'off' },
    });
    expect(result.changedFiles).toBe(0);
    expect(await keysOf(join(dir, 'kohya.safetensors'))).toEqual(broken.map((t) => t.name).sort());
    expect(await readdir(join(dir, 'a'))).toEqual(['adapter_config.json', 'model.safetensors']);
  });
});
