// Reads and validates the Action's inputs. A plain `node dist/index.js` gets no action.yml defaults,
// so every default is repeated here.
import { availableParallelism } from 'node:os';
import * as core from '@actions/core';
import {
  FAIL_ON_VALUES,
  parseNoOpThreshold,
  parsePrecisionThreshold,
  parseShard,
  parseThreads,
  THREADS_PER_CORE,
} from '../config-file.js';
import type { FailOn } from '../types.js';
import { ActionError } from './errors.js';

export type Mode = 'auto' | 'changed' | 'all';

export interface ActionInputs {
  readonly paths: readonly string[];
  readonly mode: Mode;
  readonly baseModel?: string;
  readonly mergedModel?: string;
  /** Undefined: the config file's failOn, else error. */
  readonly failOn?: FailOn;
  /** Rule IDs (or slugs) turned off. */
  readonly ignore: readonly string[];
  readonly config?: string;
  readonly sarifFile?: string;
  readonly maxAnnotations: number;
  readonly threads?: number;
  readonly token: string;
  readonly shard?: { readonly index: number; readonly count: number };
  readonly exact: boolean;
  /** AL502's threshold; undefined: the engine's default (1e-6). */
  readonly noOpThreshold?: number;
  /** AL503's threshold (a fraction); undefined: the engine's default (0.5). */
  readonly precisionThreshold?: number;
  /** Apply the safe fixes in the workspace before linting. */
  readonly fix: boolean;
}

const MODES: readonly Mode[] = ['auto', 'changed', 'all'];

export function readInputs(): ActionInputs {
  const baseModel = optional('base-model');
  const mergedModel = optional('merged-model');
  if (mergedModel && !baseModel) throw new ActionError('Input merged-model needs base-model as well.');
  const threads = optional('threads');
  const shard = optional('shard');
  const noOpThreshold = optional('no-op-threshold');
  const precisionThreshold = optional('precision-threshold');
  return {
    paths: list('paths').filter((p) => p !== '.'),
    mode: oneOf('mode', MODES, 'auto'),
    baseModel,
    mergedModel,
    failOn: core.getInput('fail-on') ? oneOf('fail-on', FAIL_ON_VALUES, 'error') : undefined,
    ignore: list('ignore'),
    config: optional('config'),
    sarifFile: optional('sarif-file'),
    maxAnnotations: nonNegativeInteger('max-annotations', core.getInput('max-annotations') || '10'),
    threads: threads === undefined ? undefined : runnerThreads(threads),
    token: core.getInput('token'),
    shard: shard === undefined ? undefined : parsed('shard', parseShard, shard),
    exact: boolean('exact'),
    noOpThreshold:
      noOpThreshold === undefined ? undefined : parsed('no-op-threshold', parseNoOpThreshold, noOpThreshold),
    precisionThreshold:
      precisionThreshold === undefined
        ? undefined
        : parsed('precision-threshold', parsePrecisionThreshold, precisionThreshold),
    fix: boolean('fix'),
  };
}

/** A shared option parser (the CLI uses the same ones), its message completed with the input's name. */
function parsed<T>(name: string, parse: (text: string) => T, text: string): T {
  try {
    return parse(text);
  } catch (error) {
    throw new ActionError(`Input ${name} ${(error as Error).message}.`);
  }
}

function optional(name: string): string | undefined {
  return core.getInput(name) || undefined;
}

/** Newline- or comma-separated values. */
function list(name: string): string[] {
  return core
    .getInput(name)
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = core.getInput(name) || fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ActionError(`Input ${name} must be one of ${allowed.join(', ')}, got "${value}".`);
  }
  return value as T;
}

function nonNegativeInteger(name: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new ActionError(`Input ${name} must be a whole number >= 0, got "${text}".`);
  return Number(text);
}

function boolean(name: string): boolean {
  const value = core.getInput(name).toLowerCase();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new ActionError(`Input ${name} must be true or false, got "${core.getInput(name)}".`);
}

/**
 * The same workflow runs on runners of different sizes, so a threads value above what this runner can use is
 * lowered with a warning rather than failing the step (the CLI refuses it).
 */
function runnerThreads(text: string): number {
  const requested = parsed('threads', (t) => parseThreads(t, Number.MAX_SAFE_INTEGER), text);
  const max = THREADS_PER_CORE * availableParallelism();
  if (requested <= max) return requested;
  core.warning(`Input threads is ${requested}, more than this runner can use: using ${max}.`);
  return max;
}
