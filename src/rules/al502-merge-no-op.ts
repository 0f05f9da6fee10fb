import { adapterTarget, num } from '../merge/finding-target.js';
import type { ModuleMergeStats } from '../types.js';
import type { Rule } from './rule.js';

const measured = (s: ModuleMergeStats) =>
  !s.baseMismatch && !s.error && !s.skipped && Number.isFinite(s.baseNorm);

export const al502MergeNoOp: Rule = {
  id: 'AL502',
  slug: 'merge-no-op',
  severity: 'error',
  description:
    'The test merge leaves the base weights unchanged: ||scale*B*A||_F / ||W||_F is below the threshold.',
  check(context, report) {
    const modules = (context.merge ?? []).filter(measured);
    const below = modules.filter((s) => !(s.ratio >= context.noOpThreshold));
    if (below.length === 0) return;
    if (below.length === modules.length) {
      const largest = modules.reduce(
        (max, s) => Math.max(max, Number.isFinite(s.ratio) ? s.ratio : 0),
        -Infinity,
      );
      report({
        message: `Merging this adapter leaves the model unchanged: in all ${modules.length} modules the update is below ${num(context.noOpThreshold)} of the base weight (largest ratio ${num(largest)}); check that training updated lora_B and that the right checkpoint was saved.`,
        data: { modules: modules.length, largestRatio: largest, threshold: context.noOpThreshold },
      });
      return;
    }
    for (const s of below) {
      report({
        ...adapterTarget(context.adapter, s),
        severity: 'warning',
        message: `${s.module}: the update is ${num(s.ratio)} of the base weight's norm (below ${num(context.noOpThreshold)}), so merging it changes nothing.`,
        data: { module: s.module, ratio: s.ratio, updateNorm: s.updateNorm, baseNorm: s.baseNorm },
      });
    }
  },
};
