// The command line: parse flags, load the config, run lint(), print a report, return the exit code.
import { stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ConfigError,
  DEFAULT_CONFIG_FILE,
  FAIL_ON_VALUES,
  loadConfig,
  parseNoOpThreshold,
  parsePrecisionThreshold,
  parseShard as parseShardValue,
  parseThreads as parseThreadsValue,
  resolveRuleId,
  resolveRuleSettings,
  THREADS_PER_CORE,
} from './config-file.js';
import { formatFixResult } from './fix/format.js';
import { fixAdapters } from './fix/index.js';
import { LintInputError, lint } from './lint.js';
import { formatGithub } from './report/github.js';
import { formatJson } from './report/json.js';
import { createProgressReporter } from './report/progress.js';
import { formatSarif } from './report/sarif.js';
import { shouldFail, summaryLine } from './report/summary.js';
import { formatText } from './report/text.js';
import { RULES } from './rules/registry.js';
import type { Rule } from './rules/rule.js';
import type { LintOptions, LintReport } from './types.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

export interface CliIo {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** stdout is a terminal (colours). */
  readonly isTTY: boolean;
  /** stderr is a terminal (progress); with an injected stderr and no answer, `isTTY`. */
  readonly stderrIsTTY?: boolean;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

export const HELP = `Usage: ${TOOL_NAME} [options] [paths...]

Lint LoRA adapter checkpoints (PEFT, kohya, diffusers). Paths are files, folders or globs;
none means the current folder.

Options:
  -f, --format FORMAT      text (default), json, sarif or github (workflow annotations)
  -o, --output FILE        write the report to FILE (stdout then gets only the count line)
      --fail-on LEVEL      exit 1 on findings at or above LEVEL: error (default), warning, note, never
      --ignore IDS         turn rules off, e.g. --ignore AL208,AL301 (IDs or slugs; repeatable)
      --select IDS         run only these rules (IDs or slugs; repeatable)
  -c, --config FILE        config file (default: ${DEFAULT_CONFIG_FILE} in the current folder, if present)
      --base PATH          base model weights (.safetensors file or folder): enables the merge checks (AL5xx)
      --merged PATH        a merged checkpoint to verify against base + adapter (needs --base)
      --threads N          worker threads for value scans and merges (0: inline; default: all cores;
                           at most ${THREADS_PER_CORE} per core)
      --max-memory SIZE    memory budget for tensor tiles in flight, e.g. 512M, 2G (default 1G)
      --exact              exact elementwise merge checks instead of sampling
      --no-op-threshold X  AL502: an update smaller than X times the base weight (||scale*B*A|| / ||W||)
                           counts as no change (default 1e-6)
      --precision-threshold F
                           AL503: warn when more than this fraction (0 to 1) of a module's elements round
                           back to the base weight when merged (default 0.5)
      --shard I/N          lint only shard I of N (adapters split evenly; for parallel CI jobs)
      --category NAME      SARIF automationDetails.id, to upload shards as separate categories (--format sarif only)
  -q, --quiet              report errors only (text and github formats; json and sarif stay complete);
                           no clean-adapter lines, merge table or progress. The exit code is unchanged.
      --fix                rename keys and files where the fix is certain (AL201-AL205, AL211, AL404),
                           then lint again and report what is left
      --fix-dry-run        print each rename --fix would make (old -> new) and change nothing
      --list-rules         list every rule: ID, slug, default severity, description
  -v, --version            print the version
  -h, --help               print this help

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, 2 bad usage or a tool failure.

Examples:
  ${TOOL_NAME} adapters/                                  lint every adapter under adapters/
  ${TOOL_NAME} out/checkpoint-500 --fail-on warning       fail on warnings too
  ${TOOL_NAME} --format sarif --output adapter-lint.sarif  SARIF for GitHub code scanning
  ${TOOL_NAME} my-lora --base base-model/ --merged merged/ check a merge against the base weights
  ${TOOL_NAME} --ignore AL208 'loras/**/*.safetensors'    glob, one rule off
`;

class UsageError extends Error {}

export async function main(argv: readonly string[], ioOverrides: Partial<CliIo> = {}): Promise<number> {
  const io: CliIo = {
    stdout: ioOverrides.stdout ?? process.stdout,
    stderr: ioOverrides.stderr ?? process.stderr,
    env: ioOverrides.env ?? process.env,
    cwd: ioOverrides.cwd ?? process.cwd(),
    isTTY: ioOverrides.isTTY ?? process.stdout.isTTY === true,
    // Progress goes to stderr: it is shown when stderr is a terminal, whatever stdout is redirected to.
    stderrIsTTY:
      ioOverrides.stderrIsTTY ??
      (ioOverrides.stderr ? ioOverrides.isTTY === true : process.stderr.isTTY === true),
  };
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof LintInputError) {
      io.stderr.write(`${TOOL_NAME}: ${error.message}\n`);
      if (error instanceof UsageError) io.stderr.write(`Run '${TOOL_NAME} --help' for usage.\n`);
      return EXIT_USAGE;
    }
    const err = error as Error;
    io.stderr.write(`${TOOL_NAME}: internal error: ${err?.message ?? String(error)}\n`);
    if (io.env.ADAPTER_LINT_DEBUG && err?.stack) io.stderr.write(`${err.stack}\n`);
    else io.stderr.write('Set ADAPTER_LINT_DEBUG=1 for the stack trace. No report was produced.\n');
    return EXIT_USAGE;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv);

  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (values.version) {
    io.stdout.write(`${TOOL_NAME} ${TOOL_VERSION}\n`);
    return EXIT_OK;
  }
  const format = oneOf(values.format ?? 'text', FORMATS, '--format');
  if (values['list-rules']) {
    io.stdout.write(listRules(format));
    return EXIT_OK;
  }

  const { config } = await loadConfig(io.cwd, values.config);
  const failOn =
    values['fail-on'] !== undefined
      ? oneOf(values['fail-on'], FAIL_ON_VALUES, '--fail-on')
      : (config.failOn ?? 'error');
  const ignore = ruleIds(values.ignore, '--ignore');
  const select = ruleIds(values.select, '--select');
  const { rules, overrides } = resolveRuleSettings(config, { ignore, select });
  if (values.category !== undefined && format !== 'sarif')
    throw new UsageError(`--category only applies to --format sarif (got --format ${format})`);
  if (values.merged !== undefined && values.base === undefined)
    throw new UsageError('--merged needs --base (the merged checkpoint is checked against base + adapter)');
  for (const path of positionals) await mustExist(io.cwd, path);
  if (values.base !== undefined) await mustExist(io.cwd, values.base, '--base');
  if (values.merged !== undefined) await mustExist(io.cwd, values.merged, '--merged');

  const quiet = values.quiet === true;
  const progress = (io.stderrIsTTY ?? io.isTTY) && !quiet ? createProgressReporter(io.stderr) : null;
  const options: LintOptions = {
    cwd: io.cwd,
    paths: positionals,
    rules,
    overrides,
    ...(config.exclude.length > 0 ? { exclude: config.exclude } : {}),
    ...(values.base !== undefined ? { base: values.base } : {}),
    ...(values.merged !== undefined ? { merged: values.merged } : {}),
    ...(values.threads !== undefined ? { threads: parseThreads(values.threads) } : {}),
    ...(values['max-memory'] !== undefined ? { maxMemory: parseSize(values['max-memory']) } : {}),
    ...(values['no-op-threshold'] !== undefined
      ? { noOpThreshold: parseValue(parseNoOpThreshold, values['no-op-threshold'], '--no-op-threshold') }
      : {}),
    ...(values['precision-threshold'] !== undefined
      ? {
          precisionThreshold: parseValue(
            parsePrecisionThreshold,
            values['precision-threshold'],
            '--precision-threshold',
          ),
        }
      : {}),
    ...(values.exact ? { exact: true } : {}),
    ...(values.shard !== undefined ? { shard: parseShard(values.shard) } : {}),
    ...(progress ? { onProgress: progress.onProgress } : {}),
  };

  const fix = values.fix === true || values['fix-dry-run'] === true;
  if (fix) {
    const dryRun = values['fix-dry-run'] === true;
    const result = await fixAdapters({
      cwd: io.cwd,
      paths: positionals,
      dryRun,
      rules,
      overrides,
      ...(options.exclude ? { exclude: options.exclude } : {}),
      ...(options.shard ? { shard: options.shard } : {}),
    });
    // Machine-readable formats keep stdout for the report.
    const fixLog = format === 'text' && values.output === undefined ? io.stdout : io.stderr;
    fixLog.write(`${formatFixResult(result, dryRun)}\n`);
  }

  let report: LintReport;
  try {
    report = await lint(options);
  } finally {
    progress?.finish();
  }

  const color = format === 'text' && values.output === undefined && colorWanted(io);
  const output = render(report, format, { color, quiet, category: values.category });
  if (values.output !== undefined) {
    const target = resolve(io.cwd, values.output);
    try {
      await writeFile(target, output);
    } catch (error) {
      throw new UsageError(`cannot write --output ${values.output}: ${(error as Error).message}`);
    }
    io.stdout.write(`${summaryLine(report)} (report written to ${values.output})\n`);
  } else {
    io.stdout.write(output);
  }
  return shouldFail(report, failOn) ? EXIT_FINDINGS : EXIT_OK;
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        ignore: { type: 'string', multiple: true },
        select: { type: 'string', multiple: true },
        config: { type: 'string', short: 'c' },
        base: { type: 'string' },
        merged: { type: 'string' },
        threads: { type: 'string' },
        'max-memory': { type: 'string' },
        exact: { type: 'boolean' },
        'no-op-threshold': { type: 'string' },
        'precision-threshold': { type: 'string' },
        shard: { type: 'string' },
        category: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'list-rules': { type: 'boolean' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(flagError(error as Error & { code?: string }));
  }
}

