import { adapterTarget, percent } from '../merge/finding-target.js';
import type { Rule } from './rule.js';

export const al503PrecisionLoss: Rule = {
  id: 'AL503',
  slug: 'precision-loss',
  severity: 'warning',
  description: 'Merging in the base dtype rounds most of the update away: W + dW rounds back to W.',
  check(context, report) {
    for (const s of context.merge ?? []) {
      if (s.roundingLoss === undefined || s.error || s.baseMismatch) continue;
      // The catalogue's dtypes: an F32 base keeps its rounding figure in the stats, and an update that is
      // zero anyway is AL502's finding, not a precision loss.
      if ((s.baseDtype !== 'BF16' && s.baseDtype !== 'F16') || s.updateNorm === 0) continue;
      if (!(s.roundingLoss > context.precisionThreshold)) continue;
      const interval = s.roundingLossInterval;
      const how = s.exact
        ? 'of all elements'
        : `estimated from ${s.roundingRows ?? 0} sampled rows${interval ? `, 95% interval ${percent(interval[0])}–${percent(interval[1])}` : ''}`;
      report({
        ...adapterTarget(context.adapter, s),
        message: `${s.module}: merging into ${s.baseDtype ?? 'the base dtype'} rounds the update away for ${percent(s.roundingLoss)} of the weights (${how}); merge in float32 or keep the adapter unmerged.`,
        data: {
          module: s.module,
          roundingLoss: s.roundingLoss,
          interval,
          exact: s.exact ?? false,
          baseDtype: s.baseDtype,
          threshold: context.precisionThreshold,
        },
      });
    }
  },
};
