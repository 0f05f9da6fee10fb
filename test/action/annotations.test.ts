import { describe, expect, it } from 'vitest';
import { emitAnnotations, planAnnotations } from '../../src/action/annotations.js';
import { formatAnnotation } from '../../src/report/github.js';
import { finding } from './report-fixtures.js';
import { parseWorkflowCommands } from './run-action.js';

const many = (severity: 'error' | 'warning' | 'note', count: number) =>
  Array.from({ length: count }, (_, i) => finding(severity, { message: `${severity} ${i}` }));

describe('planAnnotations', () => {
  it('sends the worst findings first, up to the cap per severity', () => {
    const plan = planAnnotations([...many('note', 2), ...many('warning', 12), ...many('error', 3)], 10, {
      failure: false,
      notices: 0,
    });
    expect(plan.shown.map((f) => f.severity)).toEqual([
      ...Array(3).fill('error'),
      ...Array(10).fill('warning'),
      'note',
      'note',
    ]);
    expect(plan.omitted).toEqual({ error: 0, warning: 2, note: 0 });
  });

  it('says when the max-annotations input, not GitHub, held findings back', () => {
    const findings = many('warning', 12);
    expect(planAnnotations(findings, 3, { failure: false, notices: 0 }).userLimit).toBe(3);
    expect(planAnnotations(findings, 10, { failure: false, notices: 0 }).userLimit).toBeNull();
  });

  it('keeps an error slot for the failure message and a notice slot for the count', () => {
    const plan = planAnnotations([...many('error', 15), ...many('note', 10)], 10, {
      failure: true,
      notices: 0,
    });
    expect(plan.shown.filter((f) => f.severity === 'error')).toHaveLength(9);
    expect(plan.shown.filter((f) => f.severity === 'note')).toHaveLength(9);
    expect(plan.omitted).toEqual({ error: 6, warning: 0, note: 1 });
  });

  it('honours a smaller max-annotations', () => {
    const plan = planAnnotations(many('warning', 5), 2, { failure: false, notices: 0 });
    expect(plan.shown.map((f) => f.message)).toEqual(['warning 0', 'warning 1']);
    expect(plan.omitted.warning).toBe(3);
  });
});

describe('emitAnnotations', () => {
  it("writes each shown finding as formatAnnotation's line (the CLI's), with file, line 1 and title", () => {
    const lfs = finding('error', {
      ruleId: 'AL102',
      slug: 'lfs-pointer',
      file: 'adapters/lfs/adapter_model.safetensors',
      message: 'The file is a Git LFS pointer.',
    });
    const zero = finding('warning', { tensor: 'm.lora_B.weight', message: 'lora_B is all zeros.' });
    const plan = planAnnotations([zero, lfs], 10, { failure: false, notices: 0 });
    const written: string[] = [];
    emitAnnotations(plan, (line) => written.push(line));

    expect(written).toEqual([formatAnnotation(lfs), formatAnnotation(zero)]);
    const commands = parseWorkflowCommands(written.join('\n'));
    expect(commands.map((c) => [c.command, c.properties])).toEqual([
      ['error', { file: 'adapters/lfs/adapter_model.safetensors', line: '1', title: 'AL102 lfs-pointer' }],
      ['warning', { file: 'adapters/a/adapter_model.safetensors', line: '1', title: 'AL301 zero-update' }],
    ]);
    expect(commands.map((c) => c.message)).toEqual([
      'The file is a Git LFS pointer. Fix: check out with `lfs: true` on actions/checkout so the real weights are present.',
      'lora_B is all zeros.\nTensor: m.lora_B.weight',
    ]);
  });
});
