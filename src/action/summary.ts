// The job summary: totals, a findings table per adapter, and (when the merge check ran) per-module
// update sizes with a per-layer chart. Everything from a checkpoint is escaped; the whole stays under
// GitHub's 1 MiB per-step limit, cut at a table row with a note when it would not. Names (files, tensors,
// modules) are plain text; messages and notices show their inline code as code (inlineMarkdown).

import { messageWithFix } from '../report/lfs-hint.js';
import { plural, SEVERITIES, sortWorstFirst, unattachedFindings } from '../report/summary.js';
import type { Finding, LintReport, ModuleMergeStats } from '../types.js';
import { escapeMarkdown, escapeMermaidLabel, formatRatio, inlineMarkdown, table } from './markdown.js';

/** GitHub rejects a step summary over 1 MiB; keep a margin for the truncation note. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;
const NOTE_RESERVE_BYTES = 2048;

export interface SummaryContext {
  readonly scope: string;
  readonly result: 'pass' | 'fail';
  readonly failReason?: string;
  readonly failOn: string;
  readonly notices: readonly string[];
  readonly reportPath?: string;
  readonly limitBytes?: number;
}

const ICON: Record<string, string> = { error: '🔴 error', warning: '🟠 warning', note: '🔵 note' };

export function buildSummary(report: LintReport, context: SummaryContext): string {
  const out = new BoundedText((context.limitBytes ?? SUMMARY_LIMIT_BYTES) - NOTE_RESERVE_BYTES);
  out.add(header(report, context));
  out.add(totalsByRule(report.findings));
  for (const adapter of report.adapters) {
    out.add(
      `### ${escapeMarkdown(adapter.path)}\n\n${escapeMarkdown(adapter.layout)} layout, ${plural(adapter.modules, 'module')}, ${plural(adapter.findings.length, 'finding')}`,
    );
    if (adapter.findings.length === 0) continue;
    out.addTable(
      ['Severity', 'Rule', 'File', 'Tensor', 'Message'],
      sortWorstFirst(adapter.findings).map(findingRow),
    );
  }
  const loose = unattachedFindings(report);
  if (loose.length > 0) {
    out.add('### Other files');
    out.addTable(['Severity', 'Rule', 'File', 'Tensor', 'Message'], sortWorstFirst(loose).map(findingRow));
  }
  if (report.merge.length > 0) addMergeSections(out, report.merge);
  return out.finish(context.reportPath);
}

/**
 * `leading` (the fix section), then the summary in what `leading` leaves of the byte budget, so the whole
 * stays under the limit.
 */
export function buildSummaryAfter(leading: string, report: LintReport, context: SummaryContext): string {
  const limitBytes = (context.limitBytes ?? SUMMARY_LIMIT_BYTES) - Buffer.byteLength(leading);
  return leading + buildSummary(report, { ...context, limitBytes });
}

function header(report: LintReport, context: SummaryContext): string {
  const counts = SEVERITIES.map((s) => plural(report.findings.filter((f) => f.severity === s).length, s));
  const verdict =
    context.result === 'pass'
      ? `✅ pass (fail-on=${context.failOn})`
      : `❌ fail: ${inlineMarkdown(context.failReason ?? `findings at or above fail-on=${context.failOn}`)}`;
  const lines = [
    '## adapter-lint',
    '',
    `**${verdict}**`,
    '',
    `${counts.join(', ')} in ${plural(report.adapters.length, 'adapter')} (${plural(report.files, 'file')} read). Scope: ${escapeMarkdown(context.scope)}.`,
  ];
  for (const notice of [...context.notices, ...report.notices]) lines.push('', `> ${inlineMarkdown(notice)}`);
  return lines.join('\n');
}

function totalsByRule(findings: readonly Finding[]): string {
  if (findings.length === 0) return '### Totals by rule\n\nNo findings.';
  const totals = new Map<string, { finding: Finding; count: number }>();
  for (const finding of sortWorstFirst(findings)) {
    const key = `${finding.ruleId} ${finding.severity}`;
    const entry = totals.get(key);
    if (entry) entry.count++;
    else totals.set(key, { finding, count: 1 });
  }
  const rows = [...totals.values()].map(({ finding, count }) => [
    escapeMarkdown(finding.ruleId),
    escapeMarkdown(finding.slug),
    ICON[finding.severity] ?? finding.severity,
    String(count),
  ]);
  return `### Totals by rule\n\n${table(['Rule', 'Slug', 'Severity', 'Count'], rows)}`;
}

function findingRow(finding: Finding): string[] {
  return [
    ICON[finding.severity] ?? finding.severity,
    `${escapeMarkdown(finding.ruleId)} ${escapeMarkdown(finding.slug)}`,
    escapeMarkdown(finding.file),
    escapeMarkdown(finding.tensor ?? ''),
    inlineMarkdown(messageWithFix(finding)),
  ];
}

