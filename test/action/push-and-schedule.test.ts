import { afterEach, describe, expect, it } from 'vitest';
import { lintedAdapters } from './assertions.js';
import { pushEvent, scheduleEvent } from './events.js';
import { type FakeApi, startFakeGithubApi } from './fake-github-api.js';
import { runAction } from './run-action.js';
import { makeWorkspace, writeBrokenAdapter, writeCleanAdapter } from './workspace.js';

const BEFORE = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const AFTER = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function threeAdapters(): Promise<string> {
  const workspace = await makeWorkspace();
  await writeCleanAdapter(workspace, 'adapters/a');
  await writeBrokenAdapter(workspace, 'adapters/b');
  await writeCleanAdapter(workspace, 'adapters/c');
  return workspace;
}

describe('the Action on a push', () => {
  it('lints the adapters changed between before and after, from the compare API', async () => {
    const workspace = await threeAdapters();
    api = await startFakeGithubApi({
      compares: {
        [`${BEFORE}...${AFTER}`]: [
          { filename: 'adapters/c/adapter_model.safetensors', status: 'modified' },
          { filename: 'adapters/b/adapter_model.safetensors', status: 'removed' },
        ],
      },
    });

    const run = await runAction({
      workspace,
      eventName: 'push',
      payload: pushEvent(BEFORE, AFTER),
      apiUrl: api.url,
    });

    expect(api.requests.map((r) => r.path)).toEqual([`/repos/octo-org/models/compare/${BEFORE}...${AFTER}`]);
    expect(await lintedAdapters(run)).toEqual(['adapters/c']);
    expect(run.outputs).toMatchObject({ result: 'pass', errors: '0' });
    expect(run.code).toBe(0);
  });

  it('lints everything when the compare API hits its 300-file cap', async () => {
    const workspace = await threeAdapters();
    const files = Array.from({ length: 300 }, (_, i) => ({
      filename: `data/file-${i}.txt`,
      status: 'added' as const,
    }));
    api = await startFakeGithubApi({ compares: { [`${BEFORE}...${AFTER}`]: files } });

    const run = await runAction({
      workspace,
      eventName: 'push',
      payload: pushEvent(BEFORE, AFTER),
      apiUrl: api.url,
    });

    expect(await lintedAdapters(run)).toEqual(['adapters/a', 'adapters/b', 'adapters/c']);
    expect(run.commands.find((c) => c.command === 'notice')?.message).toContain(
      'the GitHub compare API lists at most 300',
    );
  });

  it('lints everything on a new branch (before is all zeros) without calling the API', async () => {
    const workspace = await threeAdapters();
    api = await startFakeGithubApi({});

    const run = await runAction({
      workspace,
      eventName: 'push',
      payload: pushEvent('0'.repeat(40), AFTER),
      apiUrl: api.url,
    });

    expect(api.requests).toEqual([]);
    expect(await lintedAdapters(run)).toEqual(['adapters/a', 'adapters/b', 'adapters/c']);
    expect(run.commands.find((c) => c.command === 'notice')?.message).toContain('A new branch was pushed');
  });
});

describe('the Action on a schedule', () => {
  it('lints every adapter and calls no API', async () => {
    const workspace = await threeAdapters();
    api = await startFakeGithubApi({});

    const run = await runAction({
      workspace,
      eventName: 'schedule',
      payload: scheduleEvent(),
      apiUrl: api.url,
    });

    expect(api.requests).toEqual([]);
    expect(await lintedAdapters(run)).toEqual(['adapters/a', 'adapters/b', 'adapters/c']);
    expect(run.outputs).toMatchObject({ adapters: '3', result: 'fail' });
    expect(run.summary).toContain('all adapters (event schedule)');
    expect(run.code).toBe(1);
  });

  it('does not fail with fail-on: never, and still counts', async () => {
    const workspace = await threeAdapters();
    const run = await runAction({
      workspace,
      eventName: 'schedule',
      payload: scheduleEvent(),
      inputs: { 'fail-on': 'never' },
    });

    expect(Number(run.outputs.errors)).toBeGreaterThan(0);
    expect(run.outputs.result).toBe('pass');
    expect(run.code).toBe(0);
  });
});
