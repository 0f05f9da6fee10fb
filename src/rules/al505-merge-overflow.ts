import { adapterTarget, mergedTarget } from '../merge/finding-target.js';
import type { Rule } from './rule.js';

export const al505MergeOverflow: Rule = {
  id: 'AL505',
  slug: 'merge-overflow',
  severity: 'error',
  description: 'The merged weights overflow to +/-Inf, or hold NaN, in the target dtype.',
  check(context, report) {
    for (const s of context.merge ?? []) {
      if (s.error || s.baseMismatch) continue;
      const inf = s.overflowCount ?? 0;
      const nan = s.nanCount ?? 0;
      if (inf + nan > 0) {
        const where = s.overflowAt ? ` (first at [${s.overflowAt.join(', ')}])` : '';
        report({
          ...adapterTarget(context.adapter, s),
          message: `${s.module}: merging into ${s.baseDtype ?? 'the base dtype'} gives ${inf} infinite and ${nan} NaN weights${where}; the update is too large for the dtype (merge in float32/bfloat16 or retrain).`,
          data: { module: s.module, inf, nan, at: s.overflowAt, baseDtype: s.baseDtype },
        });
      }
      if ((s.mergedNonFinite ?? 0) > 0) {
        report({
          ...mergedTarget(context.adapter, s),
          message: `${s.module}: the merged checkpoint holds ${s.mergedNonFinite} NaN or infinite values in ${s.mergedTensor ?? 'this weight'}.`,
          data: { module: s.module, mergedNonFinite: s.mergedNonFinite },
        });
      }
    }
  },
};
