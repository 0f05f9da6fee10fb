// A pull request that changes only the adapter-lint config changes how every adapter is judged:
// the Action lints them all, with a notice saying why.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lintedAdapters } from './assertions.js';
import { pullRequestEvent } from './events.js';
import { type FakeApi, startFakeGithubApi } from './fake-github-api.js';
import { runAction } from './run-action.js';
import { makeWorkspace, writeBrokenAdapter, writeCleanAdapter } from './workspace.js';

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function twoAdapters(): Promise<string> {
  const workspace = await makeWorkspace();
  await writeCleanAdapter(workspace, 'adapters/clean');
  await writeBrokenAdapter(workspace, 'adapters/broken');
  return workspace;
}

function notices(run: Awaited<ReturnType<typeof runAction>>): string[] {
  return run.commands.filter((c) => c.command === 'notice').map((c) => c.message);
}

describe('the Action when the pull request changes the config file', () => {
  it('lints every adapter when .adapter-lint.json is among the changed files', async () => {
    const workspace = await twoAdapters();
    await writeFile(join(workspace, '.adapter-lint.json'), JSON.stringify({ rules: { AL208: 'note' } }));
    const files = [
      { filename: 'README.md', status: 'modified' },
      { filename: '.adapter-lint.json', status: 'modified' },
    ] as const;
    api = await startFakeGithubApi({ pulls: { 12: files } });

    const run = await runAction({
      workspace,
      eventName: 'pull_request',
      payload: pullRequestEvent(12, files.length),
      apiUrl: api.url,
    });

    expect(await lintedAdapters(run)).toEqual(['adapters/broken', 'adapters/clean']);
    expect(notices(run)).toEqual([
      'The config file .adapter-lint.json changed: linting every adapter, not only the changed ones.',
    ]);
    expect(run.outputs.adapters).toBe('2');
    expect(run.outputs.result).toBe('fail');
    expect(run.summary).toContain('Scope: all adapters (the config file .adapter-lint.json changed).');
  });

  it('follows the config input: its file triggers the full lint, the default name then does not', async () => {
    const workspace = await twoAdapters();
    await mkdir(join(workspace, 'ci'), { recursive: true });
    await writeFile(join(workspace, 'ci/lint.json'), JSON.stringify({ failOn: 'never' }));
    const changed = [{ filename: 'ci/lint.json', status: 'modified' }] as const;
    const unrelated = [{ filename: '.adapter-lint.json', status: 'added' }] as const;
    api = await startFakeGithubApi({ pulls: { 3: changed, 4: unrelated } });

    const full = await runAction({
      workspace,
      eventName: 'pull_request',
      payload: pullRequestEvent(3, changed.length),
      apiUrl: api.url,
      inputs: { config: './ci/lint.json' },
    });
    expect(await lintedAdapters(full)).toEqual(['adapters/broken', 'adapters/clean']);
    expect(notices(full)).toEqual([
      'The config file ci/lint.json changed: linting every adapter, not only the changed ones.',
    ]);
    expect(full.outputs.result).toBe('pass');

    const none = await runAction({
      workspace,
      eventName: 'pull_request',
      payload: pullRequestEvent(4, unrelated.length),
      apiUrl: api.url,
      inputs: { config: 'ci/lint.json' },
    });
    expect(await lintedAdapters(none)).toEqual([]);
    expect(notices(none)).toEqual([]);
  });
});
