// diffusers' lora_adapter_metadata: parsed per component, strictly, and used for the scale of each module.
import { describe, expect, it } from 'vitest';
import { parseLoraAdapterMetadata, readEmbeddedConfig } from '../../src/adapter/diffusers-metadata.js';
import { moduleConfig, moduleConfigField, moduleConfigSource } from '../../src/adapter/module-config.js';
import { moduleScaling } from '../../src/adapter/scaling.js';
import type { SafetensorsHeader } from '../../src/safetensors/types.js';
import type { Adapter, EmbeddedConfig, LoraModule, WeightsFile } from '../../src/types.js';
import { loraAdapterMetadata } from '../helpers/adapters.js';

function weightsWith(metadata: Record<string, string> | null, file = 'lora.safetensors'): WeightsFile {
  const header: SafetensorsHeader = {
    headerLength: 0,
    dataStart: 8,
    fileSize: 8,
    metadata: metadata ? new Map(Object.entries(metadata)) : null,
    tensors: new Map(),
  };
  return { file, absPath: `/x/${file}`, kind: { kind: 'safetensors' }, header };
}

function diffusersAdapter(embedded: EmbeddedConfig | undefined): Adapter {
  return {
    path: 'lora.safetensors',
    layout: 'diffusers',
    layoutNote: '',
    configFile: null,
    config: null,
    configErrors: [],
    ...(embedded ? { embeddedConfig: embedded } : {}),
    weights: [],
    fileProblems: [],
    tensors: new Map(),
    modules: [],
    stats: new Map(),
    products: new Map(),
  };
}

function module(name: string, component?: string, extra: Partial<LoraModule> = {}): LoraModule {
  return { name, kind: 'linear', rank: 4, ...(component ? { component } : {}), ...extra };
}

describe('parseLoraAdapterMetadata', () => {
  it('groups prefixed fields by component and reads each group as LoraConfig kwargs', () => {
    const parsed = parseLoraAdapterMetadata(
      loraAdapterMetadata({
        transformer: {
          r: 4,
          lora_alpha: 8,
          target_modules: ['to_q', 'to_k'],
          use_dora: false,
          rank_pattern: {},
          peft_type: 'LORA',
        },
        text_encoder: { r: 16, lora_alpha: 4, use_rslora: true, target_modules: ['q_proj'] },
      }),
    );
    expect(parsed.errors).toEqual([]);
    expect([...parsed.components.keys()].sort()).toEqual(['text_encoder', 'transformer']);
    const transformer = parsed.components.get('transformer')!;
    expect([transformer.r, transformer.loraAlpha, transformer.useRslora]).toEqual([4, 8, false]);
    expect(transformer.targetModules).toEqual(['to_q', 'to_k']);
    const textEncoder = parsed.components.get('text_encoder')!;
    expect([textEncoder.r, textEncoder.loraAlpha, textEncoder.useRslora]).toEqual([16, 4, true]);
  });

  it("bare fields (a model's save_lora_adapter) are the '' component", () => {
    const parsed = parseLoraAdapterMetadata(
      loraAdapterMetadata({ '': { r: 2, lora_alpha: 6, peft_type: 'LORA' } }),
    );
    expect(parsed.errors).toEqual([]);
    expect([...parsed.components.keys()]).toEqual(['']);
    expect(parsed.components.get('')!.loraAlpha).toBe(6);
  });

  it("missing fields take LoraConfig's defaults, as LoraConfig(**fields) does", () => {
    const parsed = parseLoraAdapterMetadata(JSON.stringify({ 'unet.target_modules': ['to_q'] }));
    expect(parsed.errors).toEqual([]);
    const unet = parsed.components.get('unet')!;
    expect([unet.peftType, unet.r, unet.loraAlpha]).toEqual(['LORA', 8, 8]);
  });

  it('junk is an error naming the defect, never a throw', () => {
    expect(parseLoraAdapterMetadata('{"transformer.r": 4,')).toEqual({
      components: new Map(),
      declared: null,
      errors: [expect.stringMatching(/^not valid JSON: /)],
    });
    expect(parseLoraAdapterMetadata('[1, 2]').errors).toEqual([
      'the top level is a list, not a JSON object of LoraConfig fields',
    ]);
    expect(parseLoraAdapterMetadata('"r=4"').errors).toEqual([
      'the top level is a string, not a JSON object of LoraConfig fields',
    ]);
    const huge = JSON.stringify({ 'transformer.note': 'x'.repeat(4 * 1024 * 1024) });
    expect(parseLoraAdapterMetadata(huge).errors[0]).toMatch(
      /^the value is \d+ bytes, over the 4194304-byte limit$/,
    );
  });

  it('a wrong field names it with its component; only that component loses its config', () => {
    const parsed = parseLoraAdapterMetadata(
      loraAdapterMetadata({
        transformer: { r: '4', lora_alpha: 8 },
        text_encoder: { r: 4, lora_alpha: 4, rank_pattern: { q_proj: 0 } },
        unet: { r: 4, lora_alpha: 4 },
      }),
    );
    expect(parsed.errors).toEqual([
      'text_encoder.rank_pattern["q_proj"] must be a positive integer, not number 0',
      'transformer.r must be a positive integer, not the string "4"',
    ]);
    expect([...parsed.components.keys()]).toEqual(['unet']);
  });

  it('null (json.loads gives None: diffusers reads no metadata) is neither a config nor an error', () => {
    expect(parseLoraAdapterMetadata('null')).toEqual({ components: new Map(), declared: null, errors: [] });
  });

  it('says which components have fields at all, broken ones included; {} declares none', () => {
    const parsed = parseLoraAdapterMetadata(
      loraAdapterMetadata({ transformer: { r: 4 }, text_encoder: { r: 'four' }, '': { lora_alpha: 2 } }),
    );
    expect([...parsed.declared!].sort()).toEqual(['', 'text_encoder', 'transformer']);
    expect([...parsed.components.keys()].sort()).toEqual(['', 'transformer']);
    expect(parseLoraAdapterMetadata('{}')).toEqual({
      components: new Map(),
      declared: new Set(),
      errors: [],
    });
    expect(parseLoraAdapterMetadata('[1]').declared).toBeNull();
  });

  it('a field named __proto__ is only a field', () => {
    const parsed = parseLoraAdapterMetadata('{"transformer.__proto__": {"r": 64}, "transformer.r": 2}');
    expect(parsed.errors).toEqual([]);
    expect(parsed.components.get('transformer')!.r).toBe(2);
  });
});

