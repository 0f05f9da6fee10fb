// Conv1D (fan_in_fan_out), embeddings, conv kernels, DoRA, kohya names, sharded and prefixed bases.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kohyaLora, peftConfig } from '../helpers/adapters.js';
import { byModule, randomMatrix, removeDir, runCheck, spec, tempDir, writeFile_ } from './fixtures.js';
import { add, doraMerge, frobenius, matmul, scaled, transpose } from './reference.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

describe('GPT-2 Conv1D with fan_in_fan_out', () => {
  it('matches lora_A [r, in] / lora_B [out, r] against the stored [in, out] weight, transposed', async () => {
    const w = randomMatrix(32, 96, 1, 0.05); // c_attn: [in=32, out=96]
    const a = randomMatrix(4, 32, 2, 0.1);
    const b = randomMatrix(96, 4, 3, 0.1);
    await writeFile_(join(dir, 'base.safetensors'), [spec('transformer.h.0.attn.c_attn.weight', w)]);
    await writeFile_(join(dir, 'adapter.safetensors'), [
      spec('base_model.model.transformer.h.0.attn.c_attn.lora_A.weight', a),
      spec('base_model.model.transformer.h.0.attn.c_attn.lora_B.weight', b),
    ]);
    // The saved config may say false (PEFT forces the flag per layer); the shapes decide.
    const config = peftConfig({ r: 4, lora_alpha: 4, fan_in_fan_out: false });
    const { stats } = await runCheck(dir, 'adapter.safetensors', config, { exact: true });
    const s = byModule(stats, 'transformer.h.0.attn.c_attn');
    expect(s.orientation).toBe('transposed');
    expect(s.baseMismatch).toBeUndefined();
    expect(s.updateNorm).toBeCloseTo(frobenius(matmul(b, a)), 10);
    expect(s.ratio).toBeCloseTo(frobenius(matmul(b, a)) / frobenius(w), 10);
  });
});

describe('GPT-2 Conv1D, square weights', () => {
  it('takes a square c_proj as transposed when another module proves a Conv1D model, whatever the config says', async () => {
    // The real peft-gpt2-tiny-lora fixture saves fan_in_fan_out: false; PEFT forces it on for Conv1D targets.
    const attn = randomMatrix(16, 48, 1, 0.05); // c_attn [in=16, out=48]: its shape proves Conv1D
    const proj = randomMatrix(16, 16, 2, 0.05); // c_proj [in=16, out=16]: square, the shape can't tell
    const aAttn = randomMatrix(4, 16, 3, 0.1);
    const bAttn = randomMatrix(48, 4, 4, 0.1);
    const aProj = randomMatrix(4, 16, 5, 0.1);
    const bProj = randomMatrix(16, 4, 6, 0.1);
    const mergedProj = add(proj, scaled(transpose(matmul(bProj, aProj)), 2));
    const mergedAttn = add(attn, scaled(transpose(matmul(bAttn, aAttn)), 2));
    await writeFile_(join(dir, 'base.safetensors'), [
      spec('transformer.h.0.attn.c_attn.weight', attn),
      spec('transformer.h.0.attn.c_proj.weight', proj),
    ]);
    await writeFile_(join(dir, 'merged.safetensors'), [
      spec('transformer.h.0.attn.c_attn.weight', mergedAttn),
      spec('transformer.h.0.attn.c_proj.weight', mergedProj),
    ]);
    const adapter = [
      spec('base_model.model.transformer.h.0.attn.c_attn.lora_A.weight', aAttn),
      spec('base_model.model.transformer.h.0.attn.c_attn.lora_B.weight', bAttn),
      spec('base_model.model.transformer.h.0.attn.c_proj.lora_A.weight', aProj),
      spec('base_model.model.transformer.h.0.attn.c_proj.lora_B.weight', bProj),
    ];
    await writeFile_(join(dir, 'adapter.safetensors'), adapter);
    const config = peftConfig({
      r: 4,
      lora_alpha: 8,
      fan_in_fan_out: false,
      target_modules: ['c_attn', 'c_proj'],
    });
    const { stats } = await runCheck(dir, 'adapter.safetensors', config, { merged: 'merged.safetensors' });
    const s = byModule(stats, 'transformer.h.0.attn.c_proj');
    expect(s.orientation).toBe('transposed');
    expect(s.mergedVerdict).toBe('ok');
    expect(byModule(stats, 'transformer.h.0.attn.c_attn').mergedVerdict).toBe('ok');

    // c_proj alone: the base's own c_attn [in, 3·in] proves a Conv1D model (PEFT saves the flag of the last
    // module it wrapped, so the config may say false).
    await writeFile_(join(dir, 'adapter.safetensors'), adapter.slice(2));
    const byBase = await runCheck(dir, 'adapter.safetensors', config, { merged: 'merged.safetensors' });
    expect(byModule(byBase.stats, 'transformer.h.0.attn.c_proj').orientation).toBe('transposed');
    expect(byModule(byBase.stats, 'transformer.h.0.attn.c_proj').mergedVerdict).toBe('ok');

    // With nothing that proves it, a square weight follows the config (nn.Linear, [out, in]).
    await writeFile_(join(dir, 'base.safetensors'), [spec('transformer.h.0.attn.c_proj.weight', proj)]);
    const alone = await runCheck(dir, 'adapter.safetensors', config);
    expect(byModule(alone.stats, 'transformer.h.0.attn.c_proj').orientation).toBe('normal');
  });
});

