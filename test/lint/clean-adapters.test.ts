// Correct adapters of every kind PEFT, kohya and diffusers write get no finding at all.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  convLora,
  diffusersLora,
  doraLora,
  embeddingLora,
  kohyaLora,
  linearLora,
  llamaLora,
  PEFT_PREFIX,
  peftConfig,
  writeAdapterFolder,
  writeWeightsFile,
} from '../helpers/adapters.js';
import { randomValues } from '../helpers/safetensors.js';
import { lintScratch } from '../rules/lint-folder.js';

const full = (name: string, shape: number[]) => ({
  name,
  shape,
  data: randomValues(
    shape.reduce((a, b) => a * b, 1),
    name.length,
    1,
  ),
});

const variants: Record<string, (dir: string) => Promise<void>> = {
  'Llama q/v': (dir) => writeAdapterFolder(dir, { tensors: llamaLora(2) }),
  'GPT-2 Conv1D with fan_in_fan_out': (dir) =>
    writeAdapterFolder(dir, {
      tensors: [0, 1].flatMap((i) =>
        linearLora(`transformer.h.${i}.attn.c_attn`, { inFeatures: 16, outFeatures: 48 }),
      ),
      config: peftConfig({ target_modules: ['c_attn'], fan_in_fan_out: true }),
    }),
  DoRA: (dir) =>
    writeAdapterFolder(dir, {
      tensors: [
        ...doraLora('model.layers.0.self_attn.q_proj'),
        ...doraLora('model.layers.0.self_attn.v_proj'),
      ],
      config: peftConfig({ use_dora: true }),
    }),
  'embeddings with save_embedding_layers': (dir) =>
    writeAdapterFolder(dir, {
      tensors: [
        ...llamaLora(1),
        ...embeddingLora('model.embed_tokens'),
        full(`${PEFT_PREFIX}model.embed_tokens.base_layer.weight`, [32, 16]),
        ...linearLora('lm_head', { outFeatures: 32 }),
        full(`${PEFT_PREFIX}lm_head.base_layer.weight`, [32, 16]),
      ],
      config: peftConfig({ target_modules: ['q_proj', 'v_proj', 'embed_tokens', 'lm_head'] }),
    }),
  'modules_to_save with suffix matching and task heads': (dir) =>
    writeAdapterFolder(dir, {
      tensors: [
        ...llamaLora(1),
        full(`${PEFT_PREFIX}pre_classifier.weight`, [16, 16]),
        full(`${PEFT_PREFIX}pre_classifier.bias`, [16]),
        full(`${PEFT_PREFIX}score.weight`, [2, 16]),
      ],
      config: peftConfig({ task_type: 'SEQ_CLS', modules_to_save: ['classifier', 'score'] }),
    }),
  'bias=all': (dir) =>
    writeAdapterFolder(dir, {
      tensors: [
        ...llamaLora(1),
        full(`${PEFT_PREFIX}model.layers.0.self_attn.q_proj.base_layer.bias`, [16]),
        full(`${PEFT_PREFIX}model.layers.0.self_attn.k_proj.bias`, [16]),
      ],
      config: peftConfig({ bias: 'all' }),
    }),
  'bias=lora_only': (dir) =>
    writeAdapterFolder(dir, {
      tensors: [...llamaLora(1), full(`${PEFT_PREFIX}model.layers.0.self_attn.q_proj.base_layer.bias`, [16])],
      config: peftConfig({ bias: 'lora_only' }),
    }),
  lora_bias: (dir) =>
    writeAdapterFolder(dir, {
      tensors: [
        ...linearLora('model.layers.0.self_attn.q_proj'),
        full(`${PEFT_PREFIX}model.layers.0.self_attn.q_proj.lora_B.bias`, [16]),
      ],
      config: peftConfig({ target_modules: ['q_proj'], lora_bias: true }),
    }),
  'rsLoRA with rank_pattern and alpha_pattern': (dir) =>
    writeAdapterFolder(dir, {
      tensors: [
        ...linearLora('model.layers.0.self_attn.q_proj'),
        ...linearLora('model.layers.1.self_attn.q_proj', { rank: 8 }),
      ],
      config: peftConfig({
        target_modules: ['q_proj'],
        use_rslora: true,
        rank_pattern: { 'layers.1.self_attn.q_proj': 8 },
        alpha_pattern: { 'model.layers.1.self_attn.q_proj': 16 },
      }),
    }),
  'trainable tokens': (dir) =>
    writeAdapterFolder(dir, {
      tensors: [
        ...llamaLora(1),
        full(`${PEFT_PREFIX}model.embed_tokens.token_adapter.trainable_tokens_delta`, [2, 16]),
      ],
      config: peftConfig({ trainable_token_indices: [5, 6] }),
    }),
  'conv 4-D': (dir) =>
    writeAdapterFolder(dir, {
      tensors: [
        ...convLora('down_blocks.0.resnets.0.conv1'),
        ...convLora('down_blocks.0.resnets.0.conv2', { kernel: 1 }),
      ],
      config: peftConfig({ target_modules: ['conv1', 'conv2'] }),
    }),
  'regex target_modules': (dir) =>
    writeAdapterFolder(dir, {
      tensors: llamaLora(1),
      config: peftConfig({ target_modules: '.*\\.(q_proj|v_proj)' }),
    }),
  'layers_to_transform with a list': (dir) =>
    writeAdapterFolder(dir, {
      tensors: llamaLora(1),
      config: peftConfig({ layers_to_transform: [0], layers_pattern: 'layers' }),
    }),
  'PEFT sub-folder per extra adapter name': async (dir) => {
    await writeAdapterFolder(dir, { tensors: llamaLora(1) });
    await writeAdapterFolder(join(dir, 'other'), { tensors: llamaLora(1, { seed: 9 }) });
  },
  'kohya with alphas': (dir) =>
    writeWeightsFile(
      join(dir, 'style.safetensors'),
      [
        ...kohyaLora('lora_unet_down_blocks_0_attentions_0_proj_in'),
        ...kohyaLora('lora_te1_text_model_encoder_layers_0_self_attn_q_proj', { alpha: 1 }),
      ],
      { ss_network_module: 'networks.lora' },
    ),
  'diffusers with component prefixes': (dir) =>
    writeWeightsFile(join(dir, 'pytorch_lora_weights.safetensors'), [
      ...diffusersLora('unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q', 'peft'),
      ...diffusersLora('text_encoder.text_model.encoder.layers.0.self_attn.q_proj', 'peft'),
    ]),
  'diffusers lora.down/up': (dir) =>
    writeWeightsFile(
      join(dir, 'pytorch_lora_weights.safetensors'),
      diffusersLora('unet.mid_block.attentions.0.proj_in', 'new'),
    ),
  'diffusers attention processors': (dir) =>
    writeWeightsFile(
      join(dir, 'pytorch_lora_weights.safetensors'),
      ['to_q', 'to_k', 'to_v', 'to_out'].flatMap((p) =>
        diffusersLora(`mid_block.attentions.0.transformer_blocks.0.attn1.processor.${p}`, 'processor'),
      ),
    ),
};

describe('correct adapters get no finding at all', () => {
  for (const [name, build] of Object.entries(variants)) {
    it(name, async () => {
      const report = await lintScratch((dir) => build(join(dir, 'adapter')));
      expect(report.findings).toEqual([]);
      expect(report.adapters.length).toBeGreaterThan(0);
      for (const adapter of report.adapters) expect(adapter.modules).toBeGreaterThan(0);
    });
  }

  it('all of them together, with the pool', async () => {
    const report = await lintScratch(
      async (dir) => {
        for (const [i, build] of Object.values(variants).entries()) await build(join(dir, `v${i}`));
      },
      { threads: 2 },
    );
    expect(report.findings).toEqual([]);
    expect(report.adapters.map((a) => a.layout)).toContain('kohya');
    expect(report.adapters.map((a) => a.layout)).toContain('diffusers');
  });
});
