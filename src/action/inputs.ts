// Reads and validates the Action's inputs. A plain `node dist/index.js` gets no action.yml defaults,
// so every default is repeated here.
import * as core from '@actions/core';
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
  /** Apply the safe fixes in the workspace before linting. */
  readonly fix: boolean;
}

const MODES: readonly Mode[] = ['auto', 'changed', 'all'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'note', 'never'];

export function readInputs(): ActionInputs {
  const baseModel = optional('base-model');
  const mergedModel = optional('merged-model');
  if (mergedModel && !baseModel) throw new ActionError('Input merged-model needs base-model as well.');
  const threads = optional('threads');
  const shard = optional('shard');
  return {
    paths: list('paths').filter((p) => p !== '.'),
    mode: oneOf('mode', MODES, 'auto'),
    baseModel,
    mergedModel,
    failOn: core.getInput('fail-on') ? oneOf('fail-on', FAIL_ON, 'error') : undefined,
    ignore: list('ignore'),
    config: optional('config'),
    sarifFile: optional('sarif-file'),
    maxAnnotations: nonNegativeInteger('max-annotations', core.getInput('max-annotations') || '10'),
    threads: threads === undefined ? undefined : nonNegativeInteger('threads', threads),
    token: core.getInput('token'),
    shard: shard === undefined ? undefined : parseShard(shard),
    exact: boolean('exact'),
    fix: boolean('fix'),
  };
}

/** `i/n` with 1 <= i <= n. */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(text);
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!(index >= 1 && count >= 1 && index <= count)) {
    throw new ActionError(
      `Input shard must look like 2/4 (this job's number, then the job count), got "${text}".`,
    );
  }
  return { index, count };
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
