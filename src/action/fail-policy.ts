import { countBySeverity, findingsAtOrAbove, plural, shouldFail } from '../report/summary.js';
import type { FailOn, LintReport } from '../types.js';

/** The one-line reason the step fails, e.g. "3 errors at or above fail-on=error"; undefined when it passes. */
export function failReason(report: LintReport, failOn: FailOn): string | undefined {
  if (failOn === 'never' || !shouldFail(report, failOn)) return undefined;
  const counts = countBySeverity(findingsAtOrAbove(report.findings, failOn));
  const parts = (['error', 'warning', 'note'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => plural(counts[s], s));
  return `${parts.join(', ')} at or above fail-on=${failOn}`;
}
