// The files a run leaves behind: the JSON report (always) and SARIF (when asked for).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { formatJson, formatSarif } from '../report/index.js';
import type { LintReport } from '../types.js';

export type Shard = { readonly index: number; readonly count: number } | undefined;

/** Each shard of a matrix uploads its own code-scanning category, or uploads would replace each other. */
export function sarifCategory(shard: Shard): string {
  return shard ? `adapter-lint-shard-${shard.index}-of-${shard.count}` : 'adapter-lint';
}

export async function writeJsonReport(report: LintReport, folder: string, shard: Shard): Promise<string> {
  const suffix = shard ? `-shard-${shard.index}-of-${shard.count}` : '';
  const path = join(folder, `adapter-lint-report${suffix}.json`);
  await mkdir(folder, { recursive: true });
  await writeFile(path, formatJson(report));
  return path;
}

/** `file` is relative to the workspace unless absolute. */
export async function writeSarifReport(
  report: LintReport,
  workspace: string,
  file: string,
  shard: Shard,
): Promise<string> {
  const path = resolve(workspace, file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, formatSarif(report, { category: sarifCategory(shard) }));
  return path;
}
