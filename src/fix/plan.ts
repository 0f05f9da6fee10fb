// What `--fix` would change in one adapter: key renames per weights file and a weights-file rename,
// each proven safe, plus what it refused and why. Pure: reads the loaded adapter only.

import { basename, dirname } from 'node:path';
import { inlineCode } from '../inline-code.js';
import type { ShardIndex } from '../safetensors/index.js';
import type { Adapter } from '../types.js';
import { fixDiffusersKey, fixKohyaKey, fixPeftKey, type KeyFix, type RuleEnabled } from './key-fixes.js';
import type { RuleFilter } from './rule-settings.js';

export const PEFT_WEIGHTS_NAME = 'adapter_model.safetensors';

export interface KeyRename {
  readonly from: string;
  readonly to: string;
  readonly rules: readonly string[];
}

export interface FileFixPlan {
  /** Relative path of the weights file. */
  readonly file: string;
  readonly absPath: string;
  readonly renames: readonly KeyRename[];
}

export interface FileRename {
  readonly from: string;
  readonly to: string;
  readonly absFrom: string;
  readonly absTo: string;
}

export interface FixRefusal {
  readonly file: string;
  readonly rule: string;
  readonly reason: string;
}

/** The shard index (`*.safetensors.index.json`) whose weight_map must follow the shards' renamed keys. */
export interface IndexFixPlan {
  readonly file: string;
  readonly absPath: string;
  /** weight_map keys to rename: every key renamed in any shard. */
  readonly renames: readonly KeyRename[];
}

export interface AdapterFixPlan {
  readonly adapter: string;
  readonly files: readonly FileFixPlan[];
  /** Set for a sharded adapter with renames: its index is rewritten together with the shards. */
  readonly index: IndexFixPlan | null;
  readonly fileRename: FileRename | null;
  readonly refused: readonly FixRefusal[];
}

/** The adapter's shard index as discovery found it. */
export interface IndexInput {
  readonly file: string;
  readonly absPath: string;
  readonly parsed: ShardIndex | null;
}

export interface PlanContext {
  /** Whether a rule is on for a file; fixes of rules that are off are not applied. Default: every rule on. */
  readonly enabled?: RuleFilter;
  /** Set when the adapter's weights are shards listed by an index. */
  readonly index?: IndexInput | null;
}

export function planAdapterFix(adapter: Adapter, context: PlanContext = {}): AdapterFixPlan {
  const enabled = context.enabled ?? (() => true);
  const index = context.index ?? null;
  let files: FileFixPlan[] = [];
  const refused: FixRefusal[] = [];
  for (const weights of adapter.weights) {
    if (!weights.header) continue;
    const renames: KeyRename[] = [];
    const notes = new Set<string>();
    const ruleOn: RuleEnabled = (rule) => enabled(rule, weights.file);
    for (const key of weights.header.tensors.keys()) {
      const fix = fixKey(adapter, key, ruleOn);
      if (!fix) continue;
      for (const note of fix.leftAlone) notes.add(note);
      if (fix.to !== key) renames.push({ from: key, to: fix.to, rules: fix.rules });
    }
    for (const note of notes) refused.push({ file: weights.file, rule: 'AL205', reason: note });
    if (renames.length === 0) continue;
    // Shards are checked together below: a collision may be between two shards.
    const collision = index ? null : findCollision([...weights.header.tensors.keys()], renames, 'file');
    if (collision) {
      refused.push({ file: weights.file, rule: renames[0]!.rules[0] ?? 'AL202', reason: collision });
      continue;
    }
    files.push({ file: weights.file, absPath: weights.absPath, renames });
  }
  let indexPlan: IndexFixPlan | null = null;
  if (index && files.length > 0) {
    const rule = files[0]!.renames[0]!.rules[0] ?? 'AL202';
    const broken = indexProblem(index, adapter);
    const collision = broken
      ? null
      : findCollision(
          adapter.weights.flatMap((w) => [...(w.header?.tensors.keys() ?? [])]),
          files.flatMap((f) => f.renames),
          'adapter',
        );
    if (broken || collision) {
      refused.push({ file: index.file, rule, reason: (broken ?? collision)! });
      files = [];
    } else {
      indexPlan = { file: index.file, absPath: index.absPath, renames: files.flatMap((f) => f.renames) };
    }
  }
  const fileRename = enabled('AL404', adapter.configFile ?? adapter.path)
    ? planWeightsRename(adapter, refused)
    : null;
  return { adapter: adapter.path, files, index: indexPlan, fileRename, refused };
}

/** Why the shard index cannot be rewritten safely, or null: only an index that agrees with its shards is. */
function indexProblem(index: IndexInput, adapter: Adapter): string | null {
  const parsed = index.parsed;
  const unreadable = adapter.weights.some((w) => w.header === null);
  if (!parsed?.ok || unreadable || parsed.shards.some((s) => s.path === null || s.header === null)) {
    return 'the shard index does not agree with its shards (see AL105/AL101), so no key in this adapter was renamed: renaming shards without a correct index would break it; fix the index first';
  }
  return null;
}

function fixKey(adapter: Adapter, key: string, enabled: RuleEnabled): KeyFix | null {
  switch (adapter.layout) {
    case 'peft':
      return fixPeftKey(key, true, enabled);
    case 'diffusers':
      return fixDiffusersKey(key, enabled);
    case 'kohya':
      return fixKohyaKey(key, enabled);
    default:
      return null;
  }
}

/** A rename set is safe only when every final name is unique (in one file, or across an adapter's shards). */
function findCollision(
  keys: readonly string[],
  renames: readonly KeyRename[],
  scope: 'file' | 'adapter',
): string | null {
  const renamed = new Map(renames.map((r) => [r.from, r.to]));
  const owners = new Map<string, string>();
  for (const key of keys) {
    const final = renamed.get(key) ?? key;
    const other = owners.get(final);
    if (other !== undefined) {
      const where = scope === 'file' ? 'in this file' : 'in this adapter (its shards are renamed together)';
      return `renaming would make ${inlineCode(other)} and ${inlineCode(key)} both ${inlineCode(final)}, so nothing ${where} was renamed; remove the duplicate first`;
    }
    owners.set(final, key);
  }
  return null;
}

/** AL404: the one safetensors file beside adapter_config.json becomes adapter_model.safetensors. */
function planWeightsRename(adapter: Adapter, refused: FixRefusal[]): FileRename | null {
  const misnamed = adapter.misnamedWeights;
  if (!misnamed || misnamed.length === 0) return null;
  const candidates = adapter.weights.filter((w) => w.header !== null && w.file.endsWith('.safetensors'));
  const file = adapter.configFile ?? adapter.path;
  if (candidates.length !== 1) {
    refused.push({
      file,
      rule: 'AL404',
      reason:
        candidates.length === 0
          ? 'no readable safetensors file to rename to adapter_model.safetensors'
          : `${candidates.length} safetensors files could be the weights (${candidates.map((c) => basename(c.file)).join(', ')}); rename the right one by hand`,
    });
    return null;
  }
  const weights = candidates[0]!;
  const folder = dirname(weights.file);
  return {
    from: weights.file,
    to: folder === '.' ? PEFT_WEIGHTS_NAME : `${folder}/${PEFT_WEIGHTS_NAME}`,
    absFrom: weights.absPath,
    absTo: `${dirname(weights.absPath)}/${PEFT_WEIGHTS_NAME}`,
  };
}
