import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { failureLines, fileAnnotations, lintedAdapters } from './assertions.js';
import { pullRequestEvent } from './events.js';
import { type FakeApi, startFakeGithubApi } from './fake-github-api.js';
import { runAction } from './run-action.js';
import { makeWorkspace, writeBrokenAdapter, writeCleanAdapter, writeLfsPointerAdapter } from './workspace.js';

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('the Action on a pull request', () => {
  it('lints only the adapters the pull request changed, over several pages of files', async () => {
    const workspace = await makeWorkspace();
    await writeCleanAdapter(workspace, 'adapters/clean');
    await writeBrokenAdapter(workspace, 'adapters/broken');
    await writeBrokenAdapter(workspace, 'adapters/untouched');
    const files = [
      { filename: 'README.md', status: 'modified' },
      { filename: 'adapters/clean/adapter_model.safetensors', status: 'modified' },
      { filename: 'adapters/broken/adapter_model.safetensors', status: 'added' },
      { filename: 'adapters/untouched-old/adapter_model.safetensors', status: 'removed' },
      {
        filename: 'adapters/broken/adapter_config.json',
        status: 'renamed',
        previous_filename: 'adapters/untouched/adapter_config.json',
      },
    ] as const;
    api = await startFakeGithubApi({ pulls: { 7: files }, pageSize: 2 });

    const run = await runAction({
      workspace,
      eventName: 'pull_request',
      payload: pullRequestEvent(7, files.length),
      apiUrl: api.url,
      inputs: { 'fail-on': 'error', 'sarif-file': 'out/adapter-lint.sarif' },
    });

    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(api.requests.map((r) => r.path)).toEqual([
      '/repos/octo-org/models/pulls/7/files?per_page=100',
      '/repos/octo-org/models/pulls/7/files?per_page=100&page=2',
      '/repos/octo-org/models/pulls/7/files?per_page=100&page=3',
    ]);
    expect(api.requests[0]!.authorization).toBe('token test-token');
    // The renamed config's old folder is not linted: the old name no longer exists.
    expect(await lintedAdapters(run)).toEqual(['adapters/broken', 'adapters/clean']);

    const errors = fileAnnotations(run, 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((e) => e.properties.file))).toEqual(
      new Set(['adapters/broken/adapter_model.safetensors']),
    );
    expect(errors[0]!.properties.title).toMatch(/^AL101 invalid-safetensors$/);
    expect(run.outputs).toMatchObject({ errors: String(errors.length), adapters: '2', result: 'fail' });
    expect(failureLines(run)).toEqual([
      `${errors.length} error${errors.length === 1 ? '' : 's'} at or above fail-on=error`,
    ]);
    expect(run.code).toBe(1);

    expect(run.summary).toContain('### adapters/broken');
    expect(run.summary).toContain('### adapters/clean');
    expect(run.summary).not.toContain('untouched');
    expect(run.summary).toContain('files changed by pull request &#35;7');

    const sarif = JSON.parse(await readFile(`${workspace}/out/adapter-lint.sarif`, 'utf8'));
    expect(run.outputs.sarif).toBe(`${workspace}/out/adapter-lint.sarif`);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].automationDetails.id).toBe('adapter-lint/');
    expect(
      sarif.runs[0].results.map(
        (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
          r.locations[0]!.physicalLocation.artifactLocation.uri,
      ),
    ).toContain('adapters/broken/adapter_model.safetensors');
  });

  it('lints the whole adapter when only its config changed', async () => {
    const workspace = await makeWorkspace();
    await writeBrokenAdapter(workspace, 'adapters/broken');
    await writeBrokenAdapter(workspace, 'adapters/other');
    api = await startFakeGithubApi({
      pulls: { 12: [{ filename: 'adapters/broken/adapter_config.json', status: 'modified' }] },
    });

    const run = await runAction({
      workspace,
      eventName: 'pull_request',
      payload: pullRequestEvent(12, 1),
      apiUrl: api.url,
    });

    expect(await lintedAdapters(run)).toEqual(['adapters/broken']);
    expect(fileAnnotations(run, 'error').map((e) => e.properties.file)).toContain(
      'adapters/broken/adapter_model.safetensors',
    );
    expect(run.outputs.result).toBe('fail');
    expect(run.code).toBe(1);
  });

  it('caps annotations at 10 per severity, with one notice counting the rest', async () => {
    const workspace = await makeWorkspace();
    const paths = Array.from({ length: 14 }, (_, i) => `adapters/broken-${String(i).padStart(2, '0')}`);
    for (const path of paths) await writeBrokenAdapter(workspace, path);
    const files = paths.map((path) => ({
      filename: `${path}/adapter_model.safetensors`,
      status: 'modified' as const,
    }));
    api = await startFakeGithubApi({ pulls: { 3: files }, pageSize: 5 });

    const run = await runAction({
      workspace,
      eventName: 'pull_request',
      payload: pullRequestEvent(3, files.length),
      apiUrl: api.url,
    });

    const total = Number(run.outputs.errors);
    expect(total).toBeGreaterThanOrEqual(14);
    // 9 on files + the failure line = GitHub's 10 error annotations per step.
    expect(fileAnnotations(run, 'error')).toHaveLength(9);
    expect(failureLines(run)).toEqual([`${total} errors at or above fail-on=error`]);
    const notices = run.commands.filter((c) => c.command === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toContain(
      `${total - 9} more findings (${total - 9} errors) not shown as annotations`,
    );
    expect(notices[0]!.message).toContain('The job summary lists them');
    expect(notices[0]!.message).toContain('the JSON report');
    // The summary has every finding.
    for (const path of paths)
      expect(run.summary).toContain(`${path.replace(/_/g, '&#95;')}/adapter&#95;model.safetensors`);
    expect(run.code).toBe(1);
  });

  it('works on a pull request from a fork with the read-only token', async () => {
    const workspace = await makeWorkspace();
    await writeCleanAdapter(workspace, 'adapters/contributed');
    await writeCleanAdapter(workspace, 'adapters/existing');
    api = await startFakeGithubApi({
      pulls: { 31: [{ filename: 'adapters/contributed/adapter_model.safetensors', status: 'added' }] },
    });

    const run = await runAction({
      workspace,
      eventName: 'pull_request',
      payload: pullRequestEvent(31, 1, { fork: true }),
      apiUrl: api.url,
    });

    // The files are listed from the base repository, where the pull request lives.
    expect(api.requests.map((r) => r.path)).toEqual(['/repos/octo-org/models/pulls/31/files?per_page=100']);
    expect(run.stdout).toContain('Pull request from the fork outside-contributor/models');
    expect(await lintedAdapters(run)).toEqual(['adapters/contributed']);
    expect(run.outputs).toMatchObject({ errors: '0', result: 'pass', adapters: '1' });
    expect(failureLines(run)).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('lints everything, and says so, when the pull request is past the API limit of 3000 files', async () => {
    const workspace = await makeWorkspace();
    await writeCleanAdapter(workspace, 'adapters/a');
    await writeCleanAdapter(workspace, 'adapters/b');
    api = await startFakeGithubApi({
      pulls: { 9: [{ filename: 'adapters/a/adapter_config.json', status: 'modified' }] },
    });

    const run = await runAction({
      workspace,
      eventName: 'pull_request',
      payload: pullRequestEvent(9, 3500),
      apiUrl: api.url,
    });

    expect(await lintedAdapters(run)).toEqual(['adapters/a', 'adapters/b']);
    const notice = run.commands.find((c) => c.command === 'notice');
    expect(notice?.message).toContain(
      'changes 3500 files; the GitHub API lists at most 3000: linting every adapter instead',
    );
    expect(run.summary).toContain('linting every adapter instead');
    expect(run.code).toBe(0);
  });

  it('carries the checkout fix on an LFS pointer', async () => {
    const workspace = await makeWorkspace();
    await writeLfsPointerAdapter(workspace, 'adapters/lfs');
    api = await startFakeGithubApi({
      pulls: { 4: [{ filename: 'adapters/lfs/adapter_model.safetensors', status: 'modified' }] },
    });

    const run = await runAction({
      workspace,
      eventName: 'pull_request',
      payload: pullRequestEvent(4, 1),
      apiUrl: api.url,
    });

    const lfs = fileAnnotations(run, 'error').find((e) => e.properties.title === 'AL102 lfs-pointer');
    expect(lfs?.properties.file).toBe('adapters/lfs/adapter_model.safetensors');
    expect(lfs?.message).toContain('lfs: true');
    expect(run.summary).toContain('lfs: true');
  });
});
