import { afterEach, describe, expect, it } from 'vitest';
import { failureLines } from './assertions.js';
import { pullRequestEvent, scheduleEvent } from './events.js';
import { type FakeApi, startFakeGithubApi } from './fake-github-api.js';
import { runAction } from './run-action.js';
import { makeWorkspace, writeCleanAdapter } from './workspace.js';

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('the Action when something is wrong', () => {
  it.each([
    [403, 'Resource not accessible by integration', 'lacks permission'],
    [401, 'Bad credentials', 'missing, expired or invalid'],
    [404, 'Not Found', 'not found'],
    [502, 'Server Error', 'server error'],
  ])('fails clearly when the pulls files API answers %i', async (status, message, hint) => {
    const workspace = await makeWorkspace();
    await writeCleanAdapter(workspace, 'adapters/a');
    api = await startFakeGithubApi({ failWith: { status, message } });

    const run = await runAction({
      workspace,
      eventName: 'pull_request',
      payload: pullRequestEvent(5, 1),
      apiUrl: api.url,
    });

    expect(run.code).toBe(1);
    const [failure, ...rest] = failureLines(run);
    expect(rest).toEqual([]);
    expect(failure).toContain(
      `GitHub API call pulls.listFiles (pull request #5) failed with HTTP ${status}: ${message}`,
    );
    expect(failure).toContain(hint);
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    expect(run.outputs.result).toBe('error'); // never 'pass' when nothing was linted
  });

  it('rejects a malformed shard with a message, not a crash', async () => {
    const workspace = await makeWorkspace();
    const run = await runAction({
      workspace,
      eventName: 'schedule',
      payload: scheduleEvent(),
      inputs: { shard: '3/2' },
    });

    expect(run.code).toBe(1);
    expect(failureLines(run)).toEqual(['Input shard must be I/N with 1 <= I <= N, e.g. 2/4 (got "3/2").']);
  });

  it('rejects an unknown fail-on level', async () => {
    const workspace = await makeWorkspace();
    const run = await runAction({
      workspace,
      eventName: 'schedule',
      payload: scheduleEvent(),
      inputs: { 'fail-on': 'fatal' },
    });

    expect(run.code).toBe(1);
    expect(failureLines(run)).toEqual([
      'Input fail-on must be one of error, warning, note, never, got "fatal".',
    ]);
  });

  it.each([
    ['threads', 'many', /^Input threads must be a whole number >= 0 \(got "many"\)\.$/],
    ['no-op-threshold', 'small', /^Input no-op-threshold must be a number >= 0 \(got "small"\)\.$/],
    [
      'precision-threshold',
      '50%',
      /^Input precision-threshold must be a number between 0 and 1 \(got "50%"\)\.$/,
    ],
  ])('rejects %s: %s before linting', async (name, value, message) => {
    const workspace = await makeWorkspace();
    await writeCleanAdapter(workspace, 'adapters/a');
    const run = await runAction({
      workspace,
      eventName: 'schedule',
      payload: scheduleEvent(),
      inputs: { [name]: value },
    });

    expect(run.code).toBe(1);
    const lines = failureLines(run);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(run.outputs.result).toBe('error'); // never 'pass' when nothing was linted
  });

  it('lowers a threads value this runner cannot use, with a warning, and goes on', async () => {
    const workspace = await makeWorkspace();
    await writeCleanAdapter(workspace, 'adapters/a');
    const run = await runAction({
      workspace,
      eventName: 'schedule',
      payload: scheduleEvent(),
      inputs: { threads: '100000' },
    });
    expect(run.code).toBe(0);
    expect(run.commands.filter((c) => c.command === 'warning').map((c) => c.message)).toContainEqual(
      expect.stringMatching(/^Input threads is 100000, more than this runner can use: using \d+\.$/),
    );
    expect(run.outputs.result).toBe('pass');
  });

  it('refuses a base model outside the workspace', async () => {
    const workspace = await makeWorkspace();
    const run = await runAction({
      workspace,
      eventName: 'schedule',
      payload: scheduleEvent(),
      inputs: { 'base-model': '../elsewhere' },
    });

    expect(run.code).toBe(1);
    expect(failureLines(run)[0]).toContain('Input base-model (../elsewhere) is outside the workspace');
  });
});
