// STUB owned by the engine work: options in, report out. Both front doors call only this.
import type { LintOptions, LintReport } from './types.js';

export async function lint(_options: LintOptions): Promise<LintReport> {
  throw new Error('lint() is not implemented yet');
}
