import { describe, expect, it } from 'vitest';
import { parseDiffusersKey } from '../../src/adapter/diffusers-key.js';
import { parseKohyaKey } from '../../src/adapter/kohya-key.js';
import { detectLayout } from '../../src/adapter/layout.js';
import { fixKohyaKey } from '../../src/fix/key-fixes.js';

describe('layout detection', () => {
  it('PEFT, kohya, diffusers (component prefixes, lora.down/up, attention processors)', () => {
    expect(detectLayout(['base_model.model.x.q_proj.lora_A.weight'], false).layout).toBe('peft');
    expect(detectLayout(['lora_unet_x.lora_down.weight', 'lora_unet_x.alpha'], false).layout).toBe('kohya');
    expect(detectLayout(['lora_te1_text_model_x.lora_up.weight'], false).layout).toBe('kohya');
    expect(detectLayout(['unet.a.to_q.lora_A.weight'], false).layout).toBe('diffusers');
    expect(detectLayout(['transformer.a.to_q.lora.down.weight'], false).layout).toBe('diffusers');
    expect(detectLayout(['a.attn1.processor.to_k_lora.down.weight'], false).layout).toBe('diffusers');
  });

  it('unprefixed PEFT parts: PEFT (missing prefix) beside a config, diffusers without one', () => {
    expect(detectLayout(['model.q_proj.lora_A.weight'], true).layout).toBe('peft');
    expect(detectLayout(['model.q_proj.lora_A.weight'], false).layout).toBe('diffusers');
  });

  it('says what it saw when nothing matches', () => {
    const guess = detectLayout(['w_a_000', 'w_b_000'], false);
    expect(guess.layout).toBe('unrecognized');
    expect(guess.note).toContain('`w_a_000`');
    expect(detectLayout(['model.layers.0.q_proj.lora_a'], false).note).toContain('MLX');
  });
});

describe('kohya and diffusers keys', () => {
  it('kohya parts and malformed keys', () => {
    expect(parseKohyaKey('lora_unet_x.lora_down.weight')).toMatchObject({
      module: 'lora_unet_x',
      part: 'lora_down',
      malformed: null,
    });
    expect(parseKohyaKey('lora_unet_unet_x.lora_up.weight').malformed).toMatch(/doubled/);
    expect(parseKohyaKey('lora_unet_x_lora_down.weight').malformed).toMatch(/`_lora_down`/);
  });

  it('XLabs Flux keys: numbered attention processors, 1 the image stream and 2 the text stream', () => {
    const keys = ['qkv_lora1', 'proj_lora1', 'qkv_lora2', 'proj_lora2'].flatMap((p) =>
      ['down', 'up'].map((part) => `double_blocks.0.processor.${p}.${part}.weight`),
    );
    expect(detectLayout(keys, false).layout).toBe('diffusers');
    expect([...new Set(keys.map((k) => parseDiffusersKey(k).module))]).toEqual([
      'double_blocks.0.img_attn.qkv',
      'double_blocks.0.img_attn.proj',
      'double_blocks.0.txt_attn.qkv',
      'double_blocks.0.txt_attn.proj',
    ]);
  });

  it('Stable Cascade kohya keys (lora_prior_unet_, lora_prior_te_) are kohya', () => {
    expect(
      detectLayout(
        [
          'lora_prior_unet_down_blocks_0_2_attention_attn_out_proj.lora_down.weight',
          'lora_prior_unet_down_blocks_0_2_attention_attn_out_proj.lora_up.weight',
          'lora_prior_te_text_model_encoder_layers_0_self_attn_q_proj.alpha',
        ],
        false,
      ).layout,
    ).toBe('kohya');
  });

  it('a diffusers transformer_blocks module is not a doubled component (OneTrainer Flux/SD3 keys)', () => {
    // diffusers' kohya converter maps lora_transformer_transformer_blocks_N to transformer_blocks.N.
    for (const key of [
      'lora_transformer_transformer_blocks_0_attn_to_q.lora_down.weight',
      'lora_transformer_single_transformer_blocks_0_attn_to_q.lora_up.weight',
    ])
      expect(parseKohyaKey(key).malformed).toBeNull();
    for (const key of [
      'lora_transformer_transformer_transformer_blocks_0_attn_to_q.lora_down.weight',
      'lora_transformer_transformer_single_transformer_blocks_0_attn_to_q.lora_down.weight',
      'lora_transformer_lora_transformer_blocks_0_attn_to_q.lora_down.weight',
    ])
      expect(parseKohyaKey(key).malformed).toMatch(/doubled/);
    expect(fixKohyaKey('lora_transformer_transformer_blocks_0_ff_net_0_proj.alpha').to).toBe(
      'lora_transformer_transformer_blocks_0_ff_net_0_proj.alpha',
    );
    expect(fixKohyaKey('lora_transformer_transformer_transformer_blocks_0_ff_net_0_proj.alpha').to).toBe(
      'lora_transformer_transformer_blocks_0_ff_net_0_proj.alpha',
    );
  });

  it('diffusers module paths per family', () => {
    expect(parseDiffusersKey('down_blocks.0.attn1.processor.to_out_lora.up.weight')).toMatchObject({
      module: 'down_blocks.0.attn1.to_out.0',
      part: 'up',
      family: 'processor',
    });
    expect(parseDiffusersKey('text_encoder.m.q_proj.lora_linear_layer.down.weight')).toMatchObject({
      component: 'text_encoder',
      module: 'm.q_proj',
      part: 'down',
    });
    expect(parseDiffusersKey('unet.m.to_q.lora_B.weight')).toMatchObject({
      component: 'unet',
      module: 'm.to_q',
      part: 'up',
    });
  });
});