describe('embeddings', () => {
  it('ΔW = s·(B_e A_e)ᵀ against the [V, d] weight; a correct merged checkpoint passes', async () => {
    const vocab = 50;
    const d = 12;
    const w = randomMatrix(vocab, d, 1, 0.5);
    const ae = randomMatrix(4, vocab, 2, 0.3);
    const be = randomMatrix(d, 4, 3, 0.3);
    const delta = scaled(transpose(matmul(be, ae)), 2);
    await writeFile_(join(dir, 'base.safetensors'), [spec('model.embed_tokens.weight', w)]);
    await writeFile_(join(dir, 'merged.safetensors'), [spec('model.embed_tokens.weight', add(w, delta))]);
    await writeFile_(join(dir, 'adapter.safetensors'), [
      spec('base_model.model.model.embed_tokens.lora_embedding_A', ae),
      spec('base_model.model.model.embed_tokens.lora_embedding_B', be),
    ]);
    const { stats } = await runCheck(dir, 'adapter.safetensors', peftConfig({ r: 4, lora_alpha: 8 }), {
      merged: 'merged.safetensors',
    });
    const s = byModule(stats, 'model.embed_tokens');
    expect(s.orientation).toBe('transposed');
    expect(s.updateNorm).toBeCloseTo(frobenius(delta), 10);
    expect(s.mergedVerdict).toBe('ok');
  });
});

describe('conv', () => {
  it.each([
    [1, 1],
    [3, 3],
  ])('a %ix%i kernel: ΔW = s·reshape(B·A) and the merged check', async (kh, kw) => {
    const out = 8;
    const inC = 6;
    const r = 2;
    const cols = inC * kh * kw;
    const w = randomMatrix(out, cols, 1, 0.1);
    const a = randomMatrix(r, cols, 2, 0.2);
    const b = randomMatrix(out, r, 3, 0.2);
    const delta = scaled(matmul(b, a), 3);
    const name = 'down_blocks.0.resnets.0.conv1';
    await writeFile_(join(dir, 'base.safetensors'), [spec(`${name}.weight`, w, 'F32', [out, inC, kh, kw])]);
    await writeFile_(join(dir, 'merged.safetensors'), [
      spec(`${name}.weight`, add(w, scaled(delta, 2)), 'F32', [out, inC, kh, kw]),
    ]);
    await writeFile_(join(dir, 'adapter.safetensors'), [
      spec(`base_model.model.${name}.lora_A.weight`, a, 'F32', [r, inC, kh, kw]),
      spec(`base_model.model.${name}.lora_B.weight`, b, 'F32', [out, r, 1, 1]),
    ]);
    const { stats } = await runCheck(dir, 'adapter.safetensors', peftConfig({ r: 2, lora_alpha: 6 }), {
      merged: 'merged.safetensors',
    });
    const s = byModule(stats, name);
    expect(s.updateNorm).toBeCloseTo(frobenius(delta), 10);
    expect(s.mergedVerdict).toBe('mismatch'); // merged with twice the scale
  });
});

