import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverAdapters, LintInputError } from '../../src/adapter/discover.js';
import { lint } from '../../src/lint.js';
import { kohyaLora, llamaLora, writeAdapterFolder, writeWeightsFile } from '../helpers/adapters.js';
import { scratchDir } from '../rules/lint-folder.js';

describe('discovery', () => {
  it('groups PEFT folders, sub-folder adapters, standalone files and indexes', async () => {
    const dir = await scratchDir();
    await writeAdapterFolder(join(dir, 'run'), { tensors: llamaLora(1) });
    await writeFile(join(dir, 'run/training_args.bin'), Buffer.from([0x80, 0x04, 0x2e]));
    await mkdir(join(dir, 'run/global_step10'), { recursive: true });
    for (const name of ['mp_rank_00_model_states.pt', 'bf16_zero_pp_rank_0_mp_rank_00_optim_states.pt']) {
      await writeFile(join(dir, 'run/global_step10', name), Buffer.from([0x80, 0x04, 0x2e]));
    }
    await writeAdapterFolder(join(dir, 'run/second'), { tensors: llamaLora(1) });
    await writeWeightsFile(join(dir, 'loras/style.safetensors'), kohyaLora('lora_unet_x'));
    await writeWeightsFile(join(dir, 'loras/big-00001-of-00001.safetensors'), kohyaLora('lora_unet_y'));
    const weightMap = Object.fromEntries(
      kohyaLora('lora_unet_y').map((t) => [t.name, 'big-00001-of-00001.safetensors']),
    );
    await writeFile(join(dir, 'loras/big.safetensors.index.json'), JSON.stringify({ weight_map: weightMap }));
    await writeWeightsFile(join(dir, 'node_modules/pkg/x.safetensors'), kohyaLora('lora_unet_z'));
    await writeWeightsFile(join(dir, '.git/lfs/x.safetensors'), kohyaLora('lora_unet_z'));

    const { plans } = await discoverAdapters({ cwd: dir, paths: [] });
    expect(plans.map((p) => [p.path, p.owns])).toEqual([
      [
        'loras/big.safetensors.index.json',
        ['loras/big.safetensors.index.json', 'loras/big-00001-of-00001.safetensors'],
      ],
      ['loras/style.safetensors', ['loras/style.safetensors']],
      ['run', ['run/adapter_config.json', 'run/adapter_model.safetensors']],
      ['run/second', ['run/second/adapter_config.json', 'run/second/adapter_model.safetensors']],
    ]);
  });

  it('a weights file named on its own brings its config along', async () => {
    const dir = await scratchDir();
    await writeAdapterFolder(join(dir, 'run'), { tensors: llamaLora(1) });
    const { plans } = await discoverAdapters({ cwd: dir, paths: ['run/adapter_model.safetensors'] });
    expect(plans.map((p) => p.path)).toEqual(['run']);
    expect(plans[0]!.config).not.toBeNull();
  });

  it('a weights file an adapter folder links to belongs to that adapter, not linted again on its own', async () => {
    const dir = await scratchDir();
    await writeWeightsFile(join(dir, 'shared/weights.safetensors'), llamaLora(1));
    await writeWeightsFile(join(dir, 'shared/other.safetensors'), llamaLora(1));
    for (const run of ['run-a', 'run-b']) {
      await writeAdapterFolder(join(dir, run), { tensors: [] });
      await rm(join(dir, run, 'adapter_model.safetensors'));
      await symlink('../shared/weights.safetensors', join(dir, run, 'adapter_model.safetensors'));
    }
    const { plans } = await discoverAdapters({ cwd: dir, paths: [] });
    expect(plans.map((p) => [p.path, p.owns])).toEqual([
      [
        'run-a',
        ['run-a/adapter_config.json', 'run-a/adapter_model.safetensors', 'shared/weights.safetensors'],
      ],
      [
        'run-b',
        ['run-b/adapter_config.json', 'run-b/adapter_model.safetensors', 'shared/weights.safetensors'],
      ],
      ['shared/other.safetensors', ['shared/other.safetensors']],
    ]);
    // Named on its own, the target is still linted (the user asked for that file).
    const alone = await discoverAdapters({ cwd: dir, paths: ['shared/weights.safetensors'] });
    expect(alone.plans.map((p) => p.path)).toEqual(['shared/weights.safetensors']);
    const report = await lint({ cwd: dir, paths: [], threads: 0 });
    expect(report.findings.filter((f) => f.ruleId === 'AL401').map((f) => f.file)).toEqual([
      'shared/other.safetensors',
    ]);
  });

  it("folds a config-less link to an adapter's weights the same way whether or not the working folder is a link", async () => {
    const real = await scratchDir();
    await writeAdapterFolder(join(real, 'a'), { tensors: llamaLora(1) });
    await symlink('a/adapter_model.safetensors', join(real, 'loose.safetensors'));
    const linkedCwd = join(await scratchDir(), 'work');
    await symlink(real, linkedCwd);
    for (const cwd of [real, linkedCwd]) {
      const { plans } = await discoverAdapters({ cwd, paths: [] });
      expect(plans.map((p) => [p.path, p.owns])).toEqual([
        ['a', ['a/adapter_config.json', 'a/adapter_model.safetensors', 'loose.safetensors']],
      ]);
    }
  });

  it('never descends into a symlinked folder outside the root, and marks it unsafe', async () => {
    const dir = await scratchDir();
    const outside = await scratchDir();
    await writeAdapterFolder(outside, { tensors: llamaLora(1) });
    await mkdir(join(dir, 'adapters'));
    await symlink(outside, join(dir, 'adapters/linked'));
    const { plans } = await discoverAdapters({ cwd: dir, paths: [] });
    expect(plans).toHaveLength(1);
    expect(plans[0]!.path).toBe('adapters/linked');
    expect(plans[0]!.weights[0]!.refusal?.kind).toBe('outside');
  });

  it('a dangling symlink under a folder named "outside" is missing, not outside', async () => {
    const dir = await scratchDir();
    await mkdir(join(dir, 'outside-runs/run'), { recursive: true });
    await writeFile(join(dir, 'outside-runs/run/adapter_config.json'), '{}');
    await symlink('gone.safetensors', join(dir, 'outside-runs/run/adapter_model.safetensors'));
    for (const paths of [[], ['outside-runs/run/adapter_model.safetensors']]) {
      const { plans } = await discoverAdapters({ cwd: dir, paths });
      expect(plans.map((p) => p.path)).toEqual(['outside-runs/run']);
      expect(plans[0]!.weights[0]!.refusal?.kind).toBe('missing');
      expect(plans[0]!.config!.refusal).toBeNull();
    }
  });

  it('a file named explicitly that is no adapter candidate is skipped with a notice', async () => {
    const dir = await scratchDir();
    await writeAdapterFolder(join(dir, 'run'), { tensors: llamaLora(1) });
    await writeFile(join(dir, 'package.json'), '{"name": "x"}');
    await writeFile(join(dir, 'run/config.json'), '{}');
    const { plans, notices } = await discoverAdapters({
      cwd: dir,
      paths: ['package.json', 'run/config.json', 'run/adapter_config.json'],
    });
    expect(plans.map((p) => p.path)).toEqual(['run']);
    expect(plans[0]!.owns).toEqual(['run/adapter_config.json', 'run/adapter_model.safetensors']);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/^package\.json: not an adapter file \(/);
    expect(notices[1]).toMatch(/^run\/config\.json: not an adapter file \(/);
  });

  it('a trainer pickle named explicitly is still linted; a folder walk leaves it out', async () => {
    const dir = await scratchDir();
    await writeFile(join(dir, 'training_args.bin'), Buffer.from([0x80, 0x04, 0x2e]));
    const named = await discoverAdapters({ cwd: dir, paths: ['training_args.bin'] });
    expect(named.plans.map((p) => p.path)).toEqual(['training_args.bin']);
    expect(named.notices).toEqual([]);
    expect((await discoverAdapters({ cwd: dir, paths: [] })).plans).toEqual([]);
  });

  it('a glob that matches nothing is a usage error naming the pattern', async () => {
    const dir = await scratchDir();
    await writeAdapterFolder(join(dir, 'run'), { tensors: llamaLora(1) });
    const run = discoverAdapters({ cwd: dir, paths: ['runs/*.safetensors'] });
    await expect(run).rejects.toBeInstanceOf(LintInputError);
    await expect(run).rejects.toThrow('runs/*.safetensors: no files match this pattern');
    // A glob that matches is fine, and a folder with no adapters is no error.
    await mkdir(join(dir, 'empty'));
    const ok = await discoverAdapters({ cwd: dir, paths: ['run/*.safetensors', 'empty'] });
    expect(ok.plans.map((p) => p.path)).toEqual(['run']);
  });
});

describe('the pre-commit hook', () => {
  it('passes adapter candidates only, never package.json, tsconfig.json or other .bin / .pt files', async () => {
    const yaml = await readFile(new URL('../../.pre-commit-hooks.yaml', import.meta.url), 'utf8');
    const files = new RegExp(/^\s*files:\s*(.+)$/m.exec(yaml)![1]!.trim());
    const passed = [
      'adapter_config.json',
      'run/adapter_config.json',
      'run/adapter_model.safetensors',
      'loras/style.safetensors',
      'run/adapter_model.safetensors.index.json',
      'run/adapter_model.bin',
      'pytorch_lora_weights.bin',
    ];
    const skipped = [
      'package.json',
      'tsconfig.json',
      'run/config.json',
      'my_adapter_config.json',
      'x.bin.txt',
      // Tokenizers, datasets, firmware, other models' checkpoints: not adapters, and not all pickles.
      'data/vocab.bin',
      'pytorch_model.bin',
      'x.pt',
      'model.ckpt',
    ];
    expect(passed.filter((f) => !files.test(f))).toEqual([]);
    expect(skipped.filter((f) => files.test(f))).toEqual([]);
  });
});
