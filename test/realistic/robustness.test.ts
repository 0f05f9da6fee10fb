// Odd but valid inputs never crash the engine, pathological patterns never hang it, and findings name the file.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAdapterFolder, writeWeightsFile } from '../helpers/adapters.js';
import type { TensorSpec } from '../helpers/safetensors.js';
import { buildSafetensors } from '../helpers/safetensors.js';
import { lintScratch } from '../rules/lint-folder.js';
import { llamaLayers, P, pair, peft018Config, pythonJson, tensor } from './peft-files.js';

const folder = (config: Record<string, unknown>, tensors: TensorSpec[]) => (dir: string) =>
  writeAdapterFolder(join(dir, 'adapter'), { config: pythonJson(config), tensors });

describe('odd inputs', () => {
  it('a standalone safetensors file with zero tensors is a note', async () => {
    const report = await lintScratch((dir) => writeWeightsFile(join(dir, 'empty.safetensors'), []));
    expect(report.findings.map((f) => [f.ruleId, f.file])).toEqual([['AL210', 'empty.safetensors']]);
  });

  it('scalar, 1-D and 3-D/2-D LoRA factors are AL207, naming the tensor', async () => {
    const report = await lintScratch(
      folder(peft018Config({ target_modules: ['q_proj', 'k_proj', 'v_proj'] }), [
        { name: `${P}model.layers.0.self_attn.q_proj.lora_A.weight`, shape: [], data: [1] },
        { name: `${P}model.layers.0.self_attn.q_proj.lora_B.weight`, shape: [], data: [1] },
        tensor(`${P}model.layers.0.self_attn.k_proj.lora_A.weight`, [8]),
        tensor(`${P}model.layers.0.self_attn.k_proj.lora_B.weight`, [8]),
        tensor(`${P}model.layers.0.self_attn.v_proj.lora_A.weight`, [8, 16, 3]),
        tensor(`${P}model.layers.0.self_attn.v_proj.lora_B.weight`, [8, 8]),
      ]),
    );
    expect(report.findings.map((f) => [f.ruleId, f.tensor])).toEqual([
      ['AL207', `${P}model.layers.0.self_attn.k_proj.lora_A.weight`],
      ['AL207', `${P}model.layers.0.self_attn.q_proj.lora_A.weight`],
      ['AL207', `${P}model.layers.0.self_attn.v_proj.lora_B.weight`],
    ]);
    for (const f of report.findings) expect(f.file).toBe('adapter/adapter_model.safetensors');
  });

  it('a header of 140,000 empty factors gives its 280,000 findings, and the other file of the run its own', async () => {
    // More findings than a function call takes arguments: push(...findings) threw RangeError and lost the run.
    const tensors: TensorSpec[] = [];
    for (let i = 0; i < 140_000; i++)
      tensors.push({ name: `${P}model.layers.${i}.self_attn.q_proj.lora_A.weight`, shape: [0, 8] });
    const report = await lintScratch(async (dir) => {
      await folder(peft018Config({ target_modules: ['q_proj'] }), tensors)(dir);
      await mkdir(join(dir, 'other'));
      await writeFile(join(dir, 'other/broken.safetensors'), Buffer.from([1, 2, 3]));
    });
    expect(report.findings.filter((f) => f.ruleId === 'AL106')).toHaveLength(140_000);
    expect(report.findings.filter((f) => f.ruleId === 'AL101').map((f) => f.file)).toEqual([
      'other/broken.safetensors',
    ]);
  }, 60_000);

  it('a .safetensors file whose first bytes look like a pickle but whose length prefix the reference reads is AL101', async () => {
    const report = await lintScratch(async (dir) => {
      await writeFile(join(dir, 'a.safetensors'), Buffer.from([0x80, 0x02, 0, 0, 0, 0, 0, 0, 0x7b, 0x7d]));
      await writeFile(join(dir, 'b.safetensors'), Buffer.from([0x80, 0x02, 0x7d, 0x71, 0, 0x28, 0x58, 1, 2]));
    });
    expect(report.findings.map((f) => [f.ruleId, f.file, f.data?.code])).toEqual([
      ['AL101', 'a.safetensors', 'InvalidHeaderLength'],
      ['AL103', 'b.safetensors', undefined],
    ]);
  });

  it('a kohya .alpha stored as C64 (valid for the reference reader) is no reason for AL101', async () => {
    const name = 'lora_unet_down_blocks_0_attentions_0_proj_in';
    const report = await lintScratch((dir) =>
      writeWeightsFile(join(dir, 'lora.safetensors'), [
        { name: `${name}.lora_down.weight`, shape: [4, 16], data: new Float32Array(64).fill(0.1) },
        { name: `${name}.lora_up.weight`, shape: [16, 4], data: new Float32Array(64).fill(0.1) },
        { name: `${name}.alpha`, dtype: 'C64', shape: [], data: new Uint8Array(8) },
      ]),
    );
    expect(report.findings.filter((f) => f.ruleId === 'AL101')).toEqual([]);
  });

  it('20,000 modules in one file', async () => {
    const tensors: TensorSpec[] = [];
    for (let i = 0; i < 20000; i++) {
      tensors.push({ name: `${P}model.layers.${i}.proj.lora_A.weight`, shape: [1, 1], data: [0.5] });
      tensors.push({ name: `${P}model.layers.${i}.proj.lora_B.weight`, shape: [1, 1], data: [0.5] });
    }
    const report = await lintScratch(folder(peft018Config({ r: 1, target_modules: ['proj'] }), tensors));
    expect(report.findings).toEqual([]);
    expect(report.adapters[0]!.modules).toBe(20000);
  }, 60_000);

  it('__proto__, constructor and unicode module names are plain names', async () => {
    const report = await lintScratch(
      folder(
        peft018Config({
          target_modules: ['q_proj'],
          rank_pattern: { __proto__: 4, constructor: 4 },
          modules_to_save: ['toString'],
        }),
        [
          ...pair(`${P}__proto__.q_proj`, 8, 16, 16),
          ...pair(`${P}constructor.q_proj`, 8, 16, 16),
          ...pair(`${P}模型.层.0.q_proj`, 8, 16, 16),
          tensor(`${P}toString.weight`, [4, 4]),
        ],
      ),
    );
    expect(report.findings).toEqual([]);
  });

  it('a __proto__ tensor name in a kohya-looking file does not crash', async () => {
    const report = await lintScratch(async (dir) => {
      await mkdir(dir, { recursive: true });
      await writeFile(
        join(dir, 'x.safetensors'),
        buildSafetensors([tensor('__proto__', [2]), tensor('lora_unet___proto__.alpha', [])]),
      );
    });
    expect(report.adapters).toHaveLength(1);
    for (const f of report.findings) expect(f.file).toBe('x.safetensors');
  });
});

