// The Action: inputs -> which files changed -> lint() -> annotations, job summary, report files, outputs.
import { isAbsolute, relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { context, getOctokit } from '@actions/github';
import { DEFAULT_CONFIG_FILE } from '../config-file.js';
import { formatFixResult } from '../fix/format.js';
import { fixAdapters } from '../fix/index.js';
import { lint } from '../lint.js';
import { messageWithFix } from '../report/lfs-hint.js';
import { countBySeverity, oneLine, sortWorstFirst, summaryLine } from '../report/summary.js';
import type { FailOn, Finding, LintReport } from '../types.js';
import { emitAnnotations, planAnnotations } from './annotations.js';
import { type ChangeScope, findChangeScope, resolveMode } from './changed-files.js';
import { ActionError } from './errors.js';
import { failReason } from './fail-policy.js';
import { fixSummary } from './fix-summary.js';
import { type ActionInputs, readInputs } from './inputs.js';
import { buildLintOptions } from './lint-options.js';
import { progressLog } from './progress-log.js';
import { writeJsonReport, writeSarifReport } from './report-files.js';
import { buildSummaryAfter } from './summary.js';

export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    const workspace = resolve(process.env.GITHUB_WORKSPACE || process.cwd());
    const scope = widenForConfigChange(await changeScope(inputs), inputs, workspace);
    const runNotices = scope.notice ? [scope.notice] : [];
    for (const notice of runNotices) core.notice(notice, { title: 'adapter-lint' });
    core.info(
      `adapter-lint: linting ${scope.description}${inputs.shard ? `, shard ${inputs.shard.index}/${inputs.shard.count}` : ''}`,
    );

    const { options, failOn } = await buildLintOptions(inputs, workspace, scope.changedFiles);
    const fix = inputs.fix ? await fixAdapters({ ...options, dryRun: false }) : null;
    if (fix) {
      core.startGroup(`adapter-lint fixes (${fix.changedFiles} files changed)`);
      core.info(formatFixResult(fix, false).trimEnd());
      core.endGroup();
    }
    const report = await lint({ ...options, onProgress: progressLog((line) => core.info(line)) });

    const reason = failReason(report, failOn);
    logFindings(report.findings);
    emitAnnotations(
      planAnnotations(report.findings, inputs.maxAnnotations, {
        failure: reason !== undefined,
        notices: runNotices.length,
      }),
    );

    const reportPath = await writeJsonReport(report, process.env.RUNNER_TEMP || workspace, inputs.shard);
    const sarifPath = inputs.sarifFile
      ? await writeSarifReport(report, workspace, inputs.sarifFile, inputs.shard)
      : '';
    await writeSummary(report, failOn, scope, runNotices, reason, reportPath, fix ? fixSummary(fix) : '');
    setOutputs(report, reportPath, sarifPath, reason === undefined ? 'pass' : 'fail');
    core.setOutput('fixed', fix?.changedFiles ?? 0);

    core.info(summaryLine(report));
    if (reason) core.setFailed(reason);
  } catch (error) {
    core.setOutput('result', 'error');
    if (error instanceof ActionError) {
      core.setFailed(error.message);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof Error && error.stack) core.debug(error.stack);
      core.setFailed(`adapter-lint failed: ${message}`);
    }
  }
}

async function changeScope(inputs: ActionInputs): Promise<ChangeScope> {
  const mode = resolveMode(inputs.mode, context.eventName);
  const head = context.payload.pull_request?.head?.repo;
  if (mode === 'changed' && head?.fork) {
    core.info(
      `Pull request from the fork ${head.full_name}: files are only read, so the read-only token is enough.`,
    );
  }
  return findChangeScope(mode, context, () => {
    if (!inputs.token) {
      throw new ActionError(
        'The token input is empty: mode changed needs it to list changed files (its default is the workflow token, github.token).',
      );
    }
    return getOctokit(inputs.token);
  });
}

/**
 * A change to the config file in use changes how every adapter is judged, even when no adapter changed:
 * then every adapter is linted (changedFiles dropped), and a notice says why.
 */
export function widenForConfigChange(
  scope: ChangeScope,
  inputs: ActionInputs,
  workspace: string,
): ChangeScope {
  if (!scope.changedFiles) return scope;
  const configFile = inputs.config ?? DEFAULT_CONFIG_FILE;
  const inWorkspace = relative(workspace, resolve(workspace, configFile));
  if (inWorkspace.startsWith('..') || isAbsolute(inWorkspace)) return scope;
  const wanted = inWorkspace.replace(/\\/g, '/');
  const changed = scope.changedFiles.some((f) => f.replace(/\\/g, '/').replace(/^\.\//, '') === wanted);
  if (!changed) return scope;
  return {
    description: `all adapters (the config file ${wanted} changed)`,
    notice: `The config file ${wanted} changed: linting every adapter, not only the changed ones.`,
  };
}

/** Every finding reaches the log, one line each, even those past the annotation limit. */
function logFindings(findings: readonly Finding[]): void {
  if (findings.length === 0) return;
  core.startGroup(`adapter-lint findings (${findings.length})`);
  for (const f of sortWorstFirst(findings)) {
    // One line that starts with the severity: nothing from a file can start a workflow command.
    const line = `${f.severity} ${f.ruleId} ${f.slug} ${f.file}${f.tensor ? ` [${f.tensor}]` : ''}: ${messageWithFix(f)}`;
    core.info(oneLine(line));
  }
  core.endGroup();
}

async function writeSummary(
  report: LintReport,
  failOn: FailOn,
  scope: ChangeScope,
  notices: readonly string[],
  failReason: string | undefined,
  reportPath: string,
  fixMarkdown: string,
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.info('GITHUB_STEP_SUMMARY is not set: no job summary written.');
    return;
  }
  // The fix section (capped by fixSummary) comes first; the findings get what is left of the 1 MiB.
  const markdown = buildSummaryAfter(fixMarkdown, report, {
    scope: scope.description,
    result: failReason === undefined ? 'pass' : 'fail',
    failReason,
    failOn,
    notices,
    reportPath,
  });
  await core.summary.addRaw(markdown).write();
}

function setOutputs(
  report: LintReport,
  reportPath: string,
  sarifPath: string,
  result: 'pass' | 'fail',
): void {
  const counts = countBySeverity(report.findings);
  core.setOutput('errors', counts.error);
  core.setOutput('warnings', counts.warning);
  core.setOutput('notes', counts.note);
  core.setOutput('adapters', report.adapters.length);
  core.setOutput('files', report.files);
  core.setOutput('report', reportPath);
  core.setOutput('sarif', sarifPath);
  core.setOutput('result', result);
}
