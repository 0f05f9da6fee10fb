// The job summary section listing what the fix input changed, so a reviewer sees every rename.
import type { FixResult } from '../fix/index.js';
import { plural } from '../report/summary.js';
import { escapeMarkdown, inlineMarkdown, table } from './markdown.js';

/** Rows past this go to the log only (the summary has a 1 MiB limit). */
const MAX_ROWS = 300;
/**
 * The fix section's own byte budget: it comes before the findings, which get what is left of the 1 MiB
 * (main.ts passes the rest to buildSummary), so one huge fix must not crowd them out.
 */
export const FIX_SUMMARY_LIMIT_BYTES = 128 * 1024;
/** Room kept for the closing "left out" line. */
const NOTE_RESERVE_BYTES = 512;

export function fixSummary(result: FixResult, limitBytes: number = FIX_SUMMARY_LIMIT_BYTES): string {
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
    if (plan.index)
      rows.push([
        escapeMarkdown(plan.index.file),
        escapeMarkdown('(weight_map)'),
        `${plan.index.renames.length} keys renamed to match the shards`,
        [...new Set(plan.index.renames.flatMap((r) => r.rules))].sort().join(', '),
      ]);
    if (plan.fileRename)
      rows.push([
        escapeMarkdown(plan.fileRename.from),
        '(file)',
        escapeMarkdown(plan.fileRename.to),
        'AL404',
      ]);
  }
  const refused = result.plans.flatMap((p) => p.refused);
  const budget = limitBytes - NOTE_RESERVE_BYTES;
  const head = `## adapter-lint fixes\n\n${result.changedFiles} file(s) changed in the workspace.\n\n`;
  let out = head;
  let bytes = Buffer.byteLength(out);
  const fits = (text: string) => bytes + Buffer.byteLength(text) <= budget;
  const append = (text: string) => {
    out += text;
    bytes += Buffer.byteLength(text);
  };

  let renamesLeft = 0;
  if (rows.length > 0) {
    const header = table(['File', 'Old name', 'New name', 'Rules'], []);
    let shown = 0;
    if (fits(header)) {
      append(header);
      for (const row of rows.slice(0, MAX_ROWS)) {
        const line = `\n| ${row.join(' | ')} |`;
        if (!fits(line)) break;
        append(line);
        shown++;
      }
      append('\n\n');
    }
    renamesLeft = rows.length - shown;
  }
  const items = [
    ...result.notices.map((n) => `- notice: ${inlineMarkdown(n)}\n`),
    ...refused.map((r) => `- not fixed (${r.rule}) ${escapeMarkdown(r.file)}: ${inlineMarkdown(r.reason)}\n`),
    ...result.failures.map((f) => `- fix failed ${escapeMarkdown(f.file)}: ${inlineMarkdown(f.message)}\n`),
  ];
  let itemsLeft = 0;
  for (const [i, item] of items.entries()) {
    if (!fits(item)) {
      itemsLeft = items.length - i;
      break;
    }
    append(item);
  }
  const left = [
    renamesLeft > 0 ? plural(renamesLeft, 'more rename') : '',
    itemsLeft > 0 ? plural(itemsLeft, 'more fix note') : '',
  ].filter(Boolean);
  if (left.length > 0) out += `\n… and ${left.join(' and ')} (see the step log).\n`;
  return `${out.trimEnd()}\n\n`;
}
