// `.adapter-lint.json`: rule severities, ignores, per-path overrides, excludes and the fail level,
// validated with errors that name the file and the field. Shared by the CLI and the Action, with the
// parsers of the option values both front doors take (fail level, shard, threads, thresholds).
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { RULES } from './rules/registry.js';
import type { Rule } from './rules/rule.js';
import type { FailOn, PathOverride, SeverityOrOff } from './types.js';

export const DEFAULT_CONFIG_FILE = '.adapter-lint.json';

export type RuleIdentity = Pick<Rule, 'id' | 'slug'>;

export interface FileConfig {
  /** Rule ID -> severity or `off` (slugs in the file are turned into IDs). */
  readonly rules: Readonly<Record<string, SeverityOrOff>>;
  /** Rule IDs turned off everywhere, overrides included. */
  readonly ignore: readonly string[];
  readonly overrides: readonly PathOverride[];
  readonly exclude: readonly string[];
  readonly failOn?: FailOn;
}

export const EMPTY_CONFIG: FileConfig = { rules: {}, ignore: [], overrides: [], exclude: [] };

/** A config problem: the CLI prints it and exits 2. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly field: string | null,
    detail: string,
  ) {
    super(field ? `${file}: ${field}: ${detail}` : `${file}: ${detail}`);
    this.name = 'ConfigError';
  }
}

const SEVERITY_VALUES: readonly SeverityOrOff[] = ['error', 'warning', 'note', 'off'];
/** Every fail level, for `--fail-on`, the `fail-on` input and `failOn` in the config file. */
export const FAIL_ON_VALUES: readonly FailOn[] = ['error', 'warning', 'note', 'never'];
const TOP_LEVEL_KEYS = ['$schema', 'rules', 'ignore', 'overrides', 'exclude', 'failOn'];
const OVERRIDE_KEYS = ['files', 'rules', 'ignore'];

/**
 * Finds the config: `explicit` (relative to cwd; must exist), else `.adapter-lint.json` in cwd when present.
 * Returns the parsed config and the file it came from (null when there is none).
 */
export async function loadConfig(
  cwd: string,
  explicit?: string,
  rules: readonly RuleIdentity[] = RULES,
): Promise<{ readonly file: string | null; readonly config: FileConfig }> {
  const file = explicit ?? DEFAULT_CONFIG_FILE;
  const absolute = resolve(cwd, file);
  const exists = await stat(absolute).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!exists) {
    if (explicit !== undefined) throw new ConfigError(file, null, 'no such file');
    return { file: null, config: EMPTY_CONFIG };
  }
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new ConfigError(file, null, `cannot be read (${(error as Error).message})`);
  }
  return { file, config: parseConfig(text, file, rules) };
}

export function parseConfig(text: string, file: string, rules: readonly RuleIdentity[] = RULES): FileConfig {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(file, null, `not valid JSON (${(error as Error).message})`);
  }
  return validateConfig(value, file, rules);
}

export function validateConfig(
  value: unknown,
  file: string,
  rules: readonly RuleIdentity[] = RULES,
): FileConfig {
  const fail = (field: string | null, detail: string): never => {
    throw new ConfigError(file, field, detail);
  };
  if (!isPlainObject(value)) return fail(null, 'must be a JSON object');
  rejectUnknownKeys(value, TOP_LEVEL_KEYS, '', fail);

  const ruleIdOf = (raw: string, field: string) => {
    try {
      return resolveRuleId(raw, rules);
    } catch (error) {
      return fail(field, (error as Error).message);
    }
  };
  const readRules = (raw: unknown, field: string): Record<string, SeverityOrOff> => {
    if (raw === undefined) return {};
    if (!isPlainObject(raw))
      return fail(field, 'must be an object of rule ID -> "error" | "warning" | "note" | "off"');
    const out: Record<string, SeverityOrOff> = {};
    for (const [key, severity] of Object.entries(raw)) {
      const id = ruleIdOf(key, `${field}.${key}`);
      if (typeof severity !== 'string' || !SEVERITY_VALUES.includes(severity as SeverityOrOff))
        fail(
          `${field}.${key}`,
          `must be one of ${SEVERITY_VALUES.map((s) => `"${s}"`).join(', ')}, got ${show(severity)}`,
        );
      out[id] = severity as SeverityOrOff;
    }
    return out;
  };
  const readRuleList = (raw: unknown, field: string): string[] =>
    readStrings(raw, field, fail).map((s, i) => ruleIdOf(s, `${field}[${i}]`));

  const overridesRaw = value.overrides;
  if (overridesRaw !== undefined && !Array.isArray(overridesRaw))
    fail('overrides', 'must be an array of { "files": [...], "rules": {...} }');
  const overrides: PathOverride[] = ((overridesRaw as unknown[] | undefined) ?? []).map((entry, i) => {
    const field = `overrides[${i}]`;
    if (!isPlainObject(entry)) return fail(field, 'must be an object with "files" and "rules"');
    rejectUnknownKeys(entry, OVERRIDE_KEYS, `${field}.`, fail);
    const files = readStrings(entry.files, `${field}.files`, fail);
    if (files.length === 0) fail(`${field}.files`, 'must list at least one glob');
    const overrideRules = readRules(entry.rules, `${field}.rules`);
    for (const id of readRuleList(entry.ignore, `${field}.ignore`)) overrideRules[id] = 'off';
    return { files, rules: overrideRules };
  });

  let failOn: FailOn | undefined;
  if (value.failOn !== undefined) {
    if (typeof value.failOn !== 'string' || !FAIL_ON_VALUES.includes(value.failOn as FailOn))
      fail(
        'failOn',
        `must be one of ${FAIL_ON_VALUES.map((s) => `"${s}"`).join(', ')}, got ${show(value.failOn)}`,
      );
    failOn = value.failOn as FailOn;
  }

  return {
    rules: readRules(value.rules, 'rules'),
    ignore: readRuleList(value.ignore, 'ignore'),
    overrides,
    exclude: readStrings(value.exclude, 'exclude', fail),
    ...(failOn ? { failOn } : {}),
  };
}