describe('target_modules patterns PEFT accepts', () => {
  it('a repeated alternation that backtracks exponentially ends in time, with no guess reported', async () => {
    // Unguarded, this match takes minutes: the test's own timeout is the assertion that it ends.
    const name = `${'a'.repeat(40)}!`;
    const report = await lintScratch(
      folder(peft018Config({ target_modules: '(a|a)*' }), [...pair(`${P}${name}`, 8, 16, 16)]),
    );
    expect(report.findings).toEqual([]);
  }, 30_000);

  it('dot-delimited repetition is accepted and matched', async () => {
    const ok = await lintScratch(
      folder(
        peft018Config({ target_modules: 'model\\.(layers\\.\\d+\\.)+self_attn\\.(\\w+\\.)*q_proj' }),
        llamaLayers(1, ['q_proj'], 8),
      ),
    );
    expect(ok.findings).toEqual([]);
    const missed = await lintScratch(
      folder(
        peft018Config({ target_modules: 'model\\.(layers\\.\\d+\\.)+self_attn\\.q_proj' }),
        llamaLayers(1, ['q_proj', 'v_proj'], 8),
      ),
    );
    expect(missed.findings.map((f) => [f.ruleId, f.tensor])).toEqual([
      ['AL208', `${P}model.layers.0.self_attn.v_proj.lora_A.weight`],
    ]);
  });

  it('a scoped (?i:...) flag folds case only inside its group', async () => {
    const report = await lintScratch(
      folder(
        peft018Config({ target_modules: '(?i:MODEL)\\.layers\\.0\\.self_attn\\.Q_PROJ' }),
        llamaLayers(1, ['q_proj'], 8),
      ),
    );
    expect(report.findings.map((f) => f.ruleId)).toEqual(['AL208']);
  });

  it('(a+)+ and a global flag in the middle are AL402 naming the config file', async () => {
    for (const pattern of ['(a+)+$', 'q_proj(?i)']) {
      const report = await lintScratch(
        folder(peft018Config({ target_modules: pattern }), llamaLayers(1, ['q_proj'], 8)),
      );
      expect(report.findings.map((f) => [f.ruleId, f.file])).toEqual([
        ['AL402', 'adapter/adapter_config.json'],
      ]);
      expect(report.findings[0]!.message).toContain('adapter/adapter_config.json');
    }
  });
});

describe('valid PEFT adapters of other methods', () => {
  for (const [type, keys] of [
    ['LOHA', ['hada_w1_a', 'hada_w1_b', 'hada_w2_a', 'hada_w2_b']],
    ['IA3', ['ia3_l']],
  ] as const) {
    it(`${type}: peft_type is not a LoRA type (AL402, as the catalogue says) and key rules are skipped (AL210)`, async () => {
      const report = await lintScratch(
        folder(
          { peft_type: type, task_type: 'CAUSAL_LM', target_modules: ['q_proj'], inference_mode: true },
          keys.map((k) => tensor(`${P}model.layers.0.self_attn.q_proj.${k}`, [4, 4])),
        ),
      );
      expect(report.findings.map((f) => f.ruleId).sort()).toEqual(['AL210', 'AL402']);
      expect(report.findings.find((f) => f.ruleId === 'AL402')!.message).toContain(
        `peft_type is "${type}", not a LoRA type`,
      );
      expect(report.findings.find((f) => f.ruleId === 'AL210')!.message).toContain(`PEFT ${type} adapter`);
    });
  }

  it('prompt tuning (bare prompt_embeddings): AL402 for the type, AL210 for the keys', async () => {
    const report = await lintScratch(
      folder({ peft_type: 'PROMPT_TUNING', num_virtual_tokens: 8, task_type: 'CAUSAL_LM' }, [
        tensor('prompt_embeddings', [8, 16]),
      ]),
    );
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual(['AL210', 'AL402']);
  });
});
