// The bundle must start real worker threads: piscina (inside dist/index.js) loads dist/worker.js, which loads
// dist/pool-task.js. A copy of dist/ with a probing task file records the thread each task runs on.
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { llamaLora, writeAdapterFolder } from '../helpers/adapters.js';
import { scheduleEvent } from './events.js';
import { ACTION_BUNDLE, runAction } from './run-action.js';
import { makeWorkspace } from './workspace.js';

const PROBE_TASK = `import { appendFileSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';
import realTask from './pool-task-real.js';
export default function probedTask(task) {
  appendFileSync(process.env.POOL_PROBE_FILE, JSON.stringify({ isMainThread, threadId }) + '\\n');
  return realTask(task);
}
`;

async function probedDistCopy(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'adapter-lint-dist-'));
  const dist = join(root, 'dist');
  await cp(dirname(ACTION_BUNDLE), dist, { recursive: true });
  await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
  await rename(join(dist, 'pool-task.js'), join(dist, 'pool-task-real.js'));
  await writeFile(join(dist, 'pool-task.js'), PROBE_TASK);
  return join(dist, 'index.js');
}

describe('the bundled Action', () => {
  it('runs pool tasks on real worker threads (threads: 2)', async () => {
    const workspace = await makeWorkspace();
    for (let i = 0; i < 6; i++) {
      await writeAdapterFolder(join(workspace, `adapters/lora-${i}`), {
        tensors: llamaLora(4, { seed: i + 1 }),
      });
    }
    const bundle = await probedDistCopy();
    const probeFile = join(dirname(bundle), 'probe.jsonl');
    await writeFile(probeFile, '');

    const run = await runAction({
      workspace,
      bundle,
      eventName: 'schedule',
      payload: scheduleEvent(),
      inputs: { threads: '2' },
      env: { POOL_PROBE_FILE: probeFile },
    });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const calls = (await readFile(probeFile, 'utf8'))
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { isMainThread: boolean; threadId: number });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.isMainThread === false && c.threadId > 0)).toBe(true);
    const threads = new Set(calls.map((c) => c.threadId));
    expect(threads.size).toBeGreaterThanOrEqual(1);
    expect(threads.size).toBeLessThanOrEqual(2);
  });

  it('a bundle whose worker task cannot load fails the step with an ::error:: line and result error', async () => {
    const workspace = await makeWorkspace();
    await writeAdapterFolder(join(workspace, 'adapters/lora'), { tensors: llamaLora(2) });
    const bundle = await probedDistCopy();
    await rm(join(dirname(bundle), 'pool-task.js'));
    const run = await runAction({
      workspace,
      bundle,
      eventName: 'schedule',
      payload: scheduleEvent(),
      inputs: { threads: '2' },
    });
    expect(run.code).not.toBe(0);
    const errors = run.commands.filter((c) => c.command === 'error').map((c) => c.message);
    expect(errors.some((m) => m.startsWith('adapter-lint failed:') && m.includes('pool-task.js'))).toBe(true);
    expect(run.outputs.result).toBe('error');
  });
});