/** A rule ID or slug (any case) -> the ID; anything else throws with the nearest match as a suggestion. */
export function resolveRuleId(idOrSlug: string, rules: readonly RuleIdentity[] = RULES): string {
  const wanted = idOrSlug.trim();
  const lower = wanted.toLowerCase();
  const match = rules.find((r) => r.id.toLowerCase() === lower || r.slug.toLowerCase() === lower);
  if (match) return match.id;
  const suggestion = nearestRule(wanted, rules);
  throw new Error(`unknown rule "${idOrSlug}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}`);
}

export interface RuleSelection {
  /** From the command line (`--ignore`): turned off everywhere. */
  readonly ignore?: readonly string[];
  /** From the command line (`--select`): only these rules run. */
  readonly select?: readonly string[];
}

/**
 * The engine's `rules` and `overrides` from the config plus the command line. Ignored and unselected rules are
 * `off` at top level and in every override, so no override can bring them back.
 */
export function resolveRuleSettings(
  config: FileConfig,
  selection: RuleSelection,
  rules: readonly RuleIdentity[] = RULES,
): { rules: Record<string, SeverityOrOff>; overrides: PathOverride[] } {
  const off = new Set([...config.ignore, ...(selection.ignore ?? [])]);
  if (selection.select && selection.select.length > 0) {
    const keep = new Set(selection.select);
    for (const r of rules) if (!keep.has(r.id)) off.add(r.id);
  }
  const settings: Record<string, SeverityOrOff> = { ...config.rules };
  for (const id of off) settings[id] = 'off';
  const overrides = config.overrides.map((o) => ({
    files: o.files,
    rules: Object.fromEntries(Object.entries(o.rules).map(([id, s]) => [id, off.has(id) ? 'off' : s])),
  }));
  return { rules: settings, overrides };
}

function nearestRule(wanted: string, rules: readonly RuleIdentity[]): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const r of rules) {
    for (const name of [r.id, r.slug]) {
      const d = editDistance(wanted.toLowerCase(), name.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = name === r.id ? r.id : `${r.id} (${r.slug})`;
      }
    }
  }
  return bestDistance <= Math.max(2, Math.floor(wanted.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length]!;
}

function readStrings(raw: unknown, field: string, fail: (field: string, detail: string) => never): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return fail(field, `must be an array of strings, got ${show(raw)}`);
  return raw.map((item, i) => {
    if (typeof item !== 'string' || item.trim() === '')
      fail(`${field}[${i}]`, `must be a non-empty string, got ${show(item)}`);
    return item as string;
  });
}

function rejectUnknownKeys(
  object: Record<string, unknown>,
  allowed: readonly string[],
  prefix: string,
  fail: (field: string, detail: string) => never,
): void {
  for (const key of Object.keys(object)) {
    if (allowed.includes(key)) continue;
    const near = allowed.find((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
    fail(
      `${prefix}${key}`,
      `unknown field${near ? ` (did you mean "${near}"?)` : ''}; allowed: ${allowed.join(', ')}`,
    );
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

// Option values shared by the CLI and the Action. Each throws an Error whose message completes
// "<flag or input name> ...", so both front doors say the same thing with their own prefix.

/** "2/4" -> { index: 2, count: 4 }, 1 <= index <= count. */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!match || count < 1 || index < 1 || index > count)
    throw new Error(`must be I/N with 1 <= I <= N, e.g. 2/4 (got "${text}")`);
  return { index, count };
}

/** Worker threads beyond this many per core only cost memory. */
export const THREADS_PER_CORE = 4;

/** A whole number of worker threads, 0 (inline) up to 4 x the available cores. */
export function parseThreads(text: string, cores: number = availableParallelism()): number {
  if (!/^\d+$/.test(text.trim())) throw new Error(`must be a whole number >= 0 (got "${text}")`);
  const threads = Number(text.trim());
  const max = THREADS_PER_CORE * cores;
  if (threads > max)
    throw new Error(
      `must be at most ${max} (${THREADS_PER_CORE} x the ${cores} available core${cores === 1 ? '' : 's'}) (got "${text}")`,
    );
  return threads;
}

/** A finite number within [min, max] (the AL502 / AL503 thresholds). */
export function parseNumberInRange(text: string, min: number, max: number): number {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `between ${min} and ${max}`;
    throw new Error(`must be a number ${range} (got "${text}")`);
  }
  return value;
}

/** `--no-op-threshold` / `no-op-threshold`: AL502's update size below which a merge changes nothing. */
export function parseNoOpThreshold(text: string): number {
  return parseNumberInRange(text, 0, Number.POSITIVE_INFINITY);
}

/** `--precision-threshold` / `precision-threshold`: AL503's fraction of elements rounded away. */
export function parsePrecisionThreshold(text: string): number {
  return parseNumberInRange(text, 0, 1);
}
