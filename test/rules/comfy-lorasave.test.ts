// ComfyUI's "Extract and Save Lora" files: kohya parts on dotted module paths (`diffusion_model.….lora_down.weight`,
// `text_encoders.clip_l.transformer.….lora_up.weight`), full-weight `.diff` / `.diff_b` tensors beside them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeWeightsFile } from '../helpers/adapters.js';
import { randomValues, type TensorSpec } from '../helpers/safetensors.js';
import { findingsOf, lintScratch } from './lint-folder.js';

const MODULES = [
  { name: 'diffusion_model.input_blocks.1.1.transformer_blocks.0.attn1.to_q', down: [4, 32], up: [32, 4] },
  { name: 'diffusion_model.input_blocks.0.0', down: [4, 4, 3, 3], up: [32, 4, 1, 1] },
  {
    name: 'text_encoders.clip_l.transformer.text_model.encoder.layers.0.self_attn.q_proj',
    down: [4, 16],
    up: [16, 4],
  },
];

function comfyLora(options: { zeroUp?: boolean; diffs?: boolean } = {}): TensorSpec[] {
  const specs: TensorSpec[] = [];
  let seed = 1;
  const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
  for (const m of MODULES) {
    specs.push(
      {
        name: `${m.name}.lora_down.weight`,
        dtype: 'F16',
        shape: m.down,
        data: randomValues(count(m.down), seed++, 0.1),
      },
      {
        name: `${m.name}.lora_up.weight`,
        dtype: 'F16',
        shape: m.up,
        data: options.zeroUp ? new Float32Array(count(m.up)) : randomValues(count(m.up), seed++, 0.1),
      },
    );
  }
  if (options.diffs) {
    specs.push(
      {
        name: 'diffusion_model.input_blocks.0.0.diff_b',
        dtype: 'F16',
        shape: [32],
        data: randomValues(32, 99, 0.01),
      },
      { name: 'diffusion_model.out.0.diff', dtype: 'F16', shape: [32], data: randomValues(32, 98, 0.01) },
    );
  }
  return specs;
}

describe('ComfyUI LoraSave files', () => {
  it('are recognised, module by module, and a trained one is clean', async () => {
    const report = await lintScratch((dir) =>
      writeWeightsFile(join(dir, 'lora.safetensors'), comfyLora({ diffs: true })),
    );
    expect(report.adapters.map((a) => [a.layout, a.modules])).toEqual([['diffusers', 3]]);
    expect(report.findings).toEqual([]);
  });

  it('an untrained one (every lora_up zero) gets AL301 per module and AL302', async () => {
    const report = await lintScratch((dir) =>
      writeWeightsFile(join(dir, 'lora.safetensors'), comfyLora({ zeroUp: true })),
    );
    expect(
      findingsOf(report, 'AL301')
        .map((f) => f.tensor)
        .sort(),
    ).toEqual(MODULES.map((m) => `${m.name}.lora_up.weight`).sort());
    expect(findingsOf(report, 'AL302')).toHaveLength(1);
    // Its .diff tensors still change the model: no AL302 then, AL301 still per module.
    const withDiffs = await lintScratch((dir) =>
      writeWeightsFile(join(dir, 'lora.safetensors'), comfyLora({ zeroUp: true, diffs: true })),
    );
    expect(findingsOf(withDiffs, 'AL301')).toHaveLength(3);
    expect(findingsOf(withDiffs, 'AL302')).toEqual([]);
  });
});
