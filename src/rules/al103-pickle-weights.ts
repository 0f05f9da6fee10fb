import type { Rule } from './rule.js';

export const pickleWeights: Rule = {
  id: 'AL103',
  slug: 'pickle-weights',
  severity: 'warning',
  description: 'Adapter weights are a pickle: loading can run code, and the tensors cannot be checked.',
  check({ adapter }, report) {
    for (const problem of adapter.fileProblems) {
      if (problem.kind !== 'pickle') continue;
      report({
        file: problem.file,
        message: `${problem.file} is ${problem.reason}: loading it can run code and its tensors can't be checked; save the adapter as safetensors (safe_serialization=True).`,
      });
    }
  },
};
