// The engine's options from the Action's inputs and the config file, the same way the CLI builds them.
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { ConfigError, loadConfig, resolveRuleId, resolveRuleSettings } from '../config-file.js';
import type { FailOn, LintOptions } from '../types.js';
import { ActionError } from './errors.js';
import type { ActionInputs } from './inputs.js';

export async function buildLintOptions(
  inputs: ActionInputs,
  workspace: string,
  changedFiles: readonly string[] | undefined,
): Promise<{ options: LintOptions; failOn: FailOn }> {
  const { config } = await loadConfig(workspace, inputs.config).catch((error: unknown) => {
    if (error instanceof ConfigError) throw new ActionError(`Config file ${error.message}`);
    throw error;
  });
  const ignore = inputs.ignore.map((rule) => {
    try {
      return resolveRuleId(rule);
    } catch (error) {
      throw new ActionError(`Input ignore: ${(error as Error).message}`);
    }
  });
  const { rules, overrides } = resolveRuleSettings(config, { ignore });
  if (inputs.baseModel) await mustBeInWorkspace(workspace, inputs.baseModel, 'base-model');
  if (inputs.mergedModel) await mustBeInWorkspace(workspace, inputs.mergedModel, 'merged-model');
  const options: LintOptions = {
    cwd: workspace,
    paths: inputs.paths,
    rules,
    overrides,
    ...(changedFiles ? { changedFiles } : {}),
    ...(config.exclude.length > 0 ? { exclude: config.exclude } : {}),
    ...(inputs.baseModel ? { base: inputs.baseModel } : {}),
    ...(inputs.mergedModel ? { merged: inputs.mergedModel } : {}),
    ...(inputs.threads !== undefined ? { threads: inputs.threads } : {}),
    ...(inputs.exact ? { exact: true } : {}),
    ...(inputs.shard ? { shard: inputs.shard } : {}),
  };
  return { options, failOn: inputs.failOn ?? config.failOn ?? 'error' };
}

/** Model paths are read, so they must exist and stay inside the workspace. */
async function mustBeInWorkspace(workspace: string, path: string, input: string): Promise<void> {
  const inside = relative(workspace, resolve(workspace, path));
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new ActionError(
      `Input ${input} (${path}) is outside the workspace; adapter-lint only reads files inside it.`,
    );
  }
  const exists = await stat(resolve(workspace, path)).then(
    () => true,
    () => false,
  );
  if (!exists) throw new ActionError(`Input ${input}: ${path} does not exist in the workspace.`);
}
