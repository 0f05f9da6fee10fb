// The engine: options in, report out. discover → load → value scans (pool) → merge checks → rules → report.
import { resolve } from 'node:path';
import picomatch from 'picomatch';
import { type AdapterPlan, discoverAdapters } from './adapter/discover.js';
import { loadAdapter } from './adapter/load.js';
import { checkMerges, DEFAULT_MAX_MEMORY } from './merge/index.js';
import { createExecutor, defaultThreads, type Executor, type ScanResult } from './pool/index.js';
import { probeProducts } from './product-check.js';
import { compareFindings } from './report/summary.js';
import { RULES } from './rules/registry.js';
import type { Rule } from './rules/rule.js';
import { isFloatDtype } from './safetensors/index.js';
import type { TensorStats } from './safetensors/types.js';
import type {
  Adapter,
  AdapterReport,
  FileProblem,
  Finding,
  LintOptions,
  LintReport,
  ModuleMergeStats,
  ReportInput,
  Severity,
  SeverityOrOff,
} from './types.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

export { LintInputError } from './adapter/discover.js';

/** Scans smaller than this run in-process: starting workers would cost more than the scan. */
const INLINE_SCAN_BYTES = 32 * 1024 * 1024;
/** Bytes of tensor data per pool task, so one large file spreads over every worker. */
const SCAN_TASK_BYTES = 64 * 1024 * 1024;
const LOAD_CONCURRENCY = 8;

