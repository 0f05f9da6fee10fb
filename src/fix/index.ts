// `--fix`: plan the safe renames for every adapter, then (unless a dry run) apply them.
import { link, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { discoverAdapters } from '../adapter/discover.js';
import { loadAdapter } from '../adapter/load.js';
import { selectPlans } from '../lint.js';
import type { LintOptions } from '../types.js';
import type { AdapterFixPlan } from './plan.js';
import { planAdapterFix } from './plan.js';
import { rewriteTensorNames } from './rewrite-safetensors.js';

export type { AdapterFixPlan, FileFixPlan, FileRename, FixRefusal, KeyRename } from './plan.js';

/** Which adapters to fix, chosen exactly as lint() chooses them. */
export interface FixOptions
  extends Pick<LintOptions, 'cwd' | 'paths' | 'exclude' | 'changedFiles' | 'shard'> {
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
}

export async function fixAdapters(options: FixOptions): Promise<FixResult> {
  const cwd = resolve(options.cwd);
  const discovery = await discoverAdapters({
    cwd,
    paths: options.paths,
    ...(options.exclude ? { exclude: options.exclude } : {}),
  });
  const plans: AdapterFixPlan[] = [];
  for (const plan of selectPlans(discovery.plans, options, [])) {
    const { adapter } = await loadAdapter(cwd, plan);
    const fix = planAdapterFix(adapter);
    if (fix.files.length > 0 || fix.fileRename || fix.refused.length > 0) plans.push(fix);
  }
  if (options.dryRun) return { plans, changedFiles: 0, failures: [] };

  let changedFiles = 0;
  const failures: FixFailure[] = [];
  for (const plan of plans) {
    for (const file of plan.files) {
      try {
        await rewriteTensorNames(file.absPath, new Map(file.renames.map((r) => [r.from, r.to])));
        changedFiles++;
      } catch (error) {
        failures.push({
          file: file.file,
          message: `not rewritten, the original is unchanged: ${messageOf(error)}`,
        });
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
  return { plans, changedFiles, failures };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