/** parseArgs' messages, in this tool's words. */
function flagError(error: Error & { code?: string }): string {
  const option = /'(-[^']*)'/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option && /ambiguous/.test(error.message))
    return `${option} needs a value; for one that starts with '-', write ${option}=VALUE`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `${option} needs a value`;
  return error.message;
}

function render(
  report: LintReport,
  format: Format,
  options: { color: boolean; quiet: boolean; category: string | undefined },
): string {
  switch (format) {
    case 'text':
      return formatText(report, { color: options.color, quiet: options.quiet });
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, options.category ? { category: options.category } : {});
    case 'github':
      return formatGithub(report, { quiet: options.quiet });
  }
}

/** Colours on a terminal, unless NO_COLOR is set (non-empty); FORCE_COLOR (not "0") turns them on anyway. */
function colorWanted(io: CliIo): boolean {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.isTTY;
}

function listRules(format: Format): string {
  const rules: readonly Rule[] = RULES;
  if (format === 'json') {
    const list = rules.map((r) => ({
      id: r.id,
      slug: r.slug,
      severity: r.severity,
      description: r.description,
    }));
    return `${JSON.stringify(list, null, 2)}\n`;
  }
  const slugWidth = Math.max(...rules.map((r) => r.slug.length), 4);
  const lines = rules.map(
    (r) => `${r.id}  ${r.slug.padEnd(slugWidth)}  ${r.severity.padEnd(7)}  ${r.description}`,
  );
  return `${['ID     ' + 'slug'.padEnd(slugWidth) + '  default  description', ...lines].join('\n')}\n`;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

function ruleIds(values: readonly string[] | undefined, flag: string): string[] {
  const ids: string[] = [];
  for (const item of (values ?? []).flatMap((v) => v.split(','))) {
    if (item.trim() === '') continue;
    try {
      ids.push(resolveRuleId(item));
    } catch (error) {
      throw new UsageError(`${flag}: ${(error as Error).message}`);
    }
  }
  return ids;
}

const GLOB_CHARS = /[*?[\]{}]/;

async function mustExist(cwd: string, path: string, flag?: string): Promise<void> {
  if (GLOB_CHARS.test(path)) return;
  const found = await stat(resolve(cwd, path)).then(
    () => true,
    () => false,
  );
  if (!found) throw new UsageError(`${flag ? `${flag}: ` : ''}no such file or folder: ${path}`);
}

/** A shared option parser's message completed with the flag: "--threads must be ...". */
function parseValue<T>(parse: (text: string) => T, text: string, flag: string): T {
  try {
    return parse(text);
  } catch (error) {
    throw new UsageError(`${flag} ${(error as Error).message}`);
  }
}

export function parseThreads(text: string): number {
  return parseValue(parseThreadsValue, text, '--threads');
}

/** "1/4" -> { index: 1, count: 4 }, 1 <= index <= count. */
export function parseShard(text: string): { index: number; count: number } {
  return parseValue(parseShardValue, text, '--shard');
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** "512M", "2G", "1.5g", "1048576", "64MiB", "64MB" -> bytes (binary units). */
export function parseSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  const bytes = match ? Math.floor(Number(match[1]) * SIZE_UNITS[match[2]!.toLowerCase()]!) : Number.NaN;
  if (!match || !Number.isFinite(bytes) || bytes < 1)
    throw new UsageError(`--max-memory must be a size such as 512M or 2G (got "${text}")`);
  return bytes;
}
