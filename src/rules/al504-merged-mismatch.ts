import { mergedTarget, num } from '../merge/finding-target.js';
import type { Rule } from './rule.js';

export const al504MergedMismatch: Rule = {
  id: 'AL504',
  slug: 'merged-mismatch',
  severity: 'error',
  description: 'A given merged checkpoint is not base + update within a dtype-aware tolerance.',
  check(context, report) {
    for (const s of context.merge ?? []) {
      if (s.error || s.baseMismatch) continue;
      const target = mergedTarget(context.adapter, s);
      if (s.mergedVerdict === 'not-applied') {
        report({
          ...target,
          message: `${s.module}: merge not applied — the merged weight equals the base weight bit for bit, though the update is ${num(s.ratio)} of its norm; merge again (merge_and_unload() on the model that has the adapter loaded) and save that model.`,
          data: { module: s.module, verdict: s.mergedVerdict, ratio: s.ratio },
        });
      } else if (s.mergedVerdict === 'mismatch') {
        report({
          ...target,
          message: `${s.module}: the merged weight is not base + scale*B*A: ${s.mergedDetail ?? 'values differ'}. Check the scale (alpha/r, rsLoRA), fan_in_fan_out and which adapter was merged.`,
          data: {
            module: s.module,
            verdict: s.mergedVerdict,
            detail: s.mergedDetail,
            maxError: s.maxMergedError,
          },
        });
      }
    }
  },
};
