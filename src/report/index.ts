// The reporters' public surface, for the CLI and the Action.
export { escapeData, escapeProperty, formatAnnotation, formatGithub, type GithubOptions } from './github.js';
export { formatJson, type JsonReport, toJsonReport } from './json.js';
export { createProgressReporter, type ProgressReporter } from './progress.js';
export { formatSarif, type SarifOptions, toSarif } from './sarif.js';
export {
  compareFindings,
  countBySeverity,
  type SeverityCounts,
  shouldFail,
  sortAdaptersWorstFirst,
  sortWorstFirst,
  summaryLine,
  worstSeverity,
} from './summary.js';
export { formatText, type TextOptions } from './text.js';