describe('DoRA', () => {
  it('Linear: W′ = m/||V_row||·V; the ratio is ||W′ − W|| / ||W|| and a correct merge passes', async () => {
    const w = randomMatrix(16, 12, 1, 0.2);
    const a = randomMatrix(4, 12, 2, 0.1);
    const b = randomMatrix(16, 4, 3, 0.1);
    const magnitude = Array.from({ length: 16 }, (_, i) => Math.fround(0.5 + i * 0.05));
    const delta = scaled(matmul(b, a), 2);
    const merged = doraMerge(w, delta, magnitude, false);
    const q = 'model.layers.0.self_attn.q_proj';
    await writeFile_(join(dir, 'base.safetensors'), [spec(`${q}.weight`, w)]);
    await writeFile_(join(dir, 'merged.safetensors'), [spec(`${q}.weight`, merged)]);
    await writeFile_(join(dir, 'plain.safetensors'), [spec(`${q}.weight`, add(w, delta))]);
    await writeFile_(join(dir, 'adapter.safetensors'), [
      spec(`base_model.model.${q}.lora_A.weight`, a),
      spec(`base_model.model.${q}.lora_B.weight`, b),
      spec(`base_model.model.${q}.lora_magnitude_vector`, magnitude),
    ]);
    const config = peftConfig({ r: 4, lora_alpha: 8, use_dora: true });
    const good = await runCheck(dir, 'adapter.safetensors', config, { merged: 'merged.safetensors' });
    const s = byModule(good.stats, q);
    const diff = merged.map((row, i) => row.map((x, j) => x - w[i]![j]!));
    expect(s.dora).toBe(true);
    expect(s.updateNorm).toBeCloseTo(frobenius(diff), 10);
    expect(s.ratio).toBeCloseTo(frobenius(diff) / frobenius(w), 10);
    expect(s.mergedVerdict).toBe('ok');
    // W + ΔW without the magnitude rescaling is not the DoRA merge.
    const plain = await runCheck(dir, 'adapter.safetensors', config, { merged: 'plain.safetensors' });
    expect(byModule(plain.stats, q).mergedVerdict).toBe('mismatch');
  });

  it('Embedding: norms per column (over the vocabulary)', async () => {
    const w = randomMatrix(20, 6, 1, 0.3);
    const ae = randomMatrix(2, 20, 2, 0.2);
    const be = randomMatrix(6, 2, 3, 0.2);
    const magnitude = [1, 2, 0.5, 1.5, 0.8, 1.2].map(Math.fround);
    const delta = transpose(matmul(be, ae));
    const merged = doraMerge(w, delta, magnitude, true);
    await writeFile_(join(dir, 'base.safetensors'), [spec('model.embed_tokens.weight', w)]);
    await writeFile_(join(dir, 'merged.safetensors'), [spec('model.embed_tokens.weight', merged)]);
    await writeFile_(join(dir, 'adapter.safetensors'), [
      spec('base_model.model.model.embed_tokens.lora_embedding_A', ae),
      spec('base_model.model.model.embed_tokens.lora_embedding_B', be),
      spec('base_model.model.model.embed_tokens.lora_magnitude_vector', magnitude),
    ]);
    const { stats } = await runCheck(
      dir,
      'adapter.safetensors',
      peftConfig({ r: 2, lora_alpha: 2, use_dora: true }),
      {
        merged: 'merged.safetensors',
      },
    );
    const s = byModule(stats, 'model.embed_tokens');
    const diff = merged.map((row, i) => row.map((x, j) => x - w[i]![j]!));
    expect(s.updateNorm).toBeCloseTo(frobenius(diff), 10);
    expect(s.mergedVerdict).toBe('ok');
  });
});

