// GitHub workflow-command annotations (`::error file=...,title=...::message`), escaped exactly as @actions/core does.
import type { Finding, LintReport, Severity } from '../types.js';
import { messageWithFix } from './lfs-hint.js';
import { oneLine, SEVERITIES, sortWorstFirst, summaryLine } from './summary.js';

/** The runner attaches at most 10 annotations of each type per step; the rest only reach the log. */
export const ANNOTATIONS_PER_LEVEL = 10;

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  note: 'notice',
};

/** Message data: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values: as data, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotationTitle(f: Finding): string {
  return `${f.ruleId} ${f.slug}`;
}

/** The finding's message (with the checkout fix for LFS pointers), then the tensor on a line of its own. */
export function annotationMessage(f: Finding): string {
  const message = messageWithFix(f);
  return f.tensor === undefined ? message : `${message}\nTensor: ${f.tensor}`;
}

/**
 * The properties of a finding's annotation, in the order they are written. `line=1`: GitHub shows a file
 * annotation in a pull request's diff only when it names a line, and a checkpoint has no lines (SARIF
 * results give `startLine` 1 for the same reason).
 */
export function annotationProperties(f: Finding): readonly (readonly [string, string])[] {
  return [
    ['file', f.file],
    ['line', '1'],
    ['title', annotationTitle(f)],
  ];
}

/**
 * One workflow command for one finding. The CLI (`--format github`) and the Action both write this line, so an
 * annotation looks the same whichever of them ran.
 */
export function formatAnnotation(f: Finding): string {
  const properties = annotationProperties(f)
    .map(([name, value]) => `${name}=${escapeProperty(value)}`)
    .join(',');
  return `::${COMMAND[f.severity]} ${properties}::${escapeData(annotationMessage(f))}`;
}

export interface GithubOptions {
  /** Annotations per level; the rest are listed as plain log lines. Default 10 (the runner's limit). */
  readonly maxPerLevel?: number;
  /** Errors only. */
  readonly quiet?: boolean;
}

/**
 * Annotations worst first, at most `maxPerLevel` per level. When some are left out, one notice says how many
 * (emitted first, so it is never the one dropped) and the omitted findings follow as plain log lines.
 */
export function formatGithub(report: LintReport, options: GithubOptions = {}): string {
  const max = options.maxPerLevel ?? ANNOTATIONS_PER_LEVEL;
  const findings = sortWorstFirst(
    options.quiet ? report.findings.filter((f) => f.severity === 'error') : report.findings,
  );
  const annotated: Finding[] = [];
  const omitted: Finding[] = [];
  for (const severity of SEVERITIES) {
    const ofLevel = findings.filter((f) => f.severity === severity);
    // Loops, not push(...spread): a run can have more findings than a call has room for arguments.
    for (const [i, finding] of ofLevel.entries()) (i < max ? annotated : omitted).push(finding);
  }
  // The omission notice takes one notice slot: give back the last note annotation if all slots are used.
  if (omitted.length > 0) {
    const notes = annotated.filter((f) => f.severity === 'note');
    // With max 0 there is no note annotation to give back (and notes[-1] would be undefined).
    if (max > 0 && notes.length >= max) {
      const last = notes[notes.length - 1]!;
      annotated.splice(annotated.lastIndexOf(last), 1);
      omitted.push(last);
    }
  }

  const lines: string[] = [];
  if (omitted.length > 0) {
    const text =
      `${omitted.length} more finding${omitted.length === 1 ? ' is' : 's are'} not annotated ` +
      `(GitHub attaches ${max} per level per step); they are listed in the log below.`;
    lines.push(`::notice title=${escapeProperty('adapter-lint: more findings')}::${escapeData(text)}`);
  }
  for (const f of annotated) lines.push(formatAnnotation(f));
  // Plain lines are kept on one line so nothing from a file (a tensor name) can start a workflow command.
  for (const f of omitted)
    lines.push(
      oneLine(
        `${f.severity} ${f.ruleId} ${f.slug} ${f.file}${f.tensor ? `: ${f.tensor}` : ''}: ${messageWithFix(f)}`,
      ),
    );
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
}
