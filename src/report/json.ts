// The JSON report: the contract in rules.md ("Reports"), plus `summary` and `notices` for scripts.
import type { Finding, LintReport, ModuleMergeStats } from '../types.js';
import { countBySeverity } from './summary.js';

export interface JsonFinding {
  readonly ruleId: string;
  readonly slug: string;
  readonly severity: Finding['severity'];
  readonly file: string;
  readonly tensor?: string;
  readonly message: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface JsonReport {
  readonly version: 1;
  readonly tool: { readonly name: string; readonly version: string };
  readonly adapters: readonly {
    readonly path: string;
    readonly layout: string;
    readonly modules: number;
    readonly findings: readonly JsonFinding[];
  }[];
  readonly findings: readonly JsonFinding[];
  readonly merge: readonly ModuleMergeStats[];
  readonly summary: {
    readonly errors: number;
    readonly warnings: number;
    readonly notes: number;
    readonly adapters: number;
    readonly files: number;
  };
  readonly notices: readonly string[];
}

/** Fields in the contract's order, and nothing else (a finding object may carry more at runtime). */
function toJsonFinding(f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    slug: f.slug,
    severity: f.severity,
    file: f.file,
    ...(f.tensor !== undefined ? { tensor: f.tensor } : {}),
    message: f.message,
    ...(f.data !== undefined ? { data: f.data } : {}),
  };
}

export function toJsonReport(report: LintReport): JsonReport {
  const counts = countBySeverity(report.findings);
  return {
    version: 1,
    tool: { name: report.tool.name, version: report.tool.version },
    adapters: report.adapters.map((a) => ({
      path: a.path,
      layout: a.layout,
      modules: a.modules,
      findings: a.findings.map(toJsonFinding),
    })),
    findings: report.findings.map(toJsonFinding),
    merge: report.merge,
    summary: {
      errors: counts.error,
      warnings: counts.warning,
      notes: counts.note,
      adapters: report.adapters.length,
      files: report.files,
    },
    notices: report.notices,
  };
}

/** bigint (counts past 2^53) as a number when exact, else as a decimal string; JSON has no bigint. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  return value;
}

export function formatJson(report: LintReport): string {
  return `${JSON.stringify(toJsonReport(report), jsonReplacer, 2)}\n`;
}
