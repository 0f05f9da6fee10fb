import { describe, expect, it } from 'vitest';
import { createProgressReporter, describeProgress } from '../../src/report/progress.js';

function fakeStream() {
  const chunks: string[] = [];
  return { chunks, write: (c: string) => chunks.push(c) };
}

describe('progress', () => {
  it('stays silent for a quick run', () => {
    const stream = fakeStream();
    let t = 0;
    const progress = createProgressReporter(stream, { now: () => t, delayMs: 500 });
    t = 100;
    progress.onProgress({ phase: 'scan', done: 1, total: 2 });
    progress.finish();
    expect(stream.chunks).toEqual([]);
  });

  it('draws after the delay, throttles redraws, and clears the line at the end', () => {
    const stream = fakeStream();
    let t = 0;
    const progress = createProgressReporter(stream, { now: () => t, delayMs: 500, intervalMs: 100 });
    t = 600;
    progress.onProgress({ phase: 'scan', done: 1, total: 3, label: 'loras/a' });
    t = 650;
    progress.onProgress({ phase: 'scan', done: 2, total: 3 });
    t = 700;
    progress.onProgress({ phase: 'merge', done: 3, total: 3 });
    progress.finish();
    expect(stream.chunks).toEqual(['\r\x1b[2Kchecking 1/3 loras/a', '\r\x1b[2Kmerge check 3/3', '\r\x1b[2K']);
  });

  it('describes discovery and strips control characters from labels', () => {
    expect(describeProgress({ phase: 'discover', adapters: 1 })).toBe('found 1 adapter');
    const stream = fakeStream();
    let t = 0;
    const progress = createProgressReporter(stream, { now: () => t });
    t = 10_000;
    progress.onProgress({ phase: 'scan', done: 1, total: 1, label: 'a\x1b]0;x\x07' });
    expect(stream.chunks[0]).toBe('\r\x1b[2Kchecking 1/1 a?]0;x?');
  });
});
