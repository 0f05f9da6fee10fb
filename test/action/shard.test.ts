import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { lintedAdapters } from './assertions.js';
import { scheduleEvent } from './events.js';
import { runAction } from './run-action.js';
import { makeWorkspace, writeCleanAdapter } from './workspace.js';

describe('shard i/n', () => {
  it('splits the adapters between matrix jobs: every adapter once, each shard its own SARIF category', async () => {
    const workspace = await makeWorkspace();
    const all = Array.from({ length: 7 }, (_, i) => `adapters/lora-${i}`);
    for (const path of all) await writeCleanAdapter(workspace, path);

    const shards = [];
    for (const shard of ['1/2', '2/2']) {
      const run = await runAction({
        workspace,
        eventName: 'schedule',
        payload: scheduleEvent(),
        inputs: { shard, 'sarif-file': `sarif/${shard.replace('/', '-of-')}.sarif` },
      });
      expect(run.code).toBe(0);
      shards.push({ run, adapters: await lintedAdapters(run) });
    }

    const [first, second] = shards;
    expect(first!.adapters.length).toBeGreaterThan(0);
    expect(second!.adapters.length).toBeGreaterThan(0);
    expect(first!.adapters.filter((a) => second!.adapters.includes(a))).toEqual([]);
    expect([...first!.adapters, ...second!.adapters].sort()).toEqual(all);
    expect(first!.run.outputs.adapters).toBe(String(first!.adapters.length));

    const category = async (file: string) =>
      JSON.parse(await readFile(`${workspace}/sarif/${file}`, 'utf8')).runs[0].automationDetails.id;
    expect(await category('1-of-2.sarif')).toBe('adapter-lint-shard-1-of-2/');
    expect(await category('2-of-2.sarif')).toBe('adapter-lint-shard-2-of-2/');
    expect(first!.run.outputs.report).toMatch(/adapter-lint-report-shard-1-of-2\.json$/);
  });
});
