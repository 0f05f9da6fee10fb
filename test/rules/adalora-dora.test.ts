// AdaLoRA (lora_E between the factors) and DoRA magnitude shapes, through lint() as a user runs it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  adaloraConfig,
  adaloraLora,
  convLora,
  doraLora,
  embeddingLora,
  kohyaLora,
  linearLora,
  PEFT_PREFIX,
  peftConfig,
  writeAdapterFolder,
  writeWeightsFile,
} from '../helpers/adapters.js';
import type { TensorSpec } from '../helpers/safetensors.js';
import { randomValues } from '../helpers/safetensors.js';
import { findingsOf, lintScratch } from './lint-folder.js';

const Q = 'model.layers.0.self_attn.q_proj';
const V = 'model.layers.0.self_attn.v_proj';

const folder = (tensors: TensorSpec[], config: Record<string, unknown>) => (dir: string) =>
  writeAdapterFolder(join(dir, 'adapter'), { tensors, config });

describe('AdaLoRA zero updates (AL301, AL302)', () => {
  it('an untrained AdaLoRA adapter (lora_E = 0, A and B random) is a no-op, named by its lora_E', async () => {
    const report = await lintScratch(
      folder([...adaloraLora(Q, { zeroE: true }), ...adaloraLora(V, { zeroE: true })], adaloraConfig()),
    );
    const al301 = findingsOf(report, 'AL301');
    expect(al301.map((f) => f.tensor)).toEqual([`${PEFT_PREFIX}${Q}.lora_E`, `${PEFT_PREFIX}${V}.lora_E`]);
    expect(al301[0]!.message).toContain('B·(A⊙E)');
    expect(al301[0]!.message).toContain('AdaLoRA initialises lora_E to zero');
    expect(al301.map((f) => f.data?.module)).toEqual([Q, V]);
    const al302 = findingsOf(report, 'AL302');
    expect(al302).toHaveLength(1);
    expect(al302[0]!.data?.modules).toBe(2);
  });

  it('one untrained module is a warning for it alone, not a no-op adapter', async () => {
    const report = await lintScratch(
      folder([...adaloraLora(Q, { zeroE: true }), ...adaloraLora(V)], adaloraConfig()),
    );
    expect(findingsOf(report, 'AL301').map((f) => f.tensor)).toEqual([`${PEFT_PREFIX}${Q}.lora_E`]);
    expect(findingsOf(report, 'AL302')).toEqual([]);
  });

  it('a zero lora_B or lora_A still makes the update zero, and is the tensor named', async () => {
    const report = await lintScratch(
      folder([...adaloraLora(Q, { zeroUp: true }), ...adaloraLora(V, { zeroDown: true })], adaloraConfig()),
    );
    expect(findingsOf(report, 'AL301').map((f) => f.tensor)).toEqual([
      `${PEFT_PREFIX}${Q}.lora_B`,
      `${PEFT_PREFIX}${V}.lora_A`,
    ]);
    expect(findingsOf(report, 'AL301')[0]!.message).toContain('B·(A⊙E)');
    expect(findingsOf(report, 'AL302')).toHaveLength(1);
  });

  it('a trained AdaLoRA adapter gets no finding at all', async () => {
    const report = await lintScratch(folder([...adaloraLora(Q), ...adaloraLora(V)], adaloraConfig()));
    expect(report.findings).toEqual([]);
  });

  it('a lora_E under a plain LORA config is ignored by PEFT: AL209, and the update is B·A', async () => {
    const report = await lintScratch(
      folder([...adaloraLora(Q, { zeroE: true })], peftConfig({ target_modules: ['q_proj'] })),
    );
    expect(findingsOf(report, 'AL209').map((f) => f.tensor)).toEqual([`${PEFT_PREFIX}${Q}.lora_E`]);
    expect(findingsOf(report, 'AL301')).toEqual([]);
  });
});

