import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSafetensors } from '../../src/safetensors/index.js';
import { llamaLora, renameTensors, writeAdapterFolder } from '../helpers/adapters.js';
import { scheduleEvent } from './events.js';
import { runAction } from './run-action.js';
import { makeWorkspace } from './workspace.js';

async function keysOf(path: string): Promise<string[]> {
  const file = await openSafetensors(path);
  try {
    return [...file.header.tensors.keys()].sort();
  } finally {
    await file.close();
  }
}

describe('the Action with fix: true', () => {
  it('applies the safe renames in the workspace, lints what is left, and lists the changes in the summary', async () => {
    const workspace = await makeWorkspace();
    const correct = llamaLora(1);
    await writeAdapterFolder(join(workspace, 'adapters/named'), {
      tensors: renameTensors(correct, (k) => k.replace(/\.weight$/, '.default.weight')),
    });
    await writeAdapterFolder(join(workspace, 'adapters/misnamed'), {
      tensors: correct,
      weightsName: 'model.safetensors',
    });

    const run = await runAction({
      workspace,
      eventName: 'schedule',
      payload: scheduleEvent(),
      inputs: { fix: 'true' },
    });

    expect(await keysOf(join(workspace, 'adapters/named/adapter_model.safetensors'))).toEqual(
      correct.map((s) => s.name).sort(),
    );
    expect(await readdir(join(workspace, 'adapters/misnamed'))).toEqual([
      'adapter_config.json',
      'adapter_model.safetensors',
    ]);
    expect(run.outputs).toMatchObject({ fixed: '2', errors: '0', result: 'pass' });
    expect(run.summary).toContain('## adapter-lint fixes');
    expect(run.summary).toContain(
      '| adapters/named/adapter&#95;model.safetensors | base&#95;model.model.model.layers.0.self&#95;attn.q&#95;proj.lora&#95;A.default.weight | base&#95;model.model.model.layers.0.self&#95;attn.q&#95;proj.lora&#95;A.weight | AL202 |',
    );
    expect(run.summary).toMatch(
      '| adapters/misnamed/model.safetensors | (file) | adapters/misnamed/adapter&#95;model.safetensors | AL404 |',
    );
    expect(run.code).toBe(0);
  });

  it('changes nothing without the input', async () => {
    const workspace = await makeWorkspace();
    await writeAdapterFolder(join(workspace, 'a'), {
      tensors: renameTensors(llamaLora(1), (k) => k.replace(/\.weight$/, '.default.weight')),
    });
    const run = await runAction({ workspace, eventName: 'schedule', payload: scheduleEvent() });
    expect((await keysOf(join(workspace, 'a/adapter_model.safetensors')))[0]).toMatch(/\.default\.weight$/);
    expect(run.outputs).toMatchObject({ fixed: '0', result: 'fail' });
    expect(run.summary).not.toContain('adapter-lint fixes');
  });
});
