import { describe, expect, it } from 'vitest';
import { canonicalPeftKey, parsePeftKey } from '../../src/adapter/peft-key.js';

describe('PEFT key grammar', () => {
  it('splits a saved key into prefix, module, part and suffix', () => {
    const key = parsePeftKey('base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight');
    expect(key).toMatchObject({
      prefixCount: 1,
      module: 'model.layers.0.self_attn.q_proj',
      part: 'lora_A',
      suffix: 'weight',
      adapterNames: [],
      wrappers: [],
    });
  });

  it('reads embedding and DoRA parts without .weight', () => {
    expect(parsePeftKey('base_model.model.model.embed_tokens.lora_embedding_A')).toMatchObject({
      module: 'model.embed_tokens',
      part: 'lora_embedding_A',
      suffix: '',
      adapterNames: [],
    });
    expect(parsePeftKey('base_model.model.x.q_proj.lora_magnitude_vector').part).toBe(
      'lora_magnitude_vector',
    );
    expect(parsePeftKey('base_model.model.x.q_proj.lora_B.bias')).toMatchObject({
      part: 'lora_B',
      suffix: 'bias',
    });
  });

  it('finds any adapter name left in a key, and doubled names', () => {
    expect(parsePeftKey('base_model.model.x.q_proj.lora_A.default.weight').adapterNames).toEqual(['default']);
    expect(parsePeftKey('base_model.model.x.q_proj.lora_B.my_task.weight').adapterNames).toEqual(['my_task']);
    expect(parsePeftKey('base_model.model.x.q_proj.lora_A.default.default.weight').adapterNames).toEqual([
      'default',
      'default',
    ]);
    expect(parsePeftKey('unet.x.to_q.lora_A.default_0.weight').adapterNames).toEqual(['default_0']);
    expect(parsePeftKey('base_model.model.e.lora_embedding_B.foo').adapterNames).toEqual(['foo']);
  });

  it('counts missing and doubled prefixes', () => {
    expect(parsePeftKey('model.layers.0.q_proj.lora_A.weight').prefixCount).toBe(0);
    expect(parsePeftKey('base_model.model.base_model.model.model.q_proj.lora_A.weight')).toMatchObject({
      prefixCount: 2,
      module: 'model.q_proj',
    });
  });

  it('finds wrapper segments and strips them from the module path', () => {
    expect(parsePeftKey('module.base_model.model.x.q_proj.lora_A.weight')).toMatchObject({
      wrappers: ['module'],
      module: 'x.q_proj',
    });
    expect(parsePeftKey('base_model.model._orig_mod.x.q_proj.lora_A.weight').wrappers).toEqual(['_orig_mod']);
    expect(parsePeftKey('base_model.model.x._fsdp_wrapped_module.q_proj.lora_B.weight')).toMatchObject({
      wrappers: ['_fsdp_wrapped_module'],
      module: 'x.q_proj',
    });
    expect(parsePeftKey('base_model.model.score.modules_to_save.default.weight')).toMatchObject({
      wrappers: ['modules_to_save'],
      adapterNames: ['default'],
      module: 'score',
      suffix: 'weight',
    });
    expect(parsePeftKey('base_model.model.score.original_module.weight').wrappers).toEqual([
      'original_module',
    ]);
  });

  it('keeps what PEFT saves under base_layer as the suffix', () => {
    expect(parsePeftKey('base_model.model.x.q_proj.base_layer.bias')).toMatchObject({
      module: 'x.q_proj',
      part: null,
      suffix: 'base_layer.bias',
      wrappers: ['base_layer'],
    });
    expect(
      parsePeftKey('base_model.model.model.embed_tokens.token_adapter.trainable_tokens_delta'),
    ).toMatchObject({
      module: 'model.embed_tokens',
      suffix: 'token_adapter.trainable_tokens_delta',
    });
  });

  it('rebuilds the key PEFT would save', () => {
    const fix = (k: string) => canonicalPeftKey(parsePeftKey(k));
    expect(fix('module.base_model.model.base_model.model.x.q_proj.lora_A.default.default.weight')).toBe(
      'base_model.model.x.q_proj.lora_A.weight',
    );
    expect(fix('x.embed.lora_embedding_A.default')).toBe('base_model.model.x.embed.lora_embedding_A');
    expect(fix('base_model.model.score.modules_to_save.default.weight')).toBe(
      'base_model.model.score.weight',
    );
  });
});
