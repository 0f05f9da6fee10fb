// What `--fix` would change in one adapter: key renames per weights file and a weights-file rename,
// each proven safe, plus what it refused and why. Pure: reads the loaded adapter only.
import { basename, dirname } from 'node:path';
import type { Adapter } from '../types.js';
import { fixKohyaKey, fixPeftKey, type KeyFix } from './key-fixes.js';

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

export interface AdapterFixPlan {
  readonly adapter: string;
  readonly files: readonly FileFixPlan[];
  readonly fileRename: FileRename | null;
  readonly refused: readonly FixRefusal[];
}

export function planAdapterFix(adapter: Adapter): AdapterFixPlan {
  const files: FileFixPlan[] = [];
  const refused: FixRefusal[] = [];
  for (const weights of adapter.weights) {
    if (!weights.header) continue;
    const renames: KeyRename[] = [];
    const notes = new Set<string>();
    for (const key of weights.header.tensors.keys()) {
      const fix = fixKey(adapter, key);
      if (!fix) continue;
      for (const note of fix.leftAlone) notes.add(note);
      if (fix.to !== key) renames.push({ from: key, to: fix.to, rules: fix.rules });
    }
    for (const note of notes) refused.push({ file: weights.file, rule: 'AL205', reason: note });
    if (renames.length === 0) continue;
    const collision = findCollision([...weights.header.tensors.keys()], renames);
    if (collision) {
      refused.push({ file: weights.file, rule: renames[0]!.rules[0] ?? 'AL202', reason: collision });
      continue;
    }
    files.push({ file: weights.file, absPath: weights.absPath, renames });
  }
  const fileRename = planWeightsRename(adapter, refused);
  return { adapter: adapter.path, files, fileRename, refused };
}

function fixKey(adapter: Adapter, key: string): KeyFix | null {
  switch (adapter.layout) {
    case 'peft':
      return fixPeftKey(key, true);
    case 'diffusers':
      return fixPeftKey(key, false);
    case 'kohya':
      return fixKohyaKey(key);
    default:
      return null;
  }
}

/** A rename set is safe only when every final name is unique. */
function findCollision(keys: readonly string[], renames: readonly KeyRename[]): string | null {
  const renamed = new Map(renames.map((r) => [r.from, r.to]));
  const owners = new Map<string, string>();
  for (const key of keys) {
    const final = renamed.get(key) ?? key;
    const other = owners.get(final);
    if (other !== undefined) {
      return `renaming would make \`${other}\` and \`${key}\` both \`${final}\`, so nothing in this file was renamed; remove the duplicate first`;
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
