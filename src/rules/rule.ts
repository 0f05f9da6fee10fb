import type { Adapter, ModuleMergeStats, ReportInput, Severity } from '../types.js';

/** What a rule sees. Rules never touch files or GitHub: everything they need is here. */
export interface RuleContext {
  readonly adapter: Adapter;
  /** Per-module merge statistics of this adapter, or null when no base weights were given. */
  readonly merge: readonly ModuleMergeStats[] | null;
  readonly noOpThreshold: number;
  readonly precisionThreshold: number;
}

/** A rule in the markdownlint shape: names, a description and one function that reports through a callback. */
export interface Rule {
  /** Stable ID, e.g. `AL201`. */
  readonly id: string;
  /** Stable slug, e.g. `doubled-adapter-name`. */
  readonly slug: string;
  readonly severity: Severity;
  /** One line for `--help`, SARIF shortDescription and the rule page. */
  readonly description: string;
  check(context: RuleContext, report: (finding: ReportInput) => void): void;
}

export const RULE_DOCS_BASE = 'https://github.com/adapter-lint/adapter-lint/blob/main/docs/rules/';
