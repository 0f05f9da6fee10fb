// A one-line progress indicator on a terminal's stderr: silent for quick runs, throttled, cleared at the end.
import type { ProgressEvent } from '../types.js';

export interface ProgressStream {
  write(chunk: string): unknown;
}

export interface ProgressReporter {
  readonly onProgress: (event: ProgressEvent) => void;
  /** Erases the line if anything was drawn. */
  finish(): void;
}

export interface ProgressTiming {
  /** Nothing is drawn before this many ms have passed since the start. */
  readonly delayMs?: number;
  /** At most one redraw per this many ms. */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export function describeProgress(event: ProgressEvent): string {
  if (event.phase === 'discover') return `found ${event.adapters} adapter${event.adapters === 1 ? '' : 's'}`;
  const verb = event.phase === 'scan' ? 'checking' : 'merge check';
  return `${verb} ${event.done}/${event.total}${event.label ? ` ${event.label}` : ''}`;
}

export function createProgressReporter(
  stream: ProgressStream,
  timing: ProgressTiming = {},
): ProgressReporter {
  const now = timing.now ?? Date.now;
  const delay = timing.delayMs ?? 500;
  const interval = timing.intervalMs ?? 100;
  const start = now();
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    onProgress(event) {
      const t = now();
      if (t - start < delay || t - lastDraw < interval) return;
      lastDraw = t;
      drawn = true;
      const text = describeProgress(event)
        .replace(/[\x00-\x1f\x7f]/g, '?')
        .slice(0, 100);
      stream.write(`\r\x1b[2K${text}`);
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
