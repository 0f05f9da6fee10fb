import { adapterTarget } from '../merge/finding-target.js';
import type { Rule } from './rule.js';

export const al501BaseMismatch: Rule = {
  id: 'AL501',
  slug: 'base-mismatch',
  severity: 'error',
  description: 'An adapter module has no weight in the base checkpoint, or the shapes disagree.',
  check(context, report) {
    for (const stats of context.merge ?? []) {
      if (stats.baseMismatch) {
        report({
          ...adapterTarget(context.adapter, stats),
          message: `${stats.module} can't be merged into the base: ${stats.baseMismatch}.`,
          data: { module: stats.module, baseTensor: stats.baseTensor, reason: stats.baseMismatch },
        });
      } else if (stats.error) {
        report({
          ...adapterTarget(context.adapter, stats),
          message: `The test merge of ${stats.module} against ${stats.baseTensor ?? 'the base'} failed: ${stats.error}.`,
          data: { module: stats.module, baseTensor: stats.baseTensor, error: stats.error },
        });
      }
    }
  },
};
