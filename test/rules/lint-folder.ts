// Run lint() over a scratch folder that a test fills by code.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { lint } from '../../src/lint.js';
import type { Finding, LintOptions, LintReport } from '../../src/types.js';

const scratch: string[] = [];

afterEach(async () => {
  await Promise.all(scratch.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'adapter-lint-'));
  scratch.push(dir);
  return dir;
}

/** Build files in a fresh folder, lint it inline (threads 0), return the report. */
export async function lintScratch(
  build: (dir: string) => Promise<void>,
  options: Partial<LintOptions> = {},
): Promise<LintReport> {
  const dir = await scratchDir();
  await build(dir);
  return lint({ cwd: dir, paths: [], threads: 0, ...options });
}

export function ruleIds(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.ruleId);
}

export function findingsOf(report: LintReport, ruleId: string): Finding[] {
  return report.findings.filter((f) => f.ruleId === ruleId);
}
