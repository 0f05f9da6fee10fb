// Renames that are provably safe for one tensor key. Each returns the new key and the rules it settles,
// plus what it left alone because a rename there would need judgement.
import { isLoraPart, PEFT_PREFIX } from '../adapter/peft-key.js';

export interface KeyFix {
  readonly to: string;
  /** Rule IDs this rename settles, e.g. ['AL202', 'AL203']. */
  readonly rules: readonly string[];
  /** Defects in the key that were left as they are, and why. */
  readonly leftAlone: readonly string[];
}

const CERTAIN_WRAPPERS = new Set(['_orig_mod', '_fsdp_wrapped_module', '_checkpoint_wrapped_module']);
const WEIGHT_PARTS = new Set(['lora_A', 'lora_B', 'lora_E', 'lora_magnitude_vector']);

/**
 * The PEFT-saved form of `key`: one `base_model.model.` prefix (added when `addPrefix`), no DDP/compile/FSDP
 * wrapper segments, no adapter names after the LoRA part. `.base_layer.` and `.modules_to_save.` are kept.
 */
export function fixPeftKey(key: string, addPrefix: boolean): KeyFix {
  let segs = key.split('.');
  const rules = new Set<string>();
  const leftAlone: string[] = [];

  if (segs[0] === 'module' && segs.length > 1) {
    segs = segs.slice(1);
    rules.add('AL205');
  }
  const unwrapped = segs.filter((s) => !CERTAIN_WRAPPERS.has(s));
  if (unwrapped.length !== segs.length) rules.add('AL205');
  segs = unwrapped;

  let prefixes = 0;
  while (
    segs[prefixes * 2] === 'base_model' &&
    segs[prefixes * 2 + 1] === 'model' &&
    segs.length > prefixes * 2 + 2
  ) {
    prefixes++;
  }
  let body = segs.slice(prefixes * 2);
  if (prefixes > 1) rules.add('AL204');
  if (prefixes === 0 && addPrefix) rules.add('AL203');

  const part = lastLoraPartIndex(body);
  if (part >= 0) {
    const name = body[part]!;
    const tail = body.slice(part + 1);
    const last = tail[tail.length - 1];
    let suffix: string[] = [];
    if (last === 'weight' && WEIGHT_PARTS.has(name)) suffix = ['weight'];
    else if (last === 'bias' && name === 'lora_B') suffix = ['bias'];
    const adapterNames = tail.length - suffix.length;
    if (adapterNames > 0) {
      rules.add(adapterNames > 1 ? 'AL201' : 'AL202');
      // PEFT saves the DoRA magnitude bare, without `.weight`.
      if (name === 'lora_magnitude_vector') suffix = [];
      body = [...body.slice(0, part + 1), ...suffix];
    }
  }
  if (body.includes('modules_to_save')) {
    leftAlone.push(
      '`.modules_to_save.` was kept: whether the copy or the original module is meant needs a person',
    );
  }
  if (body.includes('original_module')) {
    leftAlone.push('`.original_module.` was kept: it holds the untrained module, which PEFT never saves');
  }
  if (part >= 0 && body.slice(0, part).includes('base_layer')) {
    leftAlone.push('`.base_layer.` before the LoRA part was kept: nested adapters need a person to judge');
  }
  const hasPrefix = prefixes > 0 || addPrefix;
  const to = (hasPrefix ? PEFT_PREFIX : '') + body.join('.');
  return { to, rules: [...rules].sort(), leftAlone };
}

function lastLoraPartIndex(segs: readonly string[]): number {
  for (let i = segs.length - 1; i >= 1; i--) if (isLoraPart(segs[i]!)) return i;
  return -1;
}

const DOUBLED_KOHYA_COMPONENT = /^lora_(unet|te\d*|transformer)_(?:lora_)?\1_/;
const UNDERSCORED_KOHYA_PART = /_(lora_down|lora_up|lora_mid)\.weight$/;

/** kohya keys where the intended name is unambiguous: a doubled component, `_lora_down` for `.lora_down`, `_alpha`. */
export function fixKohyaKey(key: string): KeyFix {
  let to = key.replace(DOUBLED_KOHYA_COMPONENT, 'lora_$1_');
  to = to.replace(UNDERSCORED_KOHYA_PART, '.$1.weight');
  if (!to.includes('.') && to.endsWith('_alpha')) to = `${to.slice(0, -'_alpha'.length)}.alpha`;
  return { to, rules: to === key ? [] : ['AL211'], leftAlone: [] };
}
