import { cp } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scheduleEvent } from './events.js';
import { runAction } from './run-action.js';
import { makeWorkspace } from './workspace.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples');

describe('the Action with base-model', () => {
  it('puts per-module update sizes and a per-layer chart with the same numbers in the job summary', async () => {
    const workspace = await makeWorkspace();
    await cp(join(EXAMPLES, 'base'), join(workspace, 'base'), { recursive: true });
    await cp(join(EXAMPLES, 'adapters/correct'), join(workspace, 'adapters/correct'), { recursive: true });

    const run = await runAction({
      workspace,
      eventName: 'schedule',
      payload: scheduleEvent(),
      inputs: { paths: 'adapters', 'base-model': 'base' },
    });

    expect(run.code).toBe(0);
    expect(run.summary).toContain('### Merge check: adapters/correct');
    const chart = /```mermaid\nxychart-beta\n[\s\S]*?x-axis "layer" \[(.*)\]\n[\s\S]*?bar \[(.*)\]\n```/.exec(
      run.summary,
    );
    expect(chart).not.toBeNull();
    const labels = chart![1]!.split(', ').map((l) => JSON.parse(l) as string);
    const bars = chart![2]!.split(', ');
    expect(labels).toEqual(['0', '1']);
    // Each bar's value is in the per-layer table, on its layer's row.
    for (const [i, label] of labels.entries()) {
      expect(run.summary).toMatch(new RegExp(`\\| ${label} \\| 2 \\| ${bars[i]!.replace('.', '\\.')} \\|`));
    }
    expect(run.summary).toContain(
      '| model.layers.0.self&#95;attn.q&#95;proj | model.layers.0.self&#95;attn.q&#95;proj.weight |',
    );
  });

  it('passes no-op-threshold to AL502: a huge threshold makes a real update count as no change', async () => {
    const workspace = await makeWorkspace();
    await cp(join(EXAMPLES, 'base'), join(workspace, 'base'), { recursive: true });
    await cp(join(EXAMPLES, 'adapters/correct'), join(workspace, 'adapters/correct'), { recursive: true });

    const run = await runAction({
      workspace,
      eventName: 'schedule',
      payload: scheduleEvent(),
      inputs: {
        paths: 'adapters',
        'base-model': 'base',
        'no-op-threshold': '1e9',
        'precision-threshold': '1',
      },
    });

    expect(run.code).toBe(1);
    const titles = run.commands.filter((c) => c.properties.title).map((c) => c.properties.title);
    expect(titles).toContain('AL502 merge-no-op');
    expect(titles.filter((t) => t.startsWith('AL503'))).toEqual([]);
    expect(run.outputs.result).toBe('fail');
  });
});
