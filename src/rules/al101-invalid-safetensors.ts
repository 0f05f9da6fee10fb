import { MISSING_LINK_FIX } from '../adapter/load.js';
import type { Rule } from './rule.js';

export const invalidSafetensors: Rule = {
  id: 'AL101',
  slug: 'invalid-safetensors',
  severity: 'error',
  description: 'The weights file is not a valid safetensors file (or cannot be read at all).',
  check({ adapter }, report) {
    for (const problem of adapter.fileProblems) {
      if (problem.kind === 'invalid-safetensors') {
        const where = problem.offset !== null ? ` at byte ${problem.offset}` : '';
        report({
          file: problem.file,
          message: `${problem.file} is not a valid safetensors file (${problem.code}${where}: ${problem.message}); re-export it with safetensors' save_file or replace it with an intact copy.`,
          data: { code: problem.code, offset: problem.offset },
        });
      } else if (problem.kind === 'unreadable') {
        // A dangling link's message already says what to do; other read failures need an intact copy.
        const fix = problem.message.endsWith(MISSING_LINK_FIX) ? '' : '; replace it with an intact copy';
        report({
          file: problem.file,
          message: `${problem.file} cannot be read as adapter weights: ${problem.message}${fix}.`,
        });
      }
    }
  },
};
