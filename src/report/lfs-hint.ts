import type { Finding } from '../types.js';

const LFS_FIX = 'Fix: check out with `lfs: true` on actions/checkout so the real weights are present.';

/** The finding's message, with the checkout fix for LFS pointers (AL102) when the engine didn't say it. */
export function messageWithFix(finding: Finding): string {
  if (finding.ruleId !== 'AL102' || finding.message.includes('lfs: true')) return finding.message;
  return `${finding.message} ${LFS_FIX}`;
}
