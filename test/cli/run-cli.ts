// Runs the CLI as a real process: `node --import tsx src/cli-entry.ts ...` in a given working folder.
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsxLoader = pathToFileURL(`${root}node_modules/tsx/dist/loader.mjs`).href;
export const CLI_ENTRY = `${root}src/cli-entry.ts`;

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const cleanEnv = { ...process.env };
  for (const key of ['NO_COLOR', 'FORCE_COLOR', 'ADAPTER_LINT_DEBUG', 'GITHUB_ACTIONS']) delete cleanEnv[key];
  const result = spawnSync(process.execPath, ['--import', tsxLoader, CLI_ENTRY, ...args], {
    cwd,
    env: { ...cleanEnv, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
