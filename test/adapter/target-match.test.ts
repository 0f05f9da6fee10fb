// Target matching and pattern resolution, mirroring the examples in PEFT's documentation and code.
import { describe, expect, it } from 'vitest';
import { parseAdapterConfig } from '../../src/adapter/config.js';
import { compilePythonRegex, PythonRegexError } from '../../src/adapter/python-regex.js';
import { moduleScaling, resolveAlpha, resolveRank } from '../../src/adapter/scaling.js';
import {
  isTargetedModule,
  layerIndexOf,
  savedModuleEntryFor,
  unusedTargetEntries,
} from '../../src/adapter/target-match.js';
import type { Adapter, AdapterConfig, LoraModule } from '../../src/types.js';
import { peftConfig } from '../helpers/adapters.js';

function config(fields: Record<string, unknown>): AdapterConfig {
  const parsed = parseAdapterConfig(JSON.stringify(peftConfig(fields)));
  expect(parsed.errors).toEqual([]);
  return parsed.config!;
}

describe('target_modules', () => {
  it('a list matches exact names and dotted suffixes only', () => {
    const c = config({ target_modules: ['q_proj', 'self_attn.v_proj'] });
    expect(isTargetedModule(c, 'model.layers.0.self_attn.q_proj')).toBe(true);
    expect(isTargetedModule(c, 'q_proj')).toBe(true);
    expect(isTargetedModule(c, 'model.layers.0.self_attn.v_proj')).toBe(true);
    expect(isTargetedModule(c, 'model.layers.0.self_attn.xq_proj')).toBe(false);
    expect(isTargetedModule(c, 'model.layers.0.cross_attn.v_proj')).toBe(false);
  });

  it('a string is a full match: "q_proj" selects nothing in a Llama, ".*\\.q_proj" does', () => {
    expect(isTargetedModule(config({ target_modules: 'q_proj' }), 'model.layers.0.self_attn.q_proj')).toBe(
      false,
    );
    expect(
      isTargetedModule(config({ target_modules: '.*\\.q_proj' }), 'model.layers.0.self_attn.q_proj'),
    ).toBe(true);
  });

  it('translates Python regex syntax', () => {
    const c = config({ target_modules: '(?P<layer>model\\.layers\\.\\d+)\\.self_attn\\.(q|v)_proj\\Z' });
    expect(isTargetedModule(c, 'model.layers.3.self_attn.v_proj')).toBe(true);
    expect(isTargetedModule(c, 'model.layers.3.self_attn.k_proj')).toBe(false);
  });

  it('all-linear selects every module (the real list needs the model)', () => {
    expect(isTargetedModule(config({ target_modules: 'all-linear' }), 'anything.at.all')).toBe(true);
  });

  it('exclude_modules: list exact or suffix, string full match', () => {
    const list = config({ target_modules: ['q_proj'], exclude_modules: ['layers.1.self_attn.q_proj'] });
    expect(isTargetedModule(list, 'model.layers.1.self_attn.q_proj')).toBe(false);
    expect(isTargetedModule(list, 'model.layers.11.self_attn.q_proj')).toBe(true);
    const regex = config({ target_modules: ['q_proj'], exclude_modules: '.*vision.*' });
    expect(isTargetedModule(regex, 'vision_tower.layers.0.q_proj')).toBe(false);
    expect(isTargetedModule(regex, 'language_model.layers.0.q_proj')).toBe(true);
  });

  it('layers_to_transform uses the first numbered segment (after layers_pattern when set)', () => {
    const c = config({ target_modules: ['w1'], layers_to_transform: [1], layers_pattern: 'layers' });
    expect(isTargetedModule(c, 'model.layers.1.experts.0.w1')).toBe(true);
    expect(isTargetedModule(c, 'model.layers.0.experts.1.w1')).toBe(false);
    expect(layerIndexOf('transformer.h.4.attn.c_attn', null)).toBe(4);
    expect(layerIndexOf('lm_head', null)).toBe(null);
  });

  it('modules_to_save modules are not LoRA targets', () => {
    const c = config({ target_modules: ['q_proj', 'score'], modules_to_save: ['score'] });
    expect(isTargetedModule(c, 'score')).toBe(false);
  });

  it('finds list entries that select nothing', () => {
    const c = config({ target_modules: ['q_proj', 'v_proj', 'o_proj'] });
    expect(
      unusedTargetEntries(c, ['model.layers.0.self_attn.q_proj', 'model.layers.0.self_attn.v_proj']),
    ).toEqual(['o_proj']);
  });

  it('modules_to_save matches by suffix with no dot boundary, plus the task heads', () => {
    const c = config({ modules_to_save: ['classifier'], task_type: 'SEQ_CLS' });
    expect(savedModuleEntryFor(c, 'pre_classifier.weight')).toBe('classifier');
    expect(savedModuleEntryFor(c, 'classifier.dense.weight')).toBe('classifier');
    expect(savedModuleEntryFor(c, 'score.weight')).toBe('score');
    expect(savedModuleEntryFor(c, 'lm_head.weight')).toBe(null);
  });
});

