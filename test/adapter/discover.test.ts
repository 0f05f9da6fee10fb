import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverAdapters } from '../../src/adapter/discover.js';
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

  it('never descends into a symlinked folder outside the root, and marks it unsafe', async () => {
    const dir = await scratchDir();
    const outside = await scratchDir();
    await writeAdapterFolder(outside, { tensors: llamaLora(1) });
    await mkdir(join(dir, 'adapters'));
    await symlink(outside, join(dir, 'adapters/linked'));
    const { plans } = await discoverAdapters({ cwd: dir, paths: [] });
    expect(plans).toHaveLength(1);
    expect(plans[0]!.path).toBe('adapters/linked');
    expect(plans[0]!.weights[0]!.unsafe).toMatch(/outside/);
  });
});
