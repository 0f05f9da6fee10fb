import { describe, expect, it } from 'vitest';
import { progressLog } from '../../src/action/progress-log.js';

describe('progress log lines in Actions', () => {
  it('logs each phase start, then at most once per interval, and the end', () => {
    const lines: string[] = [];
    let clock = 0;
    const onProgress = progressLog(
      (l) => lines.push(l),
      10_000,
      () => clock,
    );
    onProgress({ phase: 'discover', adapters: 3 });
    onProgress({ phase: 'scan', done: 0, total: 100 });
    for (let done = 1; done < 100; done++) {
      clock += 500;
      onProgress({ phase: 'scan', done, total: 100 });
    }
    onProgress({ phase: 'scan', done: 100, total: 100 });
    onProgress({ phase: 'merge', done: 0, total: 4 });
    expect(lines).toEqual([
      'adapter-lint: 3 adapter(s) to lint',
      'adapter-lint: value scans 0/100 (0%)',
      'adapter-lint: value scans 20/100 (20%)',
      'adapter-lint: value scans 40/100 (40%)',
      'adapter-lint: value scans 60/100 (60%)',
      'adapter-lint: value scans 80/100 (80%)',
      'adapter-lint: value scans 100/100 (100%)',
      'adapter-lint: merge checks 0/4 (0%)',
    ]);
  });
});