describe('kohya names', () => {
  it('finds lora_unet_… modules by flattening the base module names, with scale alpha / rank', async () => {
    const name = 'down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q';
    const w = randomMatrix(16, 16, 1, 0.05);
    await writeFile_(join(dir, 'base.safetensors'), [spec(`${name}.weight`, w)]);
    const kohya = kohyaLora('lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q', {
      rank: 4,
      alpha: 2,
    });
    await writeFile_(join(dir, 'adapter.safetensors'), kohya);
    const { stats } = await runCheck(dir, 'adapter.safetensors', null);
    const s = stats[0]!;
    expect(s.baseTensor).toBe(`${name}.weight`);
    expect(s.scale).toBe(0.5);
    const a = Array.from({ length: 4 }, (_, i) =>
      Array.from(kohya[0]!.data as Float32Array).slice(i * 16, i * 16 + 16),
    );
    const b = Array.from({ length: 16 }, (_, i) =>
      Array.from(kohya[1]!.data as Float32Array).slice(i * 4, i * 4 + 4),
    );
    expect(s.updateNorm).toBeCloseTo(frobenius(scaled(matmul(b, a), 0.5)), 10);
  });
});

describe('kohya SD 1.x names against the original (ldm) checkpoint', () => {
  it('maps diffusers-named lora_unet_ modules to model.diffusion_model.input_blocks/…', async () => {
    const pairs: Array<[string, string, number[]]> = [
      [
        'down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_q',
        'input_blocks.1.1.transformer_blocks.0.attn1.to_q',
        [16, 16],
      ],
      ['down_blocks_1_resnets_1_time_emb_proj', 'input_blocks.5.0.emb_layers.1', [16, 16]],
      ['mid_block_attentions_0_proj_in', 'middle_block.1.proj_in', [16, 16]],
      [
        'up_blocks_3_attentions_2_transformer_blocks_0_ff_net_2',
        'output_blocks.11.1.transformer_blocks.0.ff.net.2',
        [16, 16],
      ],
      ['up_blocks_1_upsamplers_0_conv', 'output_blocks.5.2.conv', [16, 16]],
      ['up_blocks_0_upsamplers_0_conv', 'output_blocks.2.1.conv', [16, 16]],
    ];
    await writeFile_(
      join(dir, 'base.safetensors'),
      pairs.map(([, ldm], i) =>
        spec(`model.diffusion_model.${ldm}.weight`, randomMatrix(16, 16, i + 1, 0.05)),
      ),
    );
    await writeFile_(
      join(dir, 'adapter.safetensors'),
      pairs.flatMap(([flat], i) => kohyaLora(`lora_unet_${flat}`, { rank: 4, seed: 10 + i })),
    );
    const { stats } = await runCheck(dir, 'adapter.safetensors', null);
    const byName = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(stats.map((s) => [s.module, s.baseTensor, s.baseMismatch]).sort(byName)).toEqual(
      pairs
        .map(([flat, ldm]) => [`lora_unet_${flat}`, `model.diffusion_model.${ldm}.weight`, undefined])
        .sort(byName),
    );
  });
});

describe('kohya SDXL (sgm) names against a diffusers UNet', () => {
  it('maps lora_unet_input_blocks_…/middle_block_…/output_blocks_… onto unet/ down_blocks/mid_block/up_blocks', async () => {
    const pairs: Array<[string, string]> = [
      [
        'input_blocks_4_1_transformer_blocks_0_attn1_to_q',
        'unet.down_blocks.1.attentions.0.transformer_blocks.0.attn1.to_q',
      ],
      ['middle_block_1_proj_in', 'unet.mid_block.attentions.0.proj_in'],
      [
        'output_blocks_2_1_transformer_blocks_0_ff_net_2',
        'unet.up_blocks.0.attentions.2.transformer_blocks.0.ff.net.2',
      ],
    ];
    await writeFile_(
      join(dir, 'base.safetensors'),
      pairs.map(([, name], i) => spec(`${name}.weight`, randomMatrix(16, 16, i + 1, 0.05))),
    );
    await writeFile_(
      join(dir, 'adapter.safetensors'),
      pairs.flatMap(([flat], i) => kohyaLora(`lora_unet_${flat}`, { rank: 4, seed: 20 + i })),
    );
    const { stats } = await runCheck(dir, 'adapter.safetensors', null);
    const byName = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(stats.map((s) => [s.module, s.baseTensor, s.baseMismatch]).sort(byName)).toEqual(
      pairs.map(([flat, name]) => [`lora_unet_${flat}`, `${name}.weight`, undefined]).sort(byName),
    );
  });
});

