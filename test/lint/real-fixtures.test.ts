// The three real files published by others give exactly the results their README lists.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));

describe('real adapter files', () => {
  it('PEFT GPT-2 (Conv1D c_attn/c_proj, 6 of 12 layers): no errors or warnings', async () => {
    const report = await lint({ cwd: REAL, paths: ['peft-gpt2-tiny-lora'], threads: 0 });
    expect(report.adapters).toEqual([
      { path: 'peft-gpt2-tiny-lora', layout: 'peft', modules: 12, findings: [] },
    ]);
    expect(report.findings).toEqual([]);
  });

  it('diffusers SD 1.5 attention-processor layout: recognised, no errors or warnings', async () => {
    const report = await lint({ cwd: REAL, paths: ['diffusers-sd15-attn-processor'], threads: 0 });
    expect(report.adapters).toEqual([
      {
        path: 'diffusers-sd15-attn-processor/pytorch_lora_weights.safetensors',
        layout: 'diffusers',
        modules: 128,
        findings: [],
      },
    ]);
  });

  it('SAM ViT home-grown layout: one AL210 note, nothing else', async () => {
    const report = await lint({ cwd: REAL, paths: ['sam-vit-lora-rank2'], threads: 0 });
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.file])).toEqual([
      ['AL210', 'note', 'sam-vit-lora-rank2/lora_rank2.safetensors'],
    ]);
    expect(report.findings[0]!.message).toContain('w_a_000');
  });

  it('all three at once, through the worker pool', async () => {
    const report = await lint({ cwd: REAL, paths: [], threads: 2 });
    expect(report.files).toBe(4);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['AL210']);
  });
});
