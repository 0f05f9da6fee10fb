// Human report for a terminal: grouped by adapter, worst first, one line per finding, a count line at the end.
import type { AdapterReport, Finding, LintReport, ModuleMergeStats, Severity } from '../types.js';
import {
  oneLine,
  plural,
  sortAdaptersWorstFirst,
  sortWorstFirst,
  summaryLine,
  unattachedFindings,
} from './summary.js';

export interface TextOptions {
  /** ANSI colours (the CLI decides: a terminal and no NO_COLOR). */
  readonly color: boolean;
  /** Errors only, no clean adapters and no merge table; the count line still counts everything. */
  readonly quiet?: boolean;
}

const ANSI = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  cyan: '\x1b[36m',
  green: '\x1b[32m',
};
const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, note: ANSI.cyan };

type Paint = (style: string, text: string) => string;

export function formatText(report: LintReport, options: TextOptions): string {
  const paint: Paint = options.color
    ? (style, text) => `${style}${text}${ANSI.reset}`
    : (_style, text) => text;
  const quiet = options.quiet ?? false;
  const keep = (findings: readonly Finding[]) =>
    sortWorstFirst(quiet ? findings.filter((f) => f.severity === 'error') : findings);
  const lines: string[] = [];

  for (const notice of report.notices) lines.push(`${paint(ANSI.cyan, 'notice')}: ${oneLine(notice)}`);
  if (report.notices.length > 0) lines.push('');

  for (const adapter of sortAdaptersWorstFirst(report.adapters)) {
    const findings = keep(adapter.findings);
    if (findings.length === 0) {
      if (!quiet && adapter.findings.length === 0)
        lines.push(
          `${paint(ANSI.green, 'ok')} ${oneLine(adapter.path)} ${paint(ANSI.dim, describeAdapter(adapter))}`,
        );
      continue;
    }
    lines.push(`${paint(ANSI.bold, oneLine(adapter.path))} ${paint(ANSI.dim, describeAdapter(adapter))}`);
    for (const f of findings) lines.push(findingLine(f, adapter.path, paint));
    lines.push('');
  }

  const others = keep(unattachedFindings(report));
  if (others.length > 0) {
    lines.push(paint(ANSI.bold, 'other files'));
    for (const f of others) lines.push(findingLine(f, '', paint));
    lines.push('');
  }

  if (report.adapters.length === 0) lines.push('No adapters found.', '');
  if (!quiet && report.merge.length > 0) {
    if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
    for (const line of mergeTable(report.merge)) lines.push(line);
    lines.push('');
  }

  if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
  lines.push(paint(ANSI.bold, summaryLine(report)));
  return `${lines.join('\n')}\n`;
}

function describeAdapter(adapter: AdapterReport): string {
  return `(${adapter.layout}, ${plural(adapter.modules, 'module')})`;
}

/** `  error    AL201 doubled-adapter-name  message  adapter_model.safetensors: tensor` */
function findingLine(f: Finding, adapterPath: string, paint: Paint): string {
  const severity = paint(SEVERITY_COLOR[f.severity], f.severity.padEnd(7));
  const where = oneLine([relativeToAdapter(f.file, adapterPath), f.tensor].filter(Boolean).join(': '));
  return `  ${severity}  ${f.ruleId} ${f.slug}  ${oneLine(f.message)}${where ? `  ${paint(ANSI.dim, where)}` : ''}`;
}

/** The file inside the adapter folder, or nothing when the finding is about the adapter path itself. */
function relativeToAdapter(file: string, adapterPath: string): string {
  if (adapterPath === '' || adapterPath === '.') return file;
  if (file === adapterPath) return '';
  if (file.startsWith(`${adapterPath}/`)) return file.slice(adapterPath.length + 1);
  return file;
}

function mergeTable(stats: readonly ModuleMergeStats[]): string[] {
  const header = ['adapter', 'module', 'scale', '|dW|/|W|', 'rounded away', 'merged'];
  const rows = stats.map((s) => [
    oneLine(s.adapter),
    oneLine(s.module),
    formatNumber(s.scale),
    s.error
      ? `error: ${oneLine(s.error)}`
      : s.baseMismatch
        ? 'base mismatch'
        : s.skipped
          ? 'skipped'
          : formatNumber(s.ratio),
    s.roundingLoss === undefined ? '-' : `${(s.roundingLoss * 100).toFixed(1)}%`,
    s.mergedVerdict ?? '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const render = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    'merge check (per module)',
    render(header),
    render(widths.map((w) => '-'.repeat(w))),
    ...rows.map(render),
  ];
}

function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  return abs >= 1e-3 && abs < 1e4 ? String(Number(x.toPrecision(4))) : x.toExponential(2);
}
