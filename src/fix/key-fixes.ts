// Renames that are provably safe for one tensor key. Each returns the new key and the rules it settles,
// plus what it left alone because a rename there would need judgement.

import { hasComponentPrefix } from '../adapter/diffusers-key.js';
import { DOUBLED_COMPONENT } from '../adapter/kohya-key.js';
import { isLoraPart, PEFT_PREFIX } from '../adapter/peft-key.js';

export interface KeyFix {
  readonly to: string;
  /** Rule IDs this rename settles, e.g. ['AL202', 'AL203']. */
  readonly rules: readonly string[];
  /** Defects in the key that were left as they are, and why. */
  readonly leftAlone: readonly string[];
}

/** Whether the fix for a rule may be applied (a rule turned off by the user must not be fixed). */
export type RuleEnabled = (ruleId: string) => boolean;
const ALL_RULES: RuleEnabled = () => true;

const CERTAIN_WRAPPERS = new Set(['_orig_mod', '_fsdp_wrapped_module', '_checkpoint_wrapped_module']);
const WEIGHT_PARTS = new Set(['lora_A', 'lora_B', 'lora_E', 'lora_magnitude_vector']);

/**
 * The PEFT-saved form of `key`: one `base_model.model.` prefix (added when `addPrefix`), no DDP/compile/FSDP
 * wrapper segments, no adapter names after the LoRA part. `.base_layer.` and `.modules_to_save.` are kept.
 * Only the parts whose rule is `enabled` are applied: with AL202 off, `lora_A.default.weight` keeps its name
 * while a leading `module.` (AL205) still goes.
 */
export function fixPeftKey(key: string, addPrefix: boolean, enabled: RuleEnabled = ALL_RULES): KeyFix {
  let segs = key.split('.');
  const rules = new Set<string>();
  const leftAlone: string[] = [];

  const wrapped = (segs[0] === 'module' && segs.length > 1) || segs.some((s) => CERTAIN_WRAPPERS.has(s));
  // With AL205 off a wrapper stays, and the prefix cannot be judged around it: only adapter names are removed.
  const judgePrefix = !wrapped || enabled('AL205');
  if (enabled('AL205')) {
    if (segs[0] === 'module' && segs.length > 1) {
      segs = segs.slice(1);
      rules.add('AL205');
    }
    const unwrapped = segs.filter((s) => !CERTAIN_WRAPPERS.has(s));
    if (unwrapped.length !== segs.length) rules.add('AL205');
    segs = unwrapped;
  }

  let prefixes = 0;
  while (
    judgePrefix &&
    segs[prefixes * 2] === 'base_model' &&
    segs[prefixes * 2 + 1] === 'model' &&
    segs.length > prefixes * 2 + 2
  ) {
    prefixes++;
  }
  let body = segs.slice(prefixes * 2);
  // With AL204 off a doubled prefix stays as it is; with AL203 off a missing one is not added.
  const keptPrefixes = prefixes > 1 && !enabled('AL204') ? prefixes : Math.min(prefixes, 1);
  if (keptPrefixes < prefixes) rules.add('AL204');
  const addsPrefix = judgePrefix && prefixes === 0 && addPrefix && enabled('AL203');
  if (addsPrefix) rules.add('AL203');

  const part = lastLoraPartIndex(body);
  if (part >= 0) {
    const name = body[part]!;
    const tail = body.slice(part + 1);
    const last = tail[tail.length - 1];
    let suffix: string[] = [];
    if (last === 'weight' && WEIGHT_PARTS.has(name)) suffix = ['weight'];
    else if (last === 'bias' && name === 'lora_B') suffix = ['bias'];
    const adapterNames = tail.length - suffix.length;
    const rule = adapterNames > 1 ? 'AL201' : 'AL202';
    if (adapterNames > 0 && enabled(rule)) {
      rules.add(rule);
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
  const prefix = PEFT_PREFIX.repeat(addsPrefix ? 1 : keptPrefixes);
  const to = prefix + body.join('.');
  return { to, rules: [...rules].sort(), leftAlone };
}

/**
 * A diffusers key: the component prefix stays, PEFT's `base_model.model.` after it goes (AL205: diffusers
 * strips only the component, so no module matches it), and the rest is fixed as a PEFT key without prefix.
 */
export function fixDiffusersKey(key: string, enabled: RuleEnabled = ALL_RULES): KeyFix {
  const component = hasComponentPrefix(key) ? key.slice(0, key.indexOf('.') + 1) : '';
  let rest = key.slice(component.length);
  let unwrapped = false;
  while (enabled('AL205') && rest.startsWith(PEFT_PREFIX) && rest.length > PEFT_PREFIX.length) {
    rest = rest.slice(PEFT_PREFIX.length);
    unwrapped = true;
  }
  const fix = fixPeftKey(rest, false, enabled);
  const rules = unwrapped ? [...new Set([...fix.rules, 'AL205'])].sort() : fix.rules;
  return { to: component + fix.to, rules, leftAlone: fix.leftAlone };
}

function lastLoraPartIndex(segs: readonly string[]): number {
  for (let i = segs.length - 1; i >= 1; i--) if (isLoraPart(segs[i]!)) return i;
  return -1;
}

/** Which part is doubled, for the rename (only where DOUBLED_COMPONENT says the key is doubled). */
const DOUBLED_KOHYA_COMPONENT = /^lora_(unet|te\d*|transformer)_(?:lora_)?\1_/;
const UNDERSCORED_KOHYA_PART = /_(lora_down|lora_up|lora_mid)\.weight$/;

/** kohya keys where the intended name is unambiguous: a doubled component, `_lora_down` for `.lora_down`, `_alpha`. */
export function fixKohyaKey(key: string, enabled: RuleEnabled = ALL_RULES): KeyFix {
  if (!enabled('AL211')) return { to: key, rules: [], leftAlone: [] };
  let to = DOUBLED_COMPONENT.test(key) ? key.replace(DOUBLED_KOHYA_COMPONENT, 'lora_$1_') : key;
  to = to.replace(UNDERSCORED_KOHYA_PART, '.$1.weight');
  if (!to.includes('.') && to.endsWith('_alpha')) to = `${to.slice(0, -'_alpha'.length)}.alpha`;
  return { to, rules: to === key ? [] : ['AL211'], leftAlone: [] };
}
