import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/json.js';
import { baseProblem, doubledName, sampleReport } from './sample-report.js';

describe('formatJson', () => {
  const parsed = JSON.parse(formatJson(sampleReport()));

  it('has exactly the contract fields plus summary and notices', () => {
    expect(Object.keys(parsed)).toEqual([
      'version',
      'tool',
      'adapters',
      'findings',
      'merge',
      'summary',
      'notices',
    ]);
    expect(parsed.version).toBe(1);
    expect(parsed.tool).toEqual({ name: 'adapter-lint', version: '9.8.7' });
    expect(parsed.summary).toEqual({ errors: 2, warnings: 1, notes: 1, adapters: 3, files: 5 });
    expect(parsed.notices).toEqual([]);
  });

  it('lists adapters with path, layout, modules and their findings', () => {
    expect(parsed.adapters.map((a: { path: string }) => a.path)).toEqual([
      'loras/good',
      'loras/odd file #1.safetensors',
      'loras/broken',
    ]);
    expect(Object.keys(parsed.adapters[2])).toEqual(['path', 'layout', 'modules', 'findings']);
    expect(parsed.adapters[2].layout).toBe('peft');
    expect(parsed.adapters[2].modules).toBe(1);
    expect(parsed.adapters[2].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['AL301', 'AL201']);
  });

  it('writes findings in contract order, omitting absent tensor and data', () => {
    expect(parsed.findings[0]).toEqual({ ...doubledName });
    expect(Object.keys(parsed.findings[0])).toEqual([
      'ruleId',
      'slug',
      'severity',
      'file',
      'tensor',
      'message',
    ]);
    expect(parsed.findings[1]).toEqual({ ...baseProblem });
    expect('tensor' in parsed.findings[1]).toBe(false);
  });

  it('writes bigint data as a number when exact, else as a string', () => {
    expect(parsed.findings[2].data).toEqual({ zeros: 64, big: '1180591620717411303424', small: 12 });
  });

  it('carries the merge stats through', () => {
    expect(parsed.merge).toHaveLength(1);
    expect(parsed.merge[0]).toMatchObject({ adapter: 'loras/good', ratio: 0.4, mergedVerdict: 'ok' });
  });

  it('is pretty-printed and ends with a newline', () => {
    const text = formatJson(sampleReport());
    expect(text.startsWith('{\n  "version": 1,')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });
});