describe('readEmbeddedConfig', () => {
  it('reads the first weights file whose __metadata__ has a non-empty lora_adapter_metadata', () => {
    const metadata = loraAdapterMetadata({ transformer: { r: 4, lora_alpha: 8 } });
    const found = readEmbeddedConfig([
      weightsWith(null, 'a.safetensors'),
      weightsWith({ format: 'pt', lora_adapter_metadata: '' }, 'b.safetensors'),
      weightsWith({ format: 'pt', lora_adapter_metadata: metadata }, 'c.safetensors'),
    ]);
    expect(found?.file).toBe('c.safetensors');
    expect(found?.components.get('transformer')?.loraAlpha).toBe(8);
  });

  it('nothing without the key (or with an empty value, which diffusers skips)', () => {
    expect(readEmbeddedConfig([weightsWith({ format: 'pt' })])).toBeUndefined();
    expect(readEmbeddedConfig([weightsWith({ lora_adapter_metadata: '' })])).toBeUndefined();
  });

  it('JSON null is no metadata too (diffusers gets None and infers the config), {} is metadata', () => {
    expect(readEmbeddedConfig([weightsWith({ lora_adapter_metadata: 'null' })])).toBeUndefined();
    const empty = readEmbeddedConfig([weightsWith({ lora_adapter_metadata: '{}' })]);
    expect(empty).toEqual({
      file: 'lora.safetensors',
      components: new Map(),
      declared: new Set(),
      errors: [],
    });
  });
});

