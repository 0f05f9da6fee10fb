import { describe, expect, it } from 'vitest';
import {
  countBySeverity,
  shouldFail,
  sortAdaptersWorstFirst,
  sortWorstFirst,
  summaryLine,
  unattachedFindings,
  worstSeverity,
} from '../../src/report/summary.js';
import {
  baseProblem,
  doubledName,
  emptyReport,
  sampleReport,
  unrecognized,
  zeroUpdate,
} from './sample-report.js';

describe('countBySeverity', () => {
  it('counts each severity', () => {
    expect(countBySeverity(sampleReport().findings)).toEqual({ error: 2, warning: 1, note: 1 });
    expect(countBySeverity([])).toEqual({ error: 0, warning: 0, note: 0 });
  });
});

describe('shouldFail', () => {
  const onlyWarning = sampleReport({ findings: [zeroUpdate] });
  const onlyNote = sampleReport({ findings: [unrecognized] });
  it.each([
    ['error', true, false, false],
    ['warning', true, true, false],
    ['note', true, true, true],
    ['never', false, false, false],
  ] as const)('fail-on %s', (failOn, withError, withWarning, withNote) => {
    expect(shouldFail(sampleReport(), failOn)).toBe(withError);
    expect(shouldFail(onlyWarning, failOn)).toBe(withWarning);
    expect(shouldFail(onlyNote, failOn)).toBe(withNote);
    expect(shouldFail(emptyReport, failOn)).toBe(false);
  });
});

describe('ordering', () => {
  it('puts errors first, then warnings, then notes, stable by file and rule', () => {
    const sorted = sortWorstFirst([unrecognized, zeroUpdate, doubledName, baseProblem]);
    expect(sorted.map((f) => f.ruleId)).toEqual(['AL101', 'AL201', 'AL301', 'AL210']);
  });
  it('orders adapters by their worst finding, clean ones last', () => {
    expect(sortAdaptersWorstFirst(sampleReport().adapters).map((a) => a.path)).toEqual([
      'loras/broken',
      'loras/odd file #1.safetensors',
      'loras/good',
    ]);
  });
  it('finds the worst severity', () => {
    expect(worstSeverity([unrecognized, zeroUpdate])).toBe('warning');
    expect(worstSeverity([])).toBeNull();
  });
});

describe('summaryLine', () => {
  it('counts findings, adapters and files with plurals', () => {
    expect(summaryLine(sampleReport())).toBe('2 errors, 1 warning, 1 note in 3 adapters (5 files)');
    expect(summaryLine(emptyReport)).toBe('0 errors, 0 warnings, 0 notes in 0 adapters (0 files)');
  });
});

describe('unattachedFindings', () => {
  it('returns the findings no adapter owns', () => {
    expect(unattachedFindings(sampleReport())).toEqual([baseProblem]);
  });
});
