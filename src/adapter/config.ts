// adapter_config.json: strict JSON, field checks with messages that name the field and the fix (AL402).
import type { AdapterConfig } from '../types.js';
import { compilePythonRegex, PythonRegexError } from './python-regex.js';

export const CONFIG_NAME = 'adapter_config.json';

export const LORA_PEFT_TYPES = ['LORA', 'ADALORA'] as const;
export const TASK_TYPES = [
  'SEQ_CLS',
  'SEQ_2_SEQ_LM',
  'CAUSAL_LM',
  'TOKEN_CLS',
  'QUESTION_ANS',
  'FEATURE_EXTRACTION',
] as const;

/** Longest config file read (configs are a few KB; this guards the parser). */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export interface ConfigParse {
  /** The usable config, or null when any error was found. */
  readonly config: AdapterConfig | null;
  readonly errors: readonly string[];
}

export function parseAdapterConfig(text: string): ConfigParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { config: null, errors: [`not valid JSON: ${(error as Error).message}`] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { config: null, errors: ['the top level is not a JSON object'] };
  }
  return readAdapterConfig(raw as Record<string, unknown>, 'adapter_config');
}

/**
 * Validate a config object. `adapter_config`: PEFT reads the file, so `peft_type` and `lora_alpha` must be
 * there. `lora_config_kwargs`: diffusers calls `LoraConfig(**fields)` (`_create_lora_config`), so a missing
 * field takes LoraConfig's default (`peft_type` LORA, `r` 8, `lora_alpha` 8). Every error starts with the
 * field name.
 */
