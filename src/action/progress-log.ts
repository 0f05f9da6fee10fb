// Long runs in Actions: a log line when a phase starts, at most every interval while it runs, and when it ends.
import type { ProgressEvent } from '../types.js';

export function progressLog(
  log: (line: string) => void,
  intervalMs = 10_000,
  now: () => number = Date.now,
): (event: ProgressEvent) => void {
  let phase = '';
  let last = 0;
  return (event) => {
    if (event.phase === 'discover') {
      log(`adapter-lint: ${event.adapters} adapter(s) to lint`);
      return;
    }
    const started = event.phase !== phase;
    const finished = event.done === event.total;
    if (!started && !finished && now() - last < intervalMs) return;
    phase = event.phase;
    last = now();
    const what = event.phase === 'scan' ? 'value scans' : 'merge checks';
    const percent = event.total > 0 ? Math.floor((100 * event.done) / event.total) : 100;
    log(`adapter-lint: ${what} ${event.done}/${event.total} (${percent}%)`);
  };
}