export async function lint(options: LintOptions): Promise<LintReport> {
  const cwd = resolve(options.cwd);
  const discovery = await discoverAdapters({
    cwd,
    paths: options.paths,
    ...(options.exclude ? { exclude: options.exclude } : {}),
  });
  const notices = [...discovery.notices];
  const plans = selectPlans(discovery.plans, options, notices);
  options.onProgress?.({ phase: 'discover', adapters: plans.length });

  let filesRead = 0;
  const adapters: Adapter[] = [];
  await forEachLimited(plans, LOAD_CONCURRENCY, async (plan, i) => {
    const loaded = await loadAdapter(cwd, plan);
    adapters[i] = loaded.adapter;
    filesRead += loaded.filesRead;
  });

  const executor = createExecutor(options.threads ?? defaultThreads());
  const scanInline = options.threads === undefined && totalScanBytes(adapters) < INLINE_SCAN_BYTES;
  let mergeStats: readonly ModuleMergeStats[] = [];
  const extraProblems: FileProblem[] = [];
  try {
    await scanValues(adapters, scanInline ? createExecutor(0) : executor, options);
    if (!rulesOff(options, ['AL301', 'zero-update'], ['AL302', 'no-op-adapter'])) {
      await probeProducts(adapters, scanInline ? createExecutor(0) : executor, notices);
    }
    if (options.base) {
      const result = await checkMerges(adapters, {
        cwd,
        base: options.base,
        ...(options.merged ? { merged: options.merged } : {}),
        executor,
        maxMemory: options.maxMemory ?? DEFAULT_MAX_MEMORY,
        exact: options.exact ?? false,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      mergeStats = result.stats;
      for (const problem of result.problems) extraProblems.push(problem);
    }
  } finally {
    await executor.close();
  }

  const severityFor = severityResolver(options);
  const adapterReports: AdapterReport[] = [];
  const all: Finding[] = [];
  for (const adapter of adapters) {
    const merge = options.base ? mergeStats.filter((s) => s.adapter === adapter.path) : null;
    const findings = runRules(adapter, merge, options, severityFor);
    adapterReports.push({
      path: adapter.path,
      layout: adapter.layout,
      modules: adapter.modules.length,
      findings,
    });
    // Loops, not push(...spread): one adapter can have more findings than a call has room for arguments.
    for (const finding of findings) all.push(finding);
  }
  if (extraProblems.length > 0) {
    // Problems of the base / merged checkpoints: judged by the AL1xx rules as a pseudo-adapter.
    const pseudo = problemCarrier(extraProblems);
    for (const finding of runRules(pseudo, null, options, severityFor)) all.push(finding);
  }
  all.sort(compareFindings);

  return {
    version: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    adapters: adapterReports,
    findings: all,
    merge: mergeStats,
    files: filesRead,
    notices,
  };
}

/** The plans this run lints: those owning a changed file (when given), then this job's shard. */
export function selectPlans(
  plans: readonly AdapterPlan[],
  options: Pick<LintOptions, 'changedFiles' | 'shard'>,
  notices: string[],
): AdapterPlan[] {
  let selected = [...plans];
  if (options.changedFiles) {
    const changed = new Set(options.changedFiles.map((f) => f.replace(/\\/g, '/').replace(/^\.\//, '')));
    selected = selected.filter((plan) => plan.owns.some((f) => changed.has(f)));
  }
  if (options.shard) {
    const { index, count } = options.shard;
    if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
      throw new RangeError(`shard ${index}/${count}: the index must be between 1 and the count`);
    }
    selected = selected.filter((_, i) => i % count === index - 1);
  }
  if (plans.length === 0) notices.push('no adapter files were found');
  return selected;
}

async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  });
  await Promise.all(runners);
}

interface ScanJob {
  readonly adapter: Adapter;
  readonly file: string;
  readonly displayFile: string;
  readonly tensors: string[];
}

function scanJobs(adapters: readonly Adapter[]): ScanJob[] {
  const jobs: ScanJob[] = [];
  for (const adapter of adapters) {
    for (const weights of adapter.weights) {
      if (!weights.header) continue;
      let current: string[] = [];
      let bytes = 0;
      for (const info of weights.header.tensors.values()) {
        if (info.numel === 0 || !isFloatDtype(info.dtype)) continue;
        if (current.length > 0 && bytes + info.byteLength > SCAN_TASK_BYTES) {
          jobs.push({ adapter, file: weights.absPath, displayFile: weights.file, tensors: current });
          current = [];
          bytes = 0;
        }
        current.push(info.name);
        bytes += info.byteLength;
      }
      if (current.length > 0)
        jobs.push({ adapter, file: weights.absPath, displayFile: weights.file, tensors: current });
    }
  }
  return jobs;
}

function totalScanBytes(adapters: readonly Adapter[]): number {
  let total = 0;
  for (const adapter of adapters) {
    for (const weights of adapter.weights) {
      for (const info of weights.header?.tensors.values() ?? []) total += info.byteLength;
    }
  }
  return total;
}

async function scanValues(
  adapters: readonly Adapter[],
  executor: Executor,
  options: LintOptions,
): Promise<void> {
  const jobs = scanJobs(adapters);
  let done = 0;
  const total = jobs.length;
  if (total > 0) options.onProgress?.({ phase: 'scan', done, total });
  await Promise.all(
    jobs.map(async (job) => {
      const stats = job.adapter.stats as Map<string, TensorStats>;
      try {
        const result = await executor.run<ScanResult>({ kind: 'scan', file: job.file, tensors: job.tensors });
        for (const [name, value] of result.stats) stats.set(name, value);
      } catch (error) {
        (job.adapter.fileProblems as FileProblem[]).push({
          kind: 'unreadable',
          file: job.displayFile,
          message: `tensor values could not be read: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
      done++;
      options.onProgress?.({ phase: 'scan', done, total, label: job.displayFile });
    }),
  );
}

/** Whether every one of these rules ([id, slug]) is off for every file: work that only feeds them can be skipped. */
function rulesOff(options: LintOptions, ...rules: ReadonlyArray<readonly [string, string]>): boolean {
  const setting = (
    table: Readonly<Record<string, SeverityOrOff>> | undefined,
    [id, slug]: readonly [string, string],
  ) => table?.[id] ?? table?.[slug];
  return rules.every(
    (rule) =>
      setting(options.rules, rule) === 'off' &&
      (options.overrides ?? []).every((o) => (setting(o.rules, rule) ?? 'off') === 'off'),
  );
}

type SeverityResolver = (rule: Rule, file: string, reported: Severity) => SeverityOrOff;

function severityResolver(options: LintOptions): SeverityResolver {
  const lookup = (table: Readonly<Record<string, SeverityOrOff>>, rule: Rule) =>
    table[rule.id] ?? table[rule.slug];
  const overrides = (options.overrides ?? []).map((o) => ({
    match: picomatch([...o.files], { dot: true }),
    rules: o.rules,
  }));
  return (rule, file, reported) => {
    let severity: SeverityOrOff = reported;
    const global = options.rules ? lookup(options.rules, rule) : undefined;
    if (global) severity = global;
    for (const override of overrides) {
      const value = lookup(override.rules, rule);
      if (value && override.match(file)) severity = value;
    }
    return severity;
  };
}

function defaultFile(adapter: Adapter): string {
  return adapter.weights[0]?.file ?? adapter.configFile ?? adapter.path;
}

function runRules(
  adapter: Adapter,
  merge: readonly ModuleMergeStats[] | null,
  options: LintOptions,
  severityFor: SeverityResolver,
): Finding[] {
  const findings: Finding[] = [];
  const context = {
    adapter,
    merge,
    noOpThreshold: options.noOpThreshold ?? 1e-6,
    precisionThreshold: options.precisionThreshold ?? 0.5,
  };
  for (const rule of RULES) {
    const report = (input: ReportInput) => {
      const file = input.file ?? defaultFile(adapter);
      const severity = severityFor(rule, file, input.severity ?? rule.severity);
      if (severity === 'off') return;
      findings.push({
        ruleId: rule.id,
        slug: rule.slug,
        severity,
        file,
        ...(input.tensor !== undefined ? { tensor: input.tensor } : {}),
        message: input.message,
        ...(input.data !== undefined ? { data: input.data } : {}),
      });
    };
    try {
      rule.check(context, report);
    } catch (error) {
      // A rule that breaks must not end the run or pass silently: it becomes a finding of its own, judged by
      // the user's settings for that rule like any other (a rule turned off stays off).
      const file = defaultFile(adapter);
      const severity = severityFor(rule, file, 'error');
      if (severity === 'off') continue;
      findings.push({
        ruleId: rule.id,
        slug: rule.slug,
        severity,
        file,
        message: `adapter-lint failed while checking ${rule.id} ${rule.slug} (${error instanceof Error ? error.message : String(error)}); please report this bug.`,
      });
    }
  }
  return findings.sort(compareFindings);
}

function problemCarrier(problems: readonly FileProblem[]): Adapter {
  return {
    path: problems[0]!.file,
    layout: 'none',
    layoutNote: 'base or merged checkpoint',
    configFile: null,
    config: null,
    configErrors: [],
    weights: [],
    fileProblems: problems,
    tensors: new Map(),
    modules: [],
    stats: new Map(),
    products: new Map(),
  };
}
