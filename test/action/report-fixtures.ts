// Hand-built reports for the summary and annotation unit tests (the engine is exercised by the e2e tests).
import type { Finding, LintReport, ModuleMergeStats, Severity } from '../../src/types.js';

export function finding(severity: Severity, overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: severity === 'error' ? 'AL201' : severity === 'warning' ? 'AL301' : 'AL210',
    slug:
      severity === 'error'
        ? 'doubled-adapter-name'
        : severity === 'warning'
          ? 'zero-update'
          : 'unrecognized-layout',
    severity,
    file: 'adapters/a/adapter_model.safetensors',
    message: `a ${severity}`,
    ...overrides,
  };
}

export function reportOf(findings: readonly Finding[], merge: readonly ModuleMergeStats[] = []): LintReport {
  const paths = [...new Set(findings.map((f) => f.file.split('/').slice(0, -1).join('/')))];
  return {
    version: 1,
    tool: { name: 'adapter-lint', version: '0.0.0' },
    adapters: paths.map((path) => ({
      path,
      layout: 'peft',
      modules: 4,
      findings: findings.filter((f) => f.file.startsWith(`${path}/`)),
    })),
    findings,
    merge,
    files: paths.length * 2,
    notices: [],
  };
}

export function mergeStats(adapter: string, module: string, ratio: number): ModuleMergeStats {
  return {
    adapter,
    module,
    baseTensor: `${module}.weight`,
    scale: 2,
    updateNorm: ratio * 10,
    baseNorm: 10,
    ratio,
  };
}
