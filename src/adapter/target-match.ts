// Which modules an adapter_config.json selects, decided as PEFT decides it (reference §5.3).
import type { AdapterConfig } from '../types.js';
import { compilePythonRegex, matchModuleName } from './python-regex.js';

const compiled = new Map<string, RegExp | null>();

/** A compiled Python pattern, cached; null when it does not compile (config parsing already reported it). */
export function cachedPattern(pattern: string, anchor: 'fullmatch' | 'suffix'): RegExp | null {
  const key = `${anchor}\u0000${pattern}`;
  if (!compiled.has(key)) {
    try {
      compiled.set(key, compilePythonRegex(pattern, anchor));
    } catch {
      compiled.set(key, null);
    }
  }
  return compiled.get(key) ?? null;
}

/** null when a pathological pattern could not be decided in time. */
function fullmatch(pattern: string, name: string): boolean | null {
  const regex = cachedPattern(pattern, 'fullmatch');
  return regex === null ? false : matchModuleName(regex, name);
}

/** A list entry selects a module when it equals the name or is a dotted suffix of it. */
export function listEntryMatches(entry: string, name: string): boolean {
  return name === entry || name.endsWith(`.${entry}`);
}

export function isAllLinear(target: AdapterConfig['targetModules']): boolean {
  return typeof target === 'string' && target.toLowerCase() === 'all-linear';
}

/** `exclude_modules`: a string is a full regex match, a list is exact or dotted suffix. */
export function isExcluded(config: AdapterConfig, name: string): boolean {
  const exclude = config.excludeModules;
  if (exclude === null) return false;
  if (typeof exclude === 'string') return fullmatch(exclude, name) === true;
  return exclude.some((entry) => listEntryMatches(entry, name));
}

/** LoRA never wraps a module that `modules_to_save` names: `(^|.*\.)entry($|\..*)`. */
function isSavedModule(config: AdapterConfig, name: string): boolean {
  return (config.modulesToSave ?? []).some((entry) =>
    new RegExp(`^(?:.*\\.)?${escapeRegex(entry)}(?:$|\\..*)`).test(name),
  );
}

/** Layer index as PEFT extracts it: the first `<pattern>.<n>.` (any segment when no pattern is set). */
export function layerIndexOf(name: string, layersPattern: readonly string[] | null): number | null {
  const patterns = layersPattern && layersPattern.length > 0 ? layersPattern : [null];
  for (const pattern of patterns) {
    const regex =
      pattern === null ? /^.*?\.[^.]*\.(\d+)\./ : new RegExp(`^.*?\\.${escapeRegex(pattern)}\\.(\\d+)\\.`);
    const match = regex.exec(name);
    if (match) return Number(match[1]);
  }
  return null;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Entries of `target_parameters` (`<module path>.<parameter>`) select the module that owns the parameter. */
function selectedByTargetParameters(config: AdapterConfig, name: string): boolean {
  const params = config.raw.target_parameters;
  if (!Array.isArray(params)) return false;
  return params.some((p) => {
    if (typeof p !== 'string') return false;
    const dot = p.lastIndexOf('.');
    return dot > 0 && listEntryMatches(p.slice(0, dot), name);
  });
}

/**
 * Does the config make PEFT put LoRA on this module? `name` is the module path inside the wrapped model
 * (no `base_model.model.`). Returns true when `target_modules` is null (filled from model tables we do not know).
 */
export function isTargetedModule(config: AdapterConfig, name: string): boolean {
  if (selectedByTargetParameters(config, name)) return true;
  const target = config.targetModules;
  if (target === null) return true;
  if (isExcluded(config, name)) return false;
  if (isSavedModule(config, name)) return false;
  if (typeof target === 'string') {
    // Undecided (a pattern that backtracks without end) counts as selected: no finding on a guess.
    return isAllLinear(target) || fullmatch(target, name) !== false;
  }
  if (!target.some((entry) => listEntryMatches(entry, name))) return false;
  if (config.layersToTransform !== null) {
    const index = layerIndexOf(name, config.layersPattern);
    return index !== null && config.layersToTransform.includes(index);
  }
  return true;
}

/** `target_modules` list entries that select none of the given module names. */
export function unusedTargetEntries(config: AdapterConfig, moduleNames: readonly string[]): string[] {
  const target = config.targetModules;
  if (target === null || typeof target === 'string') return [];
  return target.filter((entry) => !moduleNames.some((name) => listEntryMatches(entry, name)));
}

/** PEFT's heads for a task type: added to `modules_to_save` at load even when the saved config says null. */
export function taskHeads(config: AdapterConfig): readonly string[] {
  if (config.taskType === 'SEQ_CLS' || config.taskType === 'TOKEN_CLS') return ['classifier', 'score'];
  if (config.taskType === 'QUESTION_ANS') return ['qa_outputs'];
  return [];
}

/**
 * Is a full tensor at `path` (module path plus parameter, no prefix) covered by `modules_to_save`? PEFT tests
 * `module_name.endswith(entry)` with no dot boundary, on the wrapped module that holds the parameter.
 */
export function savedModuleEntryFor(config: AdapterConfig, path: string): string | null {
  const entries = [...(config.modulesToSave ?? []), ...taskHeads(config)];
  const segs = path.split('.');
  for (let end = segs.length - 1; end >= 1; end--) {
    const owner = segs.slice(0, end).join('.');
    const entry = entries.find((e) => owner.endsWith(e));
    if (entry !== undefined) return entry;
  }
  return null;
}
