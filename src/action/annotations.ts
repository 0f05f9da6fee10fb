// Workflow-command annotations. GitHub attaches at most 10 errors, 10 warnings and 10 notices per step and
// drops the rest silently, so we send the worst ones and one notice that counts what was left out.
import { EOL } from 'node:os';
import * as core from '@actions/core';
import { formatAnnotation } from '../report/github.js';
import { plural, SEVERITIES, sortWorstFirst } from '../report/summary.js';
import type { Finding, Severity } from '../types.js';

export const GITHUB_ANNOTATIONS_PER_STEP = 10;

export interface AnnotationPlan {
  readonly shown: readonly Finding[];
  readonly omitted: Readonly<Record<Severity, number>>;
  /** The max-annotations input, when it (not GitHub's limit) is what held findings back. */
  readonly userLimit: number | null;
}

/**
 * Up to `max` per severity, within GitHub's 10: one error slot stays free for the failure message when the
 * step will fail, notice slots for the run's own notices, and one for the "more findings" notice.
 */
export function planAnnotations(
  findings: readonly Finding[],
  max: number,
  slotsTaken: { readonly failure: boolean; readonly notices: number },
): AnnotationPlan {
  const sorted = sortWorstFirst(findings);
  const bySeverity = (severity: Severity) => sorted.filter((f) => f.severity === severity);
  const errors = bySeverity('error');
  const warnings = bySeverity('warning');
  const notes = bySeverity('note');
  const cap = (reserved: number) => Math.max(0, Math.min(max, GITHUB_ANNOTATIONS_PER_STEP - reserved));
  const errorCap = cap(slotsTaken.failure ? 1 : 0);
  const warningCap = cap(0);
  const othersOmitted = errors.length > errorCap || warnings.length > warningCap;
  const noticeSlots = cap(slotsTaken.notices);
  const noteCap = othersOmitted || notes.length > noticeSlots ? cap(slotsTaken.notices + 1) : noticeSlots;
  return {
    shown: [...errors.slice(0, errorCap), ...warnings.slice(0, warningCap), ...notes.slice(0, noteCap)],
    omitted: {
      error: Math.max(0, errors.length - errorCap),
      warning: Math.max(0, warnings.length - warningCap),
      note: Math.max(0, notes.length - noteCap),
    },
    userLimit: max < GITHUB_ANNOTATIONS_PER_STEP ? max : null,
  };
}

/**
 * The findings' annotations are the lines `formatAnnotation` makes, the same the CLI prints with
 * `--format github` (written as core.error / core.warning / core.notice write theirs: the line and os.EOL on
 * stdout); the count of what was left out is the Action's own notice.
 */
export function emitAnnotations(plan: AnnotationPlan, write: (line: string) => void = writeLine): void {
  for (const finding of plan.shown) write(formatAnnotation(finding));
  const left = SEVERITIES.filter((s) => plan.omitted[s] > 0).map((s) => plural(plan.omitted[s], s));
  const total = SEVERITIES.reduce((sum, s) => sum + plan.omitted[s], 0);
  if (total > 0) {
    core.notice(
      `${plural(total, 'more finding')} (${left.join(', ')}) not shown as annotations: ${
        plan.userLimit !== null
          ? `the max-annotations input allows ${plan.userLimit} per severity.`
          : `GitHub shows ${GITHUB_ANNOTATIONS_PER_STEP} per severity per step.`
      } The job summary lists them (unless it had to be cut to GitHub's size limit), and the JSON report (the report output; upload it to keep it) has them all.`,
      { title: 'adapter-lint: more findings' },
    );
  }
}

function writeLine(line: string): void {
  process.stdout.write(`${line}${EOL}`);
}