describe('rank_pattern / alpha_pattern', () => {
  it('the first key (dict order) matching (.*\\.)?KEY$ from the start wins', () => {
    const c = config({ r: 8, rank_pattern: { foo: 42, 'layers.0.foo': 7 } });
    expect(resolveRank(c, 'foo')).toBe(42);
    expect(resolveRank(c, 'module.foo')).toBe(42);
    expect(resolveRank(c, 'module.module.foo')).toBe(42);
    expect(resolveRank(c, 'foobar')).toBe(8);
    expect(resolveRank(c, 'barfoo')).toBe(8);
  });

  it('^KEY anchors to the top level', () => {
    const c = config({ r: 8, rank_pattern: { '^foo': 42 } });
    expect(resolveRank(c, 'foo')).toBe(42);
    expect(resolveRank(c, 'module.foo')).toBe(8);
  });

  it('alpha_pattern is searched independently of rank_pattern', () => {
    const c = config({
      r: 8,
      lora_alpha: 16,
      rank_pattern: { q_proj: 4 },
      alpha_pattern: { 'layers.1.q_proj': 2 },
    });
    expect(resolveRank(c, 'model.layers.1.q_proj')).toBe(4);
    expect(resolveAlpha(c, 'model.layers.1.q_proj')).toBe(2);
    expect(resolveAlpha(c, 'model.layers.0.q_proj')).toBe(16);
  });
});

describe('moduleScaling', () => {
  const module = (fields: Partial<LoraModule> = {}): LoraModule => ({
    name: 'model.q_proj',
    kind: 'linear',
    rank: 4,
    ...fields,
  });
  const adapter = (layout: Adapter['layout'], c: AdapterConfig | null): Adapter => ({
    path: 'a',
    layout,
    layoutNote: '',
    configFile: null,
    config: c,
    configErrors: [],
    weights: [],
    fileProblems: [],
    tensors: new Map(),
    modules: [],
    stats: new Map(),
    products: new Map(),
  });

  it('PEFT: alpha / r, or alpha / sqrt(r) with rsLoRA, per pattern', () => {
    expect(moduleScaling(adapter('peft', config({ r: 4, lora_alpha: 8 })), module())).toBe(2);
    expect(moduleScaling(adapter('peft', config({ r: 16, lora_alpha: 8, use_rslora: true })), module())).toBe(
      2,
    );
    const patterned = config({
      r: 4,
      lora_alpha: 8,
      rank_pattern: { q_proj: 8 },
      alpha_pattern: { q_proj: 32 },
    });
    expect(moduleScaling(adapter('peft', patterned), module())).toBe(4);
  });

  it('kohya: alpha tensor / rank; missing or zero alpha means alpha = rank', () => {
    expect(moduleScaling(adapter('kohya', null), module({ alphaValue: 1 }))).toBe(0.25);
    expect(moduleScaling(adapter('kohya', null), module({ alphaValue: 0 }))).toBe(1);
    expect(moduleScaling(adapter('kohya', null), module())).toBe(1);
  });

  it('diffusers without alpha: 1', () => {
    expect(moduleScaling(adapter('diffusers', null), module())).toBe(1);
  });
});

describe('Python regex translation', () => {
  it('emulates fullmatch', () => {
    const regex = compilePythonRegex('a|b', 'fullmatch');
    expect(regex.test('a')).toBe(true);
    expect(regex.test('ab')).toBe(false);
  });

  it('honours a leading (?i) flag', () => {
    expect(compilePythonRegex('(?i)Q_PROJ', 'fullmatch').test('q_proj')).toBe(true);
  });

  it('rejects invalid patterns, verbose mode and nested repetition with a clear error', () => {
    expect(() => compilePythonRegex('(q_proj', 'fullmatch')).toThrow(PythonRegexError);
    expect(() => compilePythonRegex('(?x) q', 'fullmatch')).toThrow(/verbose/);
    expect(() => compilePythonRegex('(a+)+b', 'fullmatch')).toThrow(/exponential/);
    expect(() => compilePythonRegex('x'.repeat(3000), 'fullmatch')).toThrow(/limit/);
  });
});
