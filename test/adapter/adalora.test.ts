// AdaLoRA in the adapter model: lora_E grouped into its module, the rank PEFT gives each module on load, and
// the scale of SVDLinear.get_delta_weight.
import { describe, expect, it } from 'vitest';
import { parseAdapterConfig } from '../../src/adapter/config.js';
import { buildModules } from '../../src/adapter/modules.js';
import { adaloraRank, moduleScaling, usesSingularValues } from '../../src/adapter/scaling.js';
import { parseHeader } from '../../src/safetensors/header.js';
import type { Adapter, AdapterConfig, LoraModule, TensorRef, WeightsFile } from '../../src/types.js';
import { adaloraConfig, adaloraLora, PEFT_PREFIX, peftConfig } from '../helpers/adapters.js';
import { buildSafetensors, type TensorSpec } from '../helpers/safetensors.js';

const Q = 'model.layers.0.self_attn.q_proj';
const V = 'model.layers.0.self_attn.v_proj';

function tensorRefs(specs: TensorSpec[]): Map<string, TensorRef> {
  const bytes = buildSafetensors(specs);
  const n = Number(bytes.readBigUInt64LE(0));
  const header = parseHeader(bytes.subarray(8, 8 + n), bytes.length, 'adapter_model.safetensors');
  const file: WeightsFile = {
    file: 'adapter_model.safetensors',
    absPath: '/nowhere/adapter_model.safetensors',
    kind: { kind: 'safetensors' },
    header,
  };
  return new Map([...header.tensors.keys()].map((name) => [name, { name, file }]));
}

function config(fields: Record<string, unknown>): AdapterConfig {
  const parsed = parseAdapterConfig(JSON.stringify(fields));
  expect(parsed.errors).toEqual([]);
  return parsed.config!;
}

function adapterWith(cfg: AdapterConfig | null, modules: LoraModule[]): Adapter {
  return {
    path: 'adapter',
    layout: 'peft',
    layoutNote: '',
    configFile: cfg ? 'adapter/adapter_config.json' : null,
    config: cfg,
    configErrors: [],
    weights: [],
    fileProblems: [],
    tensors: new Map(),
    modules,
    stats: new Map(),
    products: new Map(),
  };
}

describe('AdaLoRA modules', () => {
  it('lora_E joins its module as the singular values; a lora_E alone is still a module', () => {
    const onlyE = adaloraLora(V, { rank: 2 }).filter((t) => t.name.endsWith('.lora_E'));
    const modules = buildModules('peft', tensorRefs([...adaloraLora(Q, { rank: 3 }), ...onlyE]), new Map());
    expect(modules.map((m) => m.name)).toEqual([Q, V]);
    const [q, v] = modules as [LoraModule, LoraModule];
    expect(q.down?.name).toBe(`${PEFT_PREFIX}${Q}.lora_A`);
    expect(q.up?.name).toBe(`${PEFT_PREFIX}${Q}.lora_B`);
    expect(q.singularValues?.name).toBe(`${PEFT_PREFIX}${Q}.lora_E`);
    expect(q.rank).toBe(3);
    expect(q.kind).toBe('linear');
    expect(v.singularValues?.name).toBe(`${PEFT_PREFIX}${V}.lora_E`);
    expect(v.down).toBeUndefined();
    expect(v.up).toBeUndefined();
  });

  it('lora_E counts under an ADALORA config or none, not under a plain LORA one', () => {
    const [q] = buildModules('peft', tensorRefs(adaloraLora(Q)), new Map()) as [LoraModule];
    expect(usesSingularValues(adapterWith(config(adaloraConfig()), [q]), q)).toBe(true);
    expect(usesSingularValues(adapterWith(null, [q]), q)).toBe(true);
    expect(usesSingularValues(adapterWith(config(peftConfig()), [q]), q)).toBe(false);
  });
});

describe('adaloraRank', () => {
  it('is init_r (AdaLoRA ignores r), 12 when the config has no init_r', () => {
    expect(adaloraRank(config(adaloraConfig({ r: 8, init_r: 6 })), Q)).toEqual({ rank: 6, from: 'init_r' });
    const withoutInitR = adaloraConfig();
    delete withoutInitR.init_r;
    expect(adaloraRank(config(withoutInitR), Q)).toEqual({ rank: 12, from: 'init_r' });
  });

  it('counts the true values of the rank_pattern entry, keyed by parameter name or module name', () => {
    const cfg = config(
      adaloraConfig({
        init_r: 4,
        rank_pattern: {
          [`${Q}.lora_E.default`]: [true, false, false, true],
          [V]: [false, false, false, true],
        },
      }),
    );
    expect(adaloraRank(cfg, Q)).toEqual({ rank: 2, from: 'rank_pattern' });
    expect(adaloraRank(cfg, V)).toEqual({ rank: 1, from: 'rank_pattern' });
    // Entries, but none for this module: the config can't tell.
    expect(adaloraRank(cfg, 'model.layers.0.self_attn.k_proj')).toBeUndefined();
    // A module whose name only starts like a key is not that key's module.
    expect(adaloraRank(cfg, 'model.layers.0.self_attn.q')).toBeUndefined();
  });
});

describe('AdaLoRA scale: scaling / (ranknum + 1e-5)', () => {
  const scaleOf = (fields: Record<string, unknown>, rank: number) => {
    const [module] = buildModules('peft', tensorRefs(adaloraLora(Q, { rank })), new Map()) as [LoraModule];
    return moduleScaling(adapterWith(config(adaloraConfig(fields)), [module]), module);
  };

  it('is lora_alpha itself over the current rank (the tensors), not alpha / r of the config', () => {
    expect(scaleOf({ lora_alpha: 32, r: 8, init_r: 12 }, 3)).toBe(32 / (3 + 1e-5));
    expect(scaleOf({ lora_alpha: 32, r: 8, init_r: 12 }, 12)).toBe(32 / (12 + 1e-5));
  });

  it('uses r for alpha when alpha <= 0', () => {
    expect(scaleOf({ lora_alpha: 0, init_r: 4 }, 4)).toBe(4 / (4 + 1e-5));
    expect(scaleOf({ lora_alpha: -2, init_r: 5 }, 5)).toBe(5 / (5 + 1e-5));
  });

  it('leaves plain LoRA at alpha / r', () => {
    const [module] = buildModules('peft', tensorRefs(adaloraLora(Q, { rank: 4 })), new Map()) as [LoraModule];
    const lora = adapterWith(config(peftConfig({ r: 4, lora_alpha: 8 })), [module]);
    expect(moduleScaling(lora, module)).toBe(2);
  });
});
