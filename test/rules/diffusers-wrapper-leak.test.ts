// AL205 in diffusers files: PEFT's `base_model.model.` after the component prefix (as some trainers export
// `transformer.base_model.model.transformer_blocks…`). diffusers strips only the component, so no module
// matches and nothing loads; --fix keeps the component and drops the wrapper.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixAdapters } from '../../src/fix/index.js';
import { fixDiffusersKey } from '../../src/fix/key-fixes.js';
import { lint } from '../../src/lint.js';
import { openSafetensors } from '../../src/safetensors/index.js';
import { diffusersLora, renameTensors, writeWeightsFile } from '../helpers/adapters.js';
import type { TensorSpec } from '../helpers/safetensors.js';
import { findingsOf, lintScratch, scratchDir } from './lint-folder.js';

const FILE = 'lora/pytorch_lora_weights.safetensors';
const clean: TensorSpec[] = [
  ...diffusersLora('transformer.transformer_blocks.0.attn.to_q', 'peft'),
  ...diffusersLora('transformer.transformer_blocks.0.attn.to_k', 'peft'),
  ...diffusersLora('unet.down_blocks.0.attentions.0.proj_in', 'new'),
];
const leak = (name: string) => name.replace(/^(transformer|unet)\./, '$1.base_model.model.');

async function lintFile(tensors: TensorSpec[]) {
  return lintScratch((dir) => writeWeightsFile(join(dir, FILE), tensors, { format: 'pt' }));
}

async function hashes(path: string): Promise<Map<string, string>> {
  const file = await openSafetensors(path);
  try {
    const out = new Map<string, string>();
    for (const info of file.header.tensors.values()) {
      out.set(
        info.name,
        createHash('sha256')
          .update(await file.readBytes(info.start, info.byteLength))
          .digest('hex'),
      );
    }
    return out;
  } finally {
    await file.close();
  }
}

describe("AL205: PEFT's wrapper inside diffusers keys", () => {
  it('fires once for the file, counting every leaked key of every family, and names one', async () => {
    const report = await lintFile(renameTensors(clean, leak));
    const found = findingsOf(report, 'AL205');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('error');
    expect(found[0]!.file).toBe(FILE);
    expect(found[0]!.data).toEqual({ segment: 'base_model.model', count: 6 });
    expect(found[0]!.message).toContain('transformer.base_model.model.transformer_blocks.0.attn.to_');
    expect(found[0]!.message).toContain('diffusers strips only the component prefix');
  });

  it('leaves a correct diffusers file alone, and counts only the leaked keys of a mixed one', async () => {
    expect(findingsOf(await lintFile(clean), 'AL205')).toEqual([]);
    const mixed = clean.map((t) => (t.name.startsWith('transformer.') ? { ...t, name: leak(t.name) } : t));
    expect(findingsOf(await lintFile(mixed), 'AL205')[0]!.data).toEqual({
      segment: 'base_model.model',
      count: 4,
    });
  });

  it('--fix drops the wrapper, keeps the component and every tensor, and the file then lints clean', async () => {
    const dir = await scratchDir();
    const path = join(dir, FILE);
    await writeWeightsFile(path, renameTensors(clean, leak), { format: 'pt' });
    const before = await hashes(path);
    const result = await fixAdapters({ cwd: dir, paths: [], dryRun: false });
    expect(result.failures).toEqual([]);
    expect(result.changedFiles).toBe(1);
    const after = await hashes(path);
    expect([...after.keys()].sort()).toEqual(clean.map((t) => t.name).sort());
    for (const t of clean) expect(after.get(t.name)).toBe(before.get(leak(t.name)));
    const report = await lint({ cwd: dir, paths: [], threads: 0 });
    expect(report.findings.map((f) => f.ruleId)).toEqual([]);
  });

  it('fixDiffusersKey: doubled wrappers go too, other defects are fixed as PEFT keys, AL205 off keeps it', () => {
    const key = 'transformer.base_model.model.base_model.model.blocks.0.attn.to_q.lora_A.default.weight';
    expect(fixDiffusersKey(key)).toEqual({
      to: 'transformer.blocks.0.attn.to_q.lora_A.weight',
      rules: ['AL202', 'AL205'],
      leftAlone: [],
    });
    expect(fixDiffusersKey('base_model.model.mid_block.attn.to_v.lora.down.weight').to).toBe(
      'mid_block.attn.to_v.lora.down.weight',
    );
    expect(fixDiffusersKey('unet.mid_block.attn.to_v.lora.down.weight').rules).toEqual([]);
    const off = fixDiffusersKey(
      'transformer.base_model.model.blocks.0.lora_A.weight',
      (rule) => rule !== 'AL205',
    );
    expect(off.to).toBe('transformer.base_model.model.blocks.0.lora_A.weight');
    expect(off.rules).toEqual([]);
  });
});
