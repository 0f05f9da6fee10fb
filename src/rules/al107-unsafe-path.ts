import type { Rule } from './rule.js';

export const unsafePath: Rule = {
  id: 'AL107',
  slug: 'unsafe-path',
  severity: 'error',
  description: 'A path leads outside the folder being linted; it was not opened.',
  check({ adapter }, report) {
    for (const problem of adapter.fileProblems) {
      if (problem.kind !== 'unsafe-path') continue;
      report({
        file: problem.file,
        message: `${problem.file} leads outside the folder being linted (${problem.reason}) and was not opened; replace the link or shard name with a file inside the folder.`,
      });
    }
  },
};