describe('AdaLoRA pairing (AL206)', () => {
  it('an AdaLoRA module without lora_E is reported, and not called a zero update', async () => {
    const withoutE = adaloraLora(Q).filter((t) => !t.name.endsWith('.lora_E'));
    const report = await lintScratch(folder([...withoutE, ...adaloraLora(V)], adaloraConfig()));
    const al206 = findingsOf(report, 'AL206');
    expect(al206).toHaveLength(1);
    expect(al206[0]!.data).toEqual({ module: Q, missing: 'lora_E' });
    expect(al206[0]!.message).toContain('no lora_E');
    expect(findingsOf(report, 'AL301')).toEqual([]);
  });

  it('an AdaLoRA adapter whose modules all lack lora_E does nothing: AL302', async () => {
    const withoutE = [...adaloraLora(Q), ...adaloraLora(V)].filter((t) => !t.name.endsWith('.lora_E'));
    const report = await lintScratch(folder(withoutE, adaloraConfig()));
    expect(findingsOf(report, 'AL206')).toHaveLength(2);
    expect(findingsOf(report, 'AL301')).toEqual([]);
    expect(findingsOf(report, 'AL302')[0]!.message).toContain('no lora_E');
  });

  it('a lora_E alone is a module with neither factor', async () => {
    const onlyE = adaloraLora(Q).filter((t) => t.name.endsWith('.lora_E'));
    const report = await lintScratch(folder([...onlyE, ...adaloraLora(V)], adaloraConfig()));
    const al206 = findingsOf(report, 'AL206');
    expect(al206.map((f) => f.tensor)).toEqual([`${PEFT_PREFIX}${Q}.lora_E`]);
    expect(al206[0]!.data?.missing).toBe('lora_A and lora_B');
  });

  it('plain LoRA modules are not asked for a lora_E', async () => {
    const report = await lintScratch(folder([...linearLora(Q), ...linearLora(V)], peftConfig()));
    expect(findingsOf(report, 'AL206')).toEqual([]);
  });
});

describe('AdaLoRA shapes and ranks (AL207)', () => {
  it('a lora_E that is not [r, 1] is reported with the expected and actual shapes', async () => {
    const report = await lintScratch(
      folder([...adaloraLora(Q, { eShape: [4] }), ...adaloraLora(V, { eShape: [5, 1] })], adaloraConfig()),
    );
    const al207 = findingsOf(report, 'AL207');
    expect(al207.map((f) => f.tensor)).toEqual([`${PEFT_PREFIX}${Q}.lora_E`, `${PEFT_PREFIX}${V}.lora_E`]);
    expect(al207[0]!.message).toContain('has shape [4]');
    expect(al207[0]!.message).toContain('[4, 1]');
    expect(al207[1]!.data).toMatchObject({ shape: [5, 1], expected: [4, 1] });
  });

  it('the rank comes from init_r, not r', async () => {
    const good = await lintScratch(
      folder([...adaloraLora(Q, { rank: 6 }), ...adaloraLora(V, { rank: 6 })], adaloraConfig({ init_r: 6 })),
    );
    expect(findingsOf(good, 'AL207')).toEqual([]);
    const bad = await lintScratch(
      folder([...adaloraLora(Q, { rank: 6 }), ...adaloraLora(V, { rank: 6 })], adaloraConfig({ init_r: 4 })),
    );
    const al207 = findingsOf(bad, 'AL207');
    expect(al207.map((f) => f.data)).toEqual([
      { module: Q, rank: 6, expected: 4 },
      { module: V, rank: 6, expected: 4 },
    ]);
    expect(al207[0]!.message).toContain('init_r');
  });

  it('a boolean rank_pattern entry sets the rank to its number of true values', async () => {
    // RankAllocator.mask_to_budget keys: parameter names of the wrapped model, lora_E.<adapter> included.
    const rankPattern = {
      [`${Q}.lora_E.default`]: [true, false, true, true],
      [`${V}.lora_E.default`]: [true, true, false, false],
    };
    const config = adaloraConfig({ init_r: 4, rank_pattern: rankPattern });
    const good = await lintScratch(
      folder([...adaloraLora(Q, { rank: 3 }), ...adaloraLora(V, { rank: 2 })], config),
    );
    expect(findingsOf(good, 'AL207')).toEqual([]);
    expect(good.findings).toEqual([]);
    const bad = await lintScratch(
      folder([...adaloraLora(Q, { rank: 3 }), ...adaloraLora(V, { rank: 3 })], config),
    );
    const al207 = findingsOf(bad, 'AL207');
    expect(al207.map((f) => f.data)).toEqual([{ module: V, rank: 3, expected: 2 }]);
    expect(al207[0]!.message).toContain('rank_pattern');
  });
});

