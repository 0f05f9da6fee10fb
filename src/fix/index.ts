// `--fix`: plan the safe renames for every adapter, then (unless a dry run) apply them.

import { link, lstat, realpath, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { discoverAdapters, toRelative } from '../adapter/discover.js';
import { loadAdapter } from '../adapter/load.js';
import { inlineCode } from '../inline-code.js';
import { selectPlans } from '../lint.js';
import type { LintOptions } from '../types.js';
import type { AdapterFixPlan, FixRefusal } from './plan.js';
import { planAdapterFix } from './plan.js';
import {
  findLeftoverTemporaries,
  type PreparedRewrite,
  prepareIndexRename,
  prepareTensorRename,
} from './rewrite-safetensors.js';
import { ruleFilter } from './rule-settings.js';

export type {
  AdapterFixPlan,
  FileFixPlan,
  FileRename,
  FixRefusal,
  IndexFixPlan,
  KeyRename,
} from './plan.js';

/**
 * Which adapters to fix, chosen exactly as lint() chooses them, and which rules are on (`rules`, per-path
 * `overrides`, IDs or slugs, as in lint): a fix is applied only for rules that are not `'off'`.
 */
export interface FixOptions
  extends Pick<LintOptions, 'cwd' | 'paths' | 'exclude' | 'changedFiles' | 'shard' | 'rules' | 'overrides'> {
  readonly dryRun: boolean;
}

export interface FixFailure {
  readonly file: string;
  readonly message: string;
}

export interface FixResult {
  readonly plans: readonly AdapterFixPlan[];
  /** Files whose keys were rewritten, plus files renamed (0 in a dry run). */
  readonly changedFiles: number;
  readonly failures: readonly FixFailure[];
  /** Things a person should know, e.g. a temporary file left by an interrupted fix (never deleted by us). */
  readonly notices: readonly string[];
}

export async function fixAdapters(options: FixOptions): Promise<FixResult> {
  const cwd = resolve(options.cwd);
  const discovery = await discoverAdapters({
    cwd,
    paths: options.paths,
    ...(options.exclude ? { exclude: options.exclude } : {}),
  });
  const enabled = ruleFilter(options);
  const plans: AdapterFixPlan[] = [];
  const notices: string[] = [];
  for (const plan of selectPlans(discovery.plans, options, [])) {
    const { adapter } = await loadAdapter(cwd, plan);
    const index = plan.index
      ? {
          file: toRelative(cwd, plan.index.file.path),
          absPath: plan.index.file.path,
          parsed: plan.index.parsed,
        }
      : null;
    const fix = await withoutLinkedFiles(planAdapterFix(adapter, { enabled, index }), cwd);
    if (fix.files.length > 0 || fix.fileRename || fix.refused.length > 0) plans.push(fix);
    const targets = [...adapter.weights.map((w) => w.absPath), ...(index ? [index.absPath] : [])];
    for (const target of targets) {
      for (const leftover of await findLeftoverTemporaries(target)) {
        notices.push(leftoverNotice(cwd, leftover.path, leftover.kind));
      }
    }
  }
  if (options.dryRun) return { plans, changedFiles: 0, failures: [], notices };

  let changedFiles = 0;
  const failures: FixFailure[] = [];
  for (const plan of plans) {
    if (plan.index) {
      changedFiles += await applyTogether(plan, failures);
    } else {
      for (const file of plan.files) {
        try {
          const rewrite = await prepareTensorRename(file.absPath, renameMap(file.renames));
          await rewrite.commit();
          changedFiles++;
        } catch (error) {
          failures.push({
            file: file.file,
            message: `not rewritten, the original is unchanged: ${messageOf(error)}`,
          });
        }
      }
    }
    const rename = plan.fileRename;
    if (rename) {
      try {
        // link() fails when the target exists, so an existing adapter_model.safetensors is never overwritten.
        await link(rename.absFrom, rename.absTo);
        await unlink(rename.absFrom);
        changedFiles++;
      } catch (error) {
        failures.push({ file: rename.from, message: `not renamed to ${rename.to}: ${messageOf(error)}` });
      }
    }
  }
  return { plans, changedFiles, failures, notices };
}

/**
 * A weights file reached through a symlink is not rewritten: renaming a new file over the link would replace
 * the link with a copy (and its target may be shared). The fix says so, and the target can be fixed instead.
 */
async function withoutLinkedFiles(plan: AdapterFixPlan, cwd: string): Promise<AdapterFixPlan> {
  const paths = [
    ...plan.files.map((f) => f.absPath),
    ...(plan.index ? [plan.index.absPath] : []),
    ...(plan.fileRename ? [plan.fileRename.absFrom] : []),
  ];
  const linked = new Set<string>();
  for (const path of paths) {
    const info = await lstat(path).catch(() => null);
    if (info?.isSymbolicLink()) linked.add(path);
  }
  if (linked.size === 0) return plan;
  const targets = new Map<string, string>();
  const realCwd = await realpath(cwd).catch(() => cwd);
  for (const path of linked) {
    const target = await realpath(path).catch(() => null);
    if (target) targets.set(path, toRelative(realCwd, target));
  }
  const refusal = (path: string, rule: string): FixRefusal => {
    const target = targets.get(path);
    return {
      file: toRelative(cwd, path),
      rule,
      reason: `it is a symbolic link, so it was not rewritten (that would replace the link with a copy); fix the file it points to${
        target
          ? ` by naming it (${inlineCode(`adapter-lint --fix ${shellWord(target)}`)}); other links to it change too`
          : ''
      }`,
    };
  };
  // A sharded adapter's shards and index change together or not at all.
  const keepFiles = plan.index ? [] : plan.files.filter((f) => !linked.has(f.absPath));
  const keyRule = plan.files[0]?.renames[0]?.rules[0] ?? 'AL202';
  const refused = [...plan.refused];
  for (const path of linked)
    refused.push(refusal(path, plan.fileRename?.absFrom === path ? 'AL404' : keyRule));
  return {
    ...plan,
    files: keepFiles,
    index: plan.index && keepFiles.length > 0 ? plan.index : null,
    fileRename: plan.fileRename && linked.has(plan.fileRename.absFrom) ? null : plan.fileRename,
    refused,
  };
}

/** A path as one shell word: quoted when it holds anything but letters, digits and `._/-`. */
function shellWord(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/**
 * A sharded adapter: every shard and the index are written to temporary files and checked first; only when all
 * are ready are they renamed into place, the index last. Any failure before that leaves every file untouched.
 */
async function applyTogether(plan: AdapterFixPlan, failures: FixFailure[]): Promise<number> {
  const index = plan.index!;
  const ready: PreparedRewrite[] = [];
  const fileOf = new Map<string, string>();
  let current = index.file;
  try {
    for (const file of plan.files) {
      current = file.file;
      const rewrite = await prepareTensorRename(file.absPath, renameMap(file.renames));
      ready.push(rewrite);
      fileOf.set(rewrite.target, file.file);
    }
    current = index.file;
    const rewrite = await prepareIndexRename(index.absPath, renameMap(index.renames));
    ready.push(rewrite);
    fileOf.set(rewrite.target, index.file);
  } catch (error) {
    await Promise.all(ready.map((r) => r.discard()));
    failures.push({
      file: current,
      message: `not rewritten, so neither the shards nor the index changed: ${messageOf(error)}`,
    });
    return 0;
  }
  let committed = 0;
  for (const rewrite of ready) {
    try {
      await rewrite.commit();
      committed++;
    } catch (error) {
      const done = ready.slice(0, committed).map((r) => fileOf.get(r.target));
      await Promise.all(ready.slice(committed).map((r) => r.discard()));
      failures.push({
        file: fileOf.get(rewrite.target) ?? current,
        message: `could not be put in place (${messageOf(error)}); already replaced: ${done.join(', ') || 'none'}, so the index and shards may disagree until the fix is run again`,
      });
      break;
    }
  }
  return committed;
}

function renameMap(renames: readonly { from: string; to: string }[]): Map<string, string> {
  return new Map(renames.map((r) => [r.from, r.to]));
}

function leftoverNotice(cwd: string, path: string, kind: 'file' | 'symlink' | 'other'): string {
  const shown = toRelative(cwd, path);
  return kind === 'file'
    ? `${shown}: a temporary file left by an interrupted adapter-lint fix; it was not deleted (it may be in use or not ours): delete it once no fix is running`
    : `${shown}: named like an adapter-lint temporary file but is a ${kind === 'symlink' ? 'symbolic link' : 'non-regular file'}; it was neither followed nor touched: remove it`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
