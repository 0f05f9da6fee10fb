// One line per change, so a dry run can be reviewed rename by rename.
import type { FixResult } from './index.js';

export function formatFixResult(result: FixResult, dryRun: boolean): string {
  const lines: string[] = [];
  const verb = dryRun ? 'would rename' : 'renamed';
  let keys = 0;
  for (const plan of result.plans) {
    for (const file of plan.files) {
      for (const rename of file.renames) {
        lines.push(`${file.file}: ${verb} ${rename.from} -> ${rename.to} (${rename.rules.join(', ')})`);
        keys++;
      }
    }
    if (plan.index) {
      lines.push(
        `${plan.index.file}: ${dryRun ? 'would update' : 'updated'} ${plan.index.renames.length} weight_map key(s) to match the shards`,
      );
    }
    if (plan.fileRename) lines.push(`${verb} file ${plan.fileRename.from} -> ${plan.fileRename.to} (AL404)`);
    for (const refusal of plan.refused)
      lines.push(`${refusal.file}: not fixed (${refusal.rule}): ${refusal.reason}`);
  }
  for (const notice of result.notices) lines.push(`notice: ${notice}`);
  for (const failure of result.failures) lines.push(`${failure.file}: fix failed: ${failure.message}`);
  const fileRenames = result.plans.filter((p) => p.fileRename).length;
  const summary = dryRun
    ? `fix dry run: ${keys} key rename(s) and ${fileRenames} file rename(s) planned; nothing was changed`
    : `fix: ${keys - failedKeys(result)} key rename(s) and ${fileRenames} file rename(s) applied in ${result.changedFiles} file(s)` +
      (result.failures.length > 0 ? `; ${result.failures.length} failed` : '');
  lines.push(summary);
  return `${lines.join('\n')}\n`;
}

function failedKeys(result: FixResult): number {
  const failed = new Set(result.failures.map((f) => f.file));
  let count = 0;
  for (const plan of result.plans)
    for (const file of plan.files) if (failed.has(file.file)) count += file.renames.length;
  return count;
}
