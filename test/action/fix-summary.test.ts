import { describe, expect, it } from 'vitest';
import { fixSummary } from '../../src/action/fix-summary.js';
import type { FixResult } from '../../src/fix/index.js';

const result: FixResult = {
  changedFiles: 3,
  failures: [],
  notices: ['a/.adapter_model-00001-of-00002.safetensors.adapter-lint-tmp is left from an interrupted fix'],
  plans: [
    {
      adapter: 'a',
      files: [
        {
          file: 'a/adapter_model-00001-of-00002.safetensors',
          absPath: '/w/a/adapter_model-00001-of-00002.safetensors',
          renames: [{ from: 'x.lora_A.default.weight', to: 'x.lora_A.weight', rules: ['AL202'] }],
        },
      ],
      index: {
        file: 'a/adapter_model.safetensors.index.json',
        absPath: '/w/a/adapter_model.safetensors.index.json',
        renames: [{ from: 'x.lora_A.default.weight', to: 'x.lora_A.weight', rules: ['AL202'] }],
      },
      fileRename: null,
      refused: [{ file: 'a/b.safetensors', rule: 'AL205', reason: '`.modules_to_save.` was kept' }],
    },
  ],
};

describe('the fix section of the job summary', () => {
  it('lists key renames, the shard index update, notices and refusals', () => {
    const text = fixSummary(result);
    expect(text).toContain('3 file(s) changed in the workspace.');
    expect(text).toContain(
      '| a/adapter&#95;model-00001-of-00002.safetensors | x.lora&#95;A.default.weight | x.lora&#95;A.weight | AL202 |',
    );
    expect(text).toContain(
      '| a/adapter&#95;model.safetensors.index.json | (weight&#95;map) | 1 keys renamed to match the shards | AL202 |',
    );
    expect(text).toContain(
      '- notice: a/.adapter&#95;model-00001-of-00002.safetensors.adapter-lint-tmp is left from an interrupted fix',
    );
    expect(text).toContain('- not fixed (AL205) a/b.safetensors:');
  });
});
