// The grammar of PEFT LoRA keys (reference §2.10): prefix, module path, LoRA part, adapter names, suffix.
// Pure string work, shared by layout detection, the key rules and `--fix`.

export const PEFT_PREFIX = 'base_model.model.';

export const LORA_PARTS = [
  'lora_A',
  'lora_B',
  'lora_embedding_A',
  'lora_embedding_B',
  'lora_magnitude_vector',
  'lora_E',
] as const;
export type LoraPart = (typeof LORA_PARTS)[number];

/** Segments that belong to in-memory wrappers, never to a saved key (except the base_layer cases PEFT saves). */
export type WrapperSegment =
  | 'module'
  | '_orig_mod'
  | '_fsdp_wrapped_module'
  | '_checkpoint_wrapped_module'
  | 'modules_to_save'
  | 'original_module'
  | 'base_layer';

const ANYWHERE_WRAPPERS = new Set<string>([
  '_orig_mod',
  '_fsdp_wrapped_module',
  '_checkpoint_wrapped_module',
]);
const LORA_PART_SET = new Set<string>(LORA_PARTS);
const TRAINABLE_TOKENS = ['token_adapter', 'trainable_tokens_delta'];

export interface PeftKey {
  readonly key: string;
  /** How many times `base_model.model.` opens the key: 0 missing, 1 correct, 2+ doubled. */
  readonly prefixCount: number;
  /** Wrapper segments met, in key order (`base_layer` included; whether it is legitimate depends on the suffix). */
  readonly wrappers: readonly WrapperSegment[];
  /** Module path without prefix, wrapper segments, LoRA part, adapter names and parameter name. */
  readonly module: string;
  /** The LoRA part, or null for other tensors (biases, modules_to_save copies, trainable tokens...). */
  readonly part: LoraPart | null;
  /** Adapter names left in the key (after the LoRA part, after `modules_to_save.`, after trainable tokens). */
  readonly adapterNames: readonly string[];
  /**
   * What follows the module: for LoRA keys `weight`, `bias` or `` (bare parameter); for other keys the
   * parameter path, e.g. `weight`, `bias`, `base_layer.bias`, `token_adapter.trainable_tokens_delta`.
   */
  readonly suffix: string;
}

export function isLoraPart(segment: string): segment is LoraPart {
  return LORA_PART_SET.has(segment);
}

export function parsePeftKey(key: string): PeftKey {
  let segs = key.split('.');
  const wrappers: WrapperSegment[] = [];
  const adapterNames: string[] = [];

  if (segs[0] === 'module' && segs[1] === 'base_model') {
    wrappers.push('module');
    segs = segs.slice(1);
  }
  let prefixCount = 0;
  for (;;) {
    while (segs.length > 0 && ANYWHERE_WRAPPERS.has(segs[0]!)) {
      wrappers.push(segs[0] as WrapperSegment);
      segs = segs.slice(1);
    }
    if (segs[0] === 'base_model' && segs[1] === 'model' && segs.length > 2) {
      prefixCount++;
      segs = segs.slice(2);
      continue;
    }
    break;
  }

  const kept: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (ANYWHERE_WRAPPERS.has(seg)) {
      wrappers.push(seg as WrapperSegment);
    } else if (seg === 'modules_to_save' && i + 2 < segs.length) {
      wrappers.push('modules_to_save');
      adapterNames.push(segs[i + 1]!);
      i++;
    } else if (seg === 'original_module' && i + 1 < segs.length) {
      wrappers.push('original_module');
    } else {
      kept.push(seg);
    }
  }

  let partIndex = -1;
  for (let i = kept.length - 1; i >= 1; i--) {
    if (LORA_PART_SET.has(kept[i]!)) {
      partIndex = i;
      break;
    }
  }

  if (partIndex >= 0) {
    const part = kept[partIndex] as LoraPart;
    const modulePath: string[] = [];
    for (const seg of kept.slice(0, partIndex)) {
      if (seg === 'base_layer') wrappers.push('base_layer');
      else modulePath.push(seg);
    }
    const tail = kept.slice(partIndex + 1);
    let suffix = '';
    const last = tail[tail.length - 1];
    const takesWeight =
      part === 'lora_A' || part === 'lora_B' || part === 'lora_E' || part === 'lora_magnitude_vector';
    if (last === 'weight' && takesWeight) suffix = 'weight';
    else if (last === 'bias' && part === 'lora_B') suffix = 'bias';
    const names = suffix ? tail.slice(0, -1) : tail;
    adapterNames.push(...names);
    return { key, prefixCount, wrappers, module: modulePath.join('.'), part, adapterNames, suffix };
  }

  const baseLayer = kept.indexOf('base_layer');
  if (baseLayer > 0) {
    wrappers.push('base_layer');
    return {
      key,
      prefixCount,
      wrappers,
      module: kept.slice(0, baseLayer).join('.'),
      part: null,
      adapterNames,
      suffix: kept.slice(baseLayer).join('.'),
    };
  }
  const tokens = kept.indexOf(TRAINABLE_TOKENS[0]!);
  if (tokens > 0 && kept[tokens + 1] === TRAINABLE_TOKENS[1]) {
    adapterNames.push(...kept.slice(tokens + 2));
    return {
      key,
      prefixCount,
      wrappers,
      module: kept.slice(0, tokens).join('.'),
      part: null,
      adapterNames,
      suffix: TRAINABLE_TOKENS.join('.'),
    };
  }
  return {
    key,
    prefixCount,
    wrappers,
    module: kept.slice(0, -1).join('.'),
    part: null,
    adapterNames,
    suffix: kept[kept.length - 1] ?? '',
  };
}

/** The key as PEFT saves it: one prefix, no wrapper segments, no adapter names (base_layer kept where PEFT keeps it). */
export function canonicalPeftKey(parsed: PeftKey): string {
  const tail = parsed.part ? [parsed.part, parsed.suffix].filter((s) => s !== '').join('.') : parsed.suffix;
  const module = parsed.module ? `${parsed.module}.` : '';
  return `${PEFT_PREFIX}${module}${tail}`;
}
