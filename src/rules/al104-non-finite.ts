import type { Rule } from './rule.js';

export const nonFinite: Rule = {
  id: 'AL104',
  slug: 'non-finite',
  severity: 'error',
  description: 'A tensor holds NaN or +/-Inf values.',
  check({ adapter }, report) {
    for (const [name, stats] of adapter.stats) {
      const bad = stats.nanCount + stats.posInfCount + stats.negInfCount;
      if (bad === 0) continue;
      const parts = [
        stats.nanCount > 0 ? `${stats.nanCount} NaN` : '',
        stats.posInfCount > 0 ? `${stats.posInfCount} +Inf` : '',
        stats.negInfCount > 0 ? `${stats.negInfCount} -Inf` : '',
      ].filter((p) => p !== '');
      const file = adapter.tensors.get(name)?.file.file;
      report({
        ...(file ? { file } : {}),
        tensor: name,
        message: `Tensor ${name} holds ${parts.join(', ')} of ${stats.elements} values (first at flat index ${stats.firstNonFinite}); the training diverged or the export broke, so retrain or re-export from a good checkpoint.`,
        data: {
          nan: stats.nanCount,
          posInf: stats.posInfCount,
          negInf: stats.negInfCount,
          firstIndex: stats.firstNonFinite,
          elements: stats.elements,
        },
      });
    }
  },
};