describe('DoRA magnitude shapes (AL207)', () => {
  const magnitude = (module: string, shape: number[]): TensorSpec => ({
    name: `${PEFT_PREFIX}${module}.lora_magnitude_vector`,
    shape,
    data: randomValues(
      shape.reduce((a, b) => a * b, 1),
      3,
      1,
    ),
  });
  const dora = peftConfig({ use_dora: true, target_modules: ['q_proj', 'v_proj', 'conv1', 'embed_tokens'] });

  it('Linear: [out] passes, anything else is reported naming the tensor, expected and actual shapes', async () => {
    const good = await lintScratch(folder(doraLora(Q, { outFeatures: 24 }), dora));
    expect(findingsOf(good, 'AL207')).toEqual([]);
    const bad = await lintScratch(
      folder(
        [
          ...linearLora(Q, { outFeatures: 24, inFeatures: 16 }),
          magnitude(Q, [16]), // in features, not out
          ...linearLora(V, { outFeatures: 24 }),
          magnitude(V, [1, 24]),
        ],
        dora,
      ),
    );
    const al207 = findingsOf(bad, 'AL207');
    expect(al207.map((f) => f.tensor)).toEqual([
      `${PEFT_PREFIX}${Q}.lora_magnitude_vector`,
      `${PEFT_PREFIX}${V}.lora_magnitude_vector`,
    ]);
    expect(al207[0]!.message).toContain(
      `DoRA magnitude ${PEFT_PREFIX}${Q}.lora_magnitude_vector has shape [16], expected [24]`,
    );
    expect(al207[1]!.data).toMatchObject({ shape: [1, 24], expected: [24] });
  });

  it('Conv2d: [1, out, 1, 1] passes, [out] is reported', async () => {
    const conv = 'down_blocks.0.resnets.0.conv1';
    const good = await lintScratch(
      folder([...convLora(conv, { outChannels: 8 }), magnitude(conv, [1, 8, 1, 1])], dora),
    );
    expect(findingsOf(good, 'AL207')).toEqual([]);
    const bad = await lintScratch(
      folder([...convLora(conv, { outChannels: 8 }), magnitude(conv, [8])], dora),
    );
    const al207 = findingsOf(bad, 'AL207');
    expect(al207.map((f) => f.data)).toEqual([{ module: conv, shape: [8], expected: [1, 8, 1, 1] }]);
    expect(al207[0]!.message).toContain('output channel');
  });

  it('Embedding: [d] passes, the vocabulary size is reported', async () => {
    const emb = 'model.embed_tokens';
    const good = await lintScratch(
      folder([...embeddingLora(emb, { vocab: 32, dim: 16 }), magnitude(emb, [16])], dora),
    );
    expect(findingsOf(good, 'AL207')).toEqual([]);
    const bad = await lintScratch(
      folder([...embeddingLora(emb, { vocab: 32, dim: 16 }), magnitude(emb, [32])], dora),
    );
    const al207 = findingsOf(bad, 'AL207');
    expect(al207.map((f) => f.data)).toEqual([{ module: emb, shape: [32], expected: [16] }]);
    expect(al207[0]!.message).toContain('lora_embedding_B has 16 rows');
  });

  it("kohya's dora_scale keeps its own layout and is not judged", async () => {
    const report = await lintScratch((dir) =>
      writeWeightsFile(join(dir, 'dora.safetensors'), [
        ...kohyaLora('lora_unet_proj_in', { outFeatures: 24 }),
        { name: 'lora_unet_proj_in.dora_scale', shape: [1, 16], data: randomValues(16, 9, 1) },
      ]),
    );
    expect(findingsOf(report, 'AL207')).toEqual([]);
  });
});

describe('lora_B bias shape (AL207)', () => {
  it('a lora_B.bias that is not [out] is reported; [out] is not', async () => {
    const bias = (length: number): TensorSpec => ({
      name: `${PEFT_PREFIX}${Q}.lora_B.bias`,
      shape: [length],
      data: randomValues(length, 5, 0.1),
    });
    const config = peftConfig({ lora_bias: true, target_modules: ['q_proj'] });
    const bad = await lintScratch(folder([...linearLora(Q), bias(4)], config));
    const found = findingsOf(bad, 'AL207');
    expect(found.map((f) => f.tensor)).toEqual([`${PEFT_PREFIX}${Q}.lora_B.bias`]);
    expect(found[0]!.data).toMatchObject({ shape: [4], expected: [16] });
    const good = await lintScratch(folder([...linearLora(Q), bias(16)], config));
    expect(findingsOf(good, 'AL207')).toEqual([]);
  });
});
