import type { Rule } from './rule.js';

export const badShardIndex: Rule = {
  id: 'AL105',
  slug: 'bad-shard-index',
  severity: 'error',
  description: 'A *.safetensors.index.json is unparseable or disagrees with its shards.',
  check({ adapter }, report) {
    for (const problem of adapter.fileProblems) {
      if (problem.kind !== 'bad-shard-index') continue;
      report({
        file: problem.file,
        severity: problem.severity,
        message: `Shard index ${problem.file}: ${problem.message}; regenerate the index from the shards (or restore the missing shard).`,
      });
    }
  },
};