describe('the scale of a diffusers module', () => {
  const embedded = (text: string): EmbeddedConfig => {
    const parsed = parseLoraAdapterMetadata(text);
    return {
      file: 'lora.safetensors',
      components: parsed.components,
      declared: parsed.declared,
      errors: parsed.errors,
    };
  };

  it("comes from its component's config: alpha / r, alpha / sqrt(r) with use_rslora", () => {
    const adapter = diffusersAdapter(
      embedded(
        loraAdapterMetadata({
          transformer: { r: 4, lora_alpha: 8 },
          text_encoder: { r: 16, lora_alpha: 8, use_rslora: true },
        }),
      ),
    );
    expect(moduleScaling(adapter, module('transformer_blocks.0.attn.to_q', 'transformer'))).toBe(2);
    expect(
      moduleScaling(adapter, module('text_model.encoder.layers.0.self_attn.q_proj', 'text_encoder')),
    ).toBe(2);
  });

  it('rank_pattern / alpha_pattern match as PEFT matches them, inside the component', () => {
    const adapter = diffusersAdapter(
      embedded(
        loraAdapterMetadata({
          transformer: {
            r: 4,
            lora_alpha: 4,
            rank_pattern: { '^transformer_blocks.0.attn.to_q': 8 },
            alpha_pattern: { to_k: 12, 'attn.to_q': 32 },
          },
        }),
      ),
    );
    // to_q: r 8 (anchored key), alpha 32 (dotted suffix) → 4.
    expect(moduleScaling(adapter, module('transformer_blocks.0.attn.to_q', 'transformer'))).toBe(4);
    // The anchored rank key does not reach a deeper module of the same name: r 4, alpha 32 → 8.
    expect(moduleScaling(adapter, module('single.transformer_blocks.0.attn.to_q', 'transformer'))).toBe(8);
    // to_k: r 4, alpha 12 → 3; a name that only ends in the key text (add_to_k) is not matched → 1.
    expect(moduleScaling(adapter, module('transformer_blocks.0.attn.to_k', 'transformer'))).toBe(3);
    expect(moduleScaling(adapter, module('transformer_blocks.0.attn.add_to_k', 'transformer'))).toBe(1);
  });

  it('a component without a config keeps the tensor convention (.alpha / rank, else 1)', () => {
    const adapter = diffusersAdapter(embedded(loraAdapterMetadata({ transformer: { r: 4, lora_alpha: 8 } })));
    const te = module('text_model.encoder.layers.0.self_attn.q_proj', 'text_encoder', { alphaValue: 2 });
    expect(moduleConfig(adapter, te)).toBeNull();
    expect(moduleScaling(adapter, te)).toBe(0.5);
    expect(moduleScaling(adapter, module('text_model.encoder.layers.0.mlp.fc1', 'text_encoder'))).toBe(1);
    // Bare fields are not a prefixed component's config, nor the reverse.
    expect(moduleScaling(adapter, module('transformer_blocks.0.attn.to_q'))).toBe(1);
    const bare = diffusersAdapter(embedded(loraAdapterMetadata({ '': { r: 4, lora_alpha: 12 } })));
    expect(moduleScaling(bare, module('transformer_blocks.0.attn.to_q'))).toBe(3);
    expect(moduleScaling(bare, module('transformer_blocks.0.attn.to_q', 'transformer'))).toBe(1);
  });

  it('the config (with .alpha tensors) wins over the tensor convention when there is one', () => {
    const adapter = diffusersAdapter(embedded(loraAdapterMetadata({ unet: { r: 4, lora_alpha: 2 } })));
    expect(moduleScaling(adapter, module('mid_block.attentions.0.proj_in', 'unet', { alphaValue: 4 }))).toBe(
      0.5,
    );
  });

  it('without metadata nothing changes: alpha tensor / rank, else 1', () => {
    const adapter = diffusersAdapter(undefined);
    expect(moduleConfig(adapter, module('a.to_q', 'unet'))).toBeNull();
    expect(moduleScaling(adapter, module('a.to_q', 'unet'))).toBe(1);
    expect(moduleScaling(adapter, module('a.to_q', 'unet', { alphaValue: 8 }))).toBe(2);
  });

  it('messages name the field as it is written in the metadata', () => {
    const adapter = diffusersAdapter(embedded(loraAdapterMetadata({ transformer: { r: 4 } })));
    expect(moduleConfigSource(adapter)).toBe('lora_adapter_metadata in lora.safetensors');
    expect(moduleConfigField(adapter, { component: 'transformer' }, 'r')).toBe('transformer.r');
    expect(moduleConfigField(adapter, {}, 'r')).toBe('r');
  });
});
