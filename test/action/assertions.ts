// Reading an Action run back: annotations by kind, and the JSON report the run wrote.
import { readFile } from 'node:fs/promises';
import type { ActionRun, WorkflowCommand } from './run-action.js';

/** Annotations on a file (the failure line and the "more findings" notice have no file). */
export function fileAnnotations(run: ActionRun, command: 'error' | 'warning' | 'notice'): WorkflowCommand[] {
  return run.commands.filter((c) => c.command === command && c.properties.file !== undefined);
}

/** `::error::` lines without a file: what core.setFailed prints. */
export function failureLines(run: ActionRun): string[] {
  return run.commands
    .filter((c) => c.command === 'error' && c.properties.file === undefined)
    .map((c) => c.message);
}

export async function lintedAdapters(run: ActionRun): Promise<string[]> {
  const report = JSON.parse(await readFile(run.outputs.report!, 'utf8')) as { adapters: { path: string }[] };
  return report.adapters.map((a) => a.path).sort();
}
