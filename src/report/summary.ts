// Counts, worst-first ordering and the fail decision, shared by every reporter, the CLI and the Action.
import type { AdapterReport, FailOn, Finding, LintReport, Severity } from '../types.js';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

/** Lower is worse: error 0, warning 1, note 2. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Worst first, then by file, rule, tensor and message so the order is stable across runs. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compareText(a.file, b.file) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.tensor ?? '', b.tensor ?? '') ||
    compareText(a.message, b.message)
  );
}

export function sortWorstFirst(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

export function worstSeverity(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings)
    if (worst === null || severityRank(f.severity) < severityRank(worst)) worst = f.severity;
  return worst;
}

/** Adapters with the worst findings first (then more errors, warnings, notes), clean ones last, by path. */
export function sortAdaptersWorstFirst(adapters: readonly AdapterReport[]): AdapterReport[] {
  const key = (a: AdapterReport) => {
    const worst = worstSeverity(a.findings);
    return worst === null ? SEVERITIES.length : severityRank(worst);
  };
  return [...adapters].sort((a, b) => {
    const ca = countBySeverity(a.findings);
    const cb = countBySeverity(b.findings);
    return (
      key(a) - key(b) ||
      cb.error - ca.error ||
      cb.warning - ca.warning ||
      cb.note - ca.note ||
      compareText(a.path, b.path)
    );
  });
}

/** True when the report holds a finding at or above `failOn` (`never` never fails). */
export function shouldFail(report: Pick<LintReport, 'findings'>, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const limit = severityRank(failOn);
  return report.findings.some((f) => severityRank(f.severity) <= limit);
}

export function findingsAtOrAbove(findings: readonly Finding[], level: Severity): Finding[] {
  const limit = severityRank(level);
  return findings.filter((f) => severityRank(f.severity) <= limit);
}

/** "1 error", "2 errors". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Text from a checkpoint (tensor names, paths, messages) on one line: line breaks (CR, LF, U+2028/9) with the
 * space around them become one space, and other control characters (ESC, CSI) become `?`. One line means
 * nothing read from a file can start a workflow command in a log, and no escape sequence reaches a terminal.
 */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').replace(/[\x00-\x1f\x7f\x9b]/g, '?');
}

/** "2 errors, 1 warning, 0 notes in 3 adapters (4 files)". */
export function summaryLine(report: Pick<LintReport, 'findings' | 'adapters' | 'files'>): string {
  const c = countBySeverity(report.findings);
  return (
    `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.note, 'note')} ` +
    `in ${plural(report.adapters.length, 'adapter')} (${plural(report.files, 'file')})`
  );
}

/** Same finding identity across reporters: used to tell adapter findings from run-level ones. */
export function findingKey(f: Finding): string {
  return JSON.stringify([f.ruleId, f.severity, f.file, f.tensor ?? null, f.message]);
}

/** Findings of the report that belong to no adapter (e.g. problems with the base or merged checkpoint). */
export function unattachedFindings(report: Pick<LintReport, 'findings' | 'adapters'>): Finding[] {
  const owned = new Map<string, number>();
  for (const a of report.adapters)
    for (const f of a.findings) owned.set(findingKey(f), (owned.get(findingKey(f)) ?? 0) + 1);
  const rest: Finding[] = [];
  for (const f of report.findings) {
    const key = findingKey(f);
    const left = owned.get(key) ?? 0;
    if (left > 0) owned.set(key, left - 1);
    else rest.push(f);
  }
  return rest;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
