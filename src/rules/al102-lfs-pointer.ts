import type { Rule } from './rule.js';

export const lfsPointer: Rule = {
  id: 'AL102',
  slug: 'lfs-pointer',
  severity: 'error',
  description: 'The file is a Git LFS pointer, not the weights.',
  check({ adapter }, report) {
    for (const problem of adapter.fileProblems) {
      if (problem.kind !== 'lfs-pointer') continue;
      const size = problem.size !== undefined ? ` (the real file is ${problem.size} bytes)` : '';
      report({
        file: problem.file,
        message: `${problem.file} is a Git LFS pointer, not the weights${size}; fetch the LFS objects (git lfs pull, or lfs: true on actions/checkout).`,
        data: {
          ...(problem.oid ? { oid: problem.oid } : {}),
          ...(problem.size !== undefined ? { size: problem.size } : {}),
        },
      });
    }
  },
};