function addMergeSections(out: BoundedText, merge: readonly ModuleMergeStats[]): void {
  const byAdapter = new Map<string, ModuleMergeStats[]>();
  for (const stats of merge) byAdapter.set(stats.adapter, [...(byAdapter.get(stats.adapter) ?? []), stats]);
  for (const [adapter, modules] of byAdapter) {
    const layers = byLayer(modules);
    const name = escapeMarkdown(adapter);
    out.add(`### Merge check: ${name}\n\nUpdate size is ‖scale·B·A‖ / ‖W‖ (Frobenius norms).`);
    out.add(
      [
        '```mermaid',
        'xychart-beta',
        `  title "Update size by layer: ${escapeMermaidLabel(adapter)}"`,
        `  x-axis "layer" [${layers.map((l) => `"${escapeMermaidLabel(l.label)}"`).join(', ')}]`,
        '  y-axis "mean update size"',
        `  bar [${layers.map((l) => formatRatio(l.mean)).join(', ')}]`,
        '```',
      ].join('\n'),
    );
    out.addTable(
      ['Layer', 'Modules', 'Mean update size (chart)', 'Largest update size'],
      layers.map((l) => [escapeMarkdown(l.label), String(l.count), formatRatio(l.mean), formatRatio(l.max)]),
    );
    out.addTable(
      ['Module', 'Base tensor', 'Scale', '‖ΔW‖', '‖W‖', 'Update size', 'Rounding loss', 'Merged'],
      modules.map((m) => [
        escapeMarkdown(m.module),
        escapeMarkdown(m.baseTensor ?? '(none)'),
        formatRatio(m.scale),
        formatRatio(m.updateNorm),
        formatRatio(m.baseNorm),
        formatRatio(m.ratio),
        m.roundingLoss === undefined ? '' : `${(m.roundingLoss * 100).toFixed(1)}%`,
        inlineMarkdown(m.error ? `failed: ${m.error}` : (m.mergedVerdict ?? '')),
      ]),
    );
  }
}

interface LayerStats {
  readonly label: string;
  readonly count: number;
  readonly mean: number;
  readonly max: number;
}

/** Modules grouped by the layer number in their name (`layers.12.`, `blocks.3.`); the rest as "other". */
export function byLayer(modules: readonly ModuleMergeStats[]): LayerStats[] {
  const groups = new Map<string, number[]>();
  for (const m of modules) {
    if (!Number.isFinite(m.ratio)) continue;
    const label = /(?:^|\.)(?:layers|blocks|h|layer|block)\.(\d+)(?:\.|$)/.exec(m.module)?.[1] ?? 'other';
    groups.set(label, [...(groups.get(label) ?? []), m.ratio]);
  }
  const order = (label: string) => (label === 'other' ? Number.POSITIVE_INFINITY : Number(label));
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([label, ratios]) => ({
      label,
      count: ratios.length,
      mean: ratios.reduce((sum, r) => sum + r, 0) / ratios.length,
      max: ratios.reduce((max, r) => Math.max(max, r), Number.NEGATIVE_INFINITY),
    }));
}

/** Markdown blocks appended while they fit a byte budget; tables are cut at a row. */
class BoundedText {
  private readonly blocks: string[] = [];
  private bytes = 0;
  private droppedRows = 0;
  private full = false;

  constructor(private readonly budget: number) {}

  add(block: string): void {
    if (this.full || !this.fits(block)) {
      this.full = true;
      return;
    }
    this.push(block);
  }

  addTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
    if (this.full) {
      this.droppedRows += rows.length;
      return;
    }
    const head = table(header, []);
    if (!this.fits(head)) {
      this.full = true;
      this.droppedRows += rows.length;
      return;
    }
    const lines = [head];
    let size = Buffer.byteLength(head) + 2;
    for (const [i, row] of rows.entries()) {
      const line = `\n| ${row.join(' | ')} |`;
      size += Buffer.byteLength(line);
      if (this.bytes + size > this.budget) {
        this.full = true;
        this.droppedRows += rows.length - i;
        break;
      }
      lines.push(line);
    }
    this.push(lines.join(''));
  }

  finish(reportPath?: string): string {
    if (this.full) {
      const where = reportPath ? ` The JSON report (${escapeMarkdown(reportPath)}) has everything.` : '';
      const rows = this.droppedRows > 0 ? ` ${plural(this.droppedRows, 'table row')} left out.` : '';
      this.blocks.push(`> **Summary truncated** to stay under GitHub's 1 MiB limit.${rows}${where}`);
    }
    return `${this.blocks.join('\n\n')}\n`;
  }

  private fits(block: string): boolean {
    return this.bytes + Buffer.byteLength(block) + 2 <= this.budget;
  }

  private push(block: string): void {
    this.blocks.push(block);
    this.bytes += Buffer.byteLength(block) + 2;
  }
}