export function readAdapterConfig(
  obj: Record<string, unknown>,
  kind: 'adapter_config' | 'lora_config_kwargs',
): ConfigParse {
  const errors: string[] = [];
  const field = new FieldReader(obj, errors);
  const has = (name: string) => Object.hasOwn(obj, name);

  let peftType = '';
  if (!has('peft_type') && kind === 'lora_config_kwargs') {
    peftType = 'LORA';
  } else if (!has('peft_type')) {
    errors.push(
      'lora_parameters' in obj
        ? 'this is an MLX-LM adapter config (lora_parameters), not a PEFT one: there is no peft_type'
        : 'peft_type is missing; PEFT needs it to know the method (use "LORA")',
    );
  } else if (typeof obj.peft_type !== 'string') {
    errors.push(`peft_type must be a string such as "LORA", not ${describe(obj.peft_type)}`);
  } else if (!(LORA_PEFT_TYPES as readonly string[]).includes(obj.peft_type)) {
    errors.push(`peft_type is "${obj.peft_type}", not a LoRA type (LORA or ADALORA)`);
  } else {
    peftType = obj.peft_type;
  }

  const taskType = field.nullableEnum('task_type', TASK_TYPES);
  const r = field.positiveInteger('r', 8);
  let loraAlpha = 8;
  if (!has('lora_alpha')) {
    if (kind === 'adapter_config') errors.push('lora_alpha is missing; set it to the alpha used in training');
  } else if (typeof obj.lora_alpha !== 'number' || !Number.isFinite(obj.lora_alpha)) {
    errors.push(`lora_alpha must be a number, not ${describe(obj.lora_alpha)}`);
  } else loraAlpha = obj.lora_alpha;

  const bias = field.enumOf('bias', ['none', 'all', 'lora_only'] as const, 'none');
  const useRslora = field.boolean('use_rslora');
  const useDora = field.boolean('use_dora');
  const fanInFanOut = field.boolean('fan_in_fan_out');
  const loraBias = field.boolean('lora_bias');
  const targetModules = field.patternOrList('target_modules');
  const excludeModules = field.patternOrList('exclude_modules');
  const modulesToSave = field.stringList('modules_to_save');
  const layersToTransform = field.layers();
  const layersPattern = field.stringOrList('layers_pattern');
  if (layersToTransform && typeof targetModules === 'string') {
    errors.push('layers_to_transform cannot be used with a regex string target_modules; use a list');
  }
  // AdaLoRA saves its budget allocation in rank_pattern as one list of booleans (kept singular values) per
  // module (`RankAllocator.mask_to_budget`); the tensors are already resized, so there is nothing to resolve.
  const adalora = peftType === 'ADALORA';
  const rankPattern = field.patternMap(
    'rank_pattern',
    (v) =>
      (typeof v === 'number' && Number.isInteger(v) && v > 0) ||
      (adalora && Array.isArray(v) && v.every((x) => typeof x === 'boolean')),
  );
  const alphaPattern = field.patternMap('alpha_pattern', (v) => typeof v === 'number' && Number.isFinite(v));

  if (errors.length > 0) return { config: null, errors };
  return {
    config: {
      raw: obj,
      peftType,
      taskType,
      r,
      loraAlpha,
      useRslora,
      useDora,
      fanInFanOut,
      bias,
      loraBias,
      targetModules,
      excludeModules,
      modulesToSave,
      layersToTransform,
      layersPattern,
      rankPattern,
      alphaPattern,
      initLoraWeights: obj.init_lora_weights ?? true,
      trainableTokenIndices: obj.trainable_token_indices ?? null,
    },
    errors: [],
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `the string "${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

class FieldReader {
  constructor(
    private readonly obj: Record<string, unknown>,
    private readonly errors: string[],
  ) {}

  private get(name: string): unknown {
    return Object.hasOwn(this.obj, name) ? this.obj[name] : undefined;
  }

  positiveInteger(name: string, fallback: number): number {
    const v = this.get(name);
    if (v === undefined) return fallback;
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
    this.errors.push(`${name} must be a positive integer, not ${describe(v)}`);
    return fallback;
  }

  boolean(name: string): boolean {
    const v = this.get(name);
    if (v === undefined || v === null) return false;
    if (typeof v === 'boolean') return v;
    this.errors.push(`${name} must be true or false, not ${describe(v)}`);
    return false;
  }

  enumOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const v = this.get(name);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
    this.errors.push(`${name} must be one of ${values.map((x) => `"${x}"`).join(', ')}, not ${describe(v)}`);
    return fallback;
  }

  nullableEnum(name: string, values: readonly string[]): string | null {
    const v = this.get(name);
    if (v === undefined || v === null) return null;
    if (typeof v === 'string' && values.includes(v)) return v;
    this.errors.push(`${name} must be null or one of ${values.join(', ')}, not ${describe(v)}`);
    return null;
  }

  stringList(name: string): readonly string[] | null {
    const v = this.get(name);
    if (v === undefined || v === null) return null;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '')) return v as string[];
    this.errors.push(`${name} must be null or a list of module names, not ${describe(v)}`);
    return null;
  }

  stringOrList(name: string): readonly string[] | null {
    const v = this.get(name);
    if (v === undefined || v === null) return null;
    if (typeof v === 'string' && v !== '') return [v];
    return this.stringList(name);
  }

  patternOrList(name: string): string | readonly string[] | null {
    const v = this.get(name);
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') {
      if (v.toLowerCase() === 'all-linear') return v;
      try {
        compilePythonRegex(v, 'fullmatch');
      } catch (error) {
        this.errors.push(`${name}: ${(error as Error).message}`);
      }
      return v;
    }
    return this.stringList(name);
  }

  layers(): readonly number[] | null {
    const v = this.get('layers_to_transform');
    if (v === undefined || v === null) return null;
    const isIndex = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;
    if (isIndex(v)) return [v as number];
    if (Array.isArray(v) && v.every(isIndex)) return v as number[];
    this.errors.push(`layers_to_transform must be a layer index or a list of indices, not ${describe(v)}`);
    return null;
  }

  patternMap(name: string, valid: (v: unknown) => boolean): ReadonlyMap<string, number> {
    const v = this.get(name);
    const out = new Map<string, number>();
    if (v === undefined || v === null) return out;
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.errors.push(`${name} must be an object mapping module patterns to numbers, not ${describe(v)}`);
      return out;
    }
    for (const [key, value] of Object.entries(v as Record<string, unknown>)) {
      if (!valid(value)) {
        this.errors.push(
          `${name}["${key}"] must be a ${name === 'rank_pattern' ? 'positive integer' : 'number'}, not ${describe(value)}`,
        );
        continue;
      }
      try {
        compilePythonRegex(key, 'suffix');
      } catch (error) {
        if (error instanceof PythonRegexError) this.errors.push(`${name}: ${error.message}`);
        else throw error;
        continue;
      }
      if (typeof value === 'number') out.set(key, value);
    }
    return out;
  }
}
