// The job summary section listing what the fix input changed, so a reviewer sees every rename.
import type { FixResult } from '../fix/index.js';
import { escapeMarkdown, table } from './markdown.js';

/** Rows past this go to the log only (the summary has a 1 MiB limit). */
const MAX_ROWS = 300;

export function fixSummary(result: FixResult): string {
  const rows: string[][] = [];
  for (const plan of result.plans) {
    for (const file of plan.files) {
      for (const r of file.renames)
        rows.push([
          escapeMarkdown(file.file),
          escapeMarkdown(r.from),
          escapeMarkdown(r.to),
          r.rules.join(', '),
        ]);
    }
    if (plan.fileRename)
      rows.push([
        escapeMarkdown(plan.fileRename.from),
        '(file)',
        escapeMarkdown(plan.fileRename.to),
        'AL404',
      ]);
  }
  const refused = result.plans.flatMap((p) => p.refused);
  const lines = [`## adapter-lint fixes`, '', `${result.changedFiles} file(s) changed in the workspace.`, ''];
  if (rows.length > 0) {
    lines.push(table(['File', 'Old name', 'New name', 'Rules'], rows.slice(0, MAX_ROWS)), '');
    if (rows.length > MAX_ROWS)
      lines.push(`… and ${rows.length - MAX_ROWS} more renames (see the step log).`, '');
  }
  for (const r of refused)
    lines.push(`- not fixed (${r.rule}) ${escapeMarkdown(r.file)}: ${escapeMarkdown(r.reason)}`);
  for (const f of result.failures)
    lines.push(`- fix failed ${escapeMarkdown(f.file)}: ${escapeMarkdown(f.message)}`);
  return `${lines.join('\n')}\n\n`;
}
