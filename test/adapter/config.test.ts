import { describe, expect, it } from 'vitest';
import { parseAdapterConfig } from '../../src/adapter/config.js';
import { peftConfig } from '../helpers/adapters.js';

const errorsOf = (fields: Record<string, unknown>) =>
  parseAdapterConfig(JSON.stringify(peftConfig(fields))).errors;

describe('adapter_config.json parsing', () => {
  it('accepts a PEFT config and keeps unknown keys', () => {
    const parsed = parseAdapterConfig(
      JSON.stringify(peftConfig({ some_future_field: 1, rank_pattern: { q_proj: 8 } })),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.config).toMatchObject({
      peftType: 'LORA',
      r: 4,
      loraAlpha: 8,
      bias: 'none',
      targetModules: ['q_proj', 'v_proj'],
    });
    expect(parsed.config!.rankPattern.get('q_proj')).toBe(8);
    expect(parsed.config!.raw.some_future_field).toBe(1);
  });

  it('names the defect for each bad field', () => {
    expect(parseAdapterConfig('{"peft_type": "LORA",').errors[0]).toMatch(/not valid JSON/);
    expect(parseAdapterConfig('[1]').errors).toEqual(['the top level is not a JSON object']);
    expect(errorsOf({ r: 0 })[0]).toMatch(/^r must be a positive integer/);
    expect(errorsOf({ r: 2.5 })[0]).toMatch(/^r must be a positive integer/);
    expect(errorsOf({ lora_alpha: 'eight' })[0]).toMatch(/^lora_alpha must be a number/);
    expect(errorsOf({ peft_type: 'IA3' })[0]).toMatch(/not a LoRA type/);
    expect(errorsOf({ bias: 'some' })[0]).toMatch(/^bias must be one of/);
    expect(errorsOf({ target_modules: 5 })[0]).toMatch(/^target_modules must be/);
    expect(errorsOf({ rank_pattern: { q_proj: -1 } })[0]).toMatch(/rank_pattern\["q_proj"\]/);
    expect(errorsOf({ alpha_pattern: { '(': 2 } })[0]).toMatch(/alpha_pattern/);
    expect(errorsOf({ target_modules: '.*', layers_to_transform: [0] })[0]).toMatch(/layers_to_transform/);
  });

  it('requires lora_alpha and peft_type, and recognises an MLX config', () => {
    const { lora_alpha: _alpha, ...noAlpha } = peftConfig();
    expect(parseAdapterConfig(JSON.stringify(noAlpha)).errors[0]).toMatch(/lora_alpha is missing/);
    expect(parseAdapterConfig('{"lora_parameters": {"rank": 8}, "num_layers": 4}').errors[0]).toMatch(
      /MLX-LM/,
    );
  });
});