describe('locating base weights', () => {
  const q = 'model.layers.1.self_attn.q_proj';

  async function adapterFor(module: string, prefix = 'base_model.model.') {
    await writeFile_(join(dir, 'adapter.safetensors'), [
      spec(`${prefix}${module}.lora_A.weight`, randomMatrix(2, 8, 2, 0.1)),
      spec(`${prefix}${module}.lora_B.weight`, randomMatrix(8, 2, 3, 0.1)),
    ]);
  }

  it('reads a sharded base folder through model.safetensors.index.json', async () => {
    const w0 = randomMatrix(8, 8, 4, 0.1);
    const w1 = randomMatrix(8, 8, 5, 0.1);
    await writeFile_(join(dir, 'base', 'model-00001-of-00002.safetensors'), [
      spec('model.layers.0.self_attn.q_proj.weight', w0),
    ]);
    await writeFile_(join(dir, 'base', 'model-00002-of-00002.safetensors'), [spec(`${q}.weight`, w1)]);
    await writeFile(
      join(dir, 'base', 'model.safetensors.index.json'),
      JSON.stringify({
        metadata: { total_size: 512 },
        weight_map: {
          'model.layers.0.self_attn.q_proj.weight': 'model-00001-of-00002.safetensors',
          [`${q}.weight`]: 'model-00002-of-00002.safetensors',
        },
      }),
    );
    await adapterFor(q);
    const { stats, problems } = await runCheck(
      dir,
      'adapter.safetensors',
      peftConfig({ r: 2, lora_alpha: 2 }),
      {
        base: 'base',
      },
    );
    expect(problems).toEqual([]);
    const s = byModule(stats, q);
    expect(s.baseFile).toBe('base/model-00002-of-00002.safetensors');
    expect(s.baseNorm).toBeCloseTo(frobenius(w1), 10);
  });

  it('tries the model. prefix both ways (adapter trained on LlamaModel, base saved from the CausalLM)', async () => {
    await writeFile_(join(dir, 'base.safetensors'), [spec(`${q}.weight`, randomMatrix(8, 8, 4, 0.1))]);
    await adapterFor('layers.1.self_attn.q_proj');
    const { stats } = await runCheck(dir, 'adapter.safetensors', peftConfig({ r: 2, lora_alpha: 2 }));
    expect(stats[0]!.baseTensor).toBe(`${q}.weight`);
  });

  it.each([
    // VLMs: transformers 4.52 naming in the adapter, the hub's older naming in the base, and the reverse.
    [
      'model.language_model.layers.0.self_attn.q_proj',
      'language_model.model.layers.0.self_attn.q_proj.weight',
    ],
    [
      'language_model.model.layers.0.self_attn.q_proj',
      'model.language_model.layers.0.self_attn.q_proj.weight',
    ],
    ['model.language_model.layers.0.self_attn.q_proj', 'model.layers.0.self_attn.q_proj.weight'],
    // Tied output heads: GPT-2 hub files (bare wte), VLMs, T5 (shared), Whisper (proj_out).
    ['lm_head', 'wte.weight'],
    ['lm_head', 'model.language_model.embed_tokens.weight'],
    ['language_model.lm_head', 'language_model.model.embed_tokens.weight'],
    ['lm_head', 'shared.weight'],
    ['proj_out', 'model.decoder.embed_tokens.weight'],
    // A diffusers-named UNet LoRA against the original single-file checkpoint.
    [
      'unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q',
      'model.diffusion_model.input_blocks.1.1.transformer_blocks.0.attn1.to_q.weight',
    ],
  ])('finds %s as %s', async (module, baseName) => {
    await writeFile_(join(dir, 'base.safetensors'), [spec(baseName, randomMatrix(8, 8, 4, 0.1))]);
    await adapterFor(module, module.startsWith('unet.') ? '' : 'base_model.model.');
    const { stats } = await runCheck(dir, 'adapter.safetensors', peftConfig({ r: 2, lora_alpha: 2 }));
    expect([stats[0]!.baseTensor, stats[0]!.baseMismatch]).toEqual([baseName, undefined]);
  });

  it('a target_parameters (MoE experts) module is skipped with the reason, not a base mismatch', async () => {
    const experts = 'model.layers.0.mlp.experts';
    await writeFile_(join(dir, 'base.safetensors'), [
      { name: `${experts}.down_proj`, shape: [4, 12, 16], data: new Float32Array(4 * 12 * 16).fill(0.01) },
    ]);
    await writeFile_(join(dir, 'adapter.safetensors'), [
      spec(`base_model.model.${experts}.lora_A.weight`, randomMatrix(8, 12, 2, 0.1)),
      spec(`base_model.model.${experts}.lora_B.weight`, randomMatrix(16, 8, 3, 0.1)),
    ]);
    const config = peftConfig({
      r: 2,
      lora_alpha: 2,
      target_modules: [],
      target_parameters: ['mlp.experts.down_proj'],
    });
    const { stats } = await runCheck(dir, 'adapter.safetensors', config);
    expect(stats[0]!.baseMismatch).toBeUndefined();
    expect(stats[0]!.skipped).toMatch(/target_parameters module \(mlp\.experts\.down_proj\)/);
  });

  it('a module with no base weight, or with the wrong shape, is a base mismatch', async () => {
    await writeFile_(join(dir, 'base.safetensors'), [
      spec(`${q}.weight`, randomMatrix(8, 6, 4, 0.1)),
      spec('model.layers.1.self_attn.k_proj.weight', randomMatrix(8, 8, 4, 0.1)),
    ]);
    await writeFile_(join(dir, 'adapter.safetensors'), [
      spec(`base_model.model.${q}.lora_A.weight`, randomMatrix(2, 8, 2, 0.1)),
      spec(`base_model.model.${q}.lora_B.weight`, randomMatrix(8, 2, 3, 0.1)),
      spec('base_model.model.model.layers.1.mlp.up_proj.lora_A.weight', randomMatrix(2, 8, 2, 0.1)),
      spec('base_model.model.model.layers.1.mlp.up_proj.lora_B.weight', randomMatrix(8, 2, 3, 0.1)),
    ]);
    const { stats } = await runCheck(dir, 'adapter.safetensors', peftConfig({ r: 2, lora_alpha: 2 }));
    expect(byModule(stats, q).baseMismatch).toMatch(/\[8, 6\].*lora_A columns \(8\)/);
    expect(byModule(stats, 'model.layers.1.mlp.up_proj').baseMismatch).toMatch(
      /no weight for model\.layers\.1\.mlp\.up_proj/,
    );
  });

  it('a broken or missing base file is a file problem, not a crash', async () => {
    await writeFile(join(dir, 'base.safetensors'), Buffer.from('nonsense'));
    await adapterFor(q);
    const broken = await runCheck(dir, 'adapter.safetensors', peftConfig({ r: 2, lora_alpha: 2 }));
    expect(broken.stats).toEqual([]);
    expect(broken.problems).toMatchObject([{ kind: 'invalid-safetensors', file: 'base.safetensors' }]);
    const missing = await runCheck(dir, 'adapter.safetensors', peftConfig({ r: 2, lora_alpha: 2 }), {
      base: 'nowhere',
    });
    expect(missing.problems).toMatchObject([{ kind: 'unreadable', file: 'nowhere' }]);
  });
});
