// The engine's options from the Action's inputs and the config file, the same way the CLI builds them.
import { dirname, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { ConfigError, loadConfig, resolveRuleId, resolveRuleSettings } from '../config-file.js';
import { resolveInsideRoot } from '../safetensors/safe-path.js';
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
  for (const path of inputs.paths) await pathsEntryInWorkspace(workspace, path);
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
    ...(inputs.noOpThreshold !== undefined ? { noOpThreshold: inputs.noOpThreshold } : {}),
    ...(inputs.precisionThreshold !== undefined ? { precisionThreshold: inputs.precisionThreshold } : {}),
  };
  return { options, failOn: inputs.failOn ?? config.failOn ?? 'error' };
}

/** Model paths are read, so they must exist and stay inside the workspace (symlinks followed). */
async function mustBeInWorkspace(workspace: string, path: string, input: string): Promise<void> {
  const where = await locate(workspace, path);
  if (where === 'outside') throw outsideError(input, path);
  if (where === 'missing') throw new ActionError(`Input ${input}: ${path} does not exist in the workspace.`);
}

/**
 * A `paths` entry is read too: a file or folder must stay inside the workspace, and a glob's static prefix
 * (the folder it searches) must, with no `..` in the pattern after it. A missing entry is left to discovery
 * (a usage error there), once its nearest existing folder is known to be inside.
 */
async function pathsEntryInWorkspace(workspace: string, entry: string): Promise<void> {
  const scan = picomatch.scan(entry);
  if (scan.isGlob) {
    if (scan.glob.split(/[/\\]/).includes('..')) throw outsideError('paths', entry);
    if ((await locate(workspace, scan.base || '.')) === 'outside') throw outsideError('paths', entry);
  } else if ((await locate(workspace, entry)) === 'outside') {
    throw outsideError('paths', entry);
  }
}

function outsideError(input: string, path: string): ActionError {
  return new ActionError(
    `Input ${input} (${path}) is outside the workspace; adapter-lint only reads files inside it.`,
  );
}

/**
 * Where `path` (relative to the workspace, or absolute) really is: realpath where it exists; for a missing
 * path, the realpath of its nearest existing ancestor decides (the rest, already normalised, has no `..`).
 */
async function locate(workspace: string, path: string): Promise<'inside' | 'outside' | 'missing'> {
  const target = resolve(workspace, path);
  for (let p = target; ; p = dirname(p)) {
    const resolved = await resolveInsideRoot(workspace, p);
    if (resolved.ok) return p === target ? 'inside' : 'missing';
    if (resolved.kind === 'outside') return 'outside';
    if (resolved.kind === 'bad-root') {
      throw new ActionError(`The workspace ${workspace} cannot be resolved: ${resolved.reason}.`);
    }
    if (resolved.kind === 'unresolvable') {
      throw new ActionError(`${relative(workspace, p).split(sep).join('/') || '.'}: ${resolved.reason}.`);
    }
    // missing: try the parent; the filesystem root always exists, so this ends.
    if (dirname(p) === p) return 'outside';
  }
}
