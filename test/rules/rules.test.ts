// For every rule: one adapter that makes it fire (it would pass without the rule) and one correct adapter
// of the same kind on which it stays quiet.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint.js';
import { RULES } from '../../src/rules/registry.js';
import {
  doraLora,
  embeddingLora,
  kohyaLora,
  linearLora,
  llamaLora,
  PEFT_PREFIX,
  peftConfig,
  renameTensors,
  writeAdapterFolder,
  writeWeightsFile,
} from '../helpers/adapters.js';
import { buildRaw, buildSafetensors } from '../helpers/safetensors.js';
import { findingsOf, lintScratch, scratchDir } from './lint-folder.js';

type Build = (dir: string) => Promise<void>;

const cleanLlama: Build = (dir) => writeAdapterFolder(join(dir, 'adapter'), { tensors: llamaLora(2) });
const peft =
  (tensors: Parameters<typeof writeAdapterFolder>[1]['tensors'], config = peftConfig()): Build =>
  (dir) =>
    writeAdapterFolder(join(dir, 'adapter'), { tensors, config });

interface Case {
  readonly rule: string;
  readonly bad: Build;
  readonly good: Build;
  /** A word the message must contain (the tensor, file or value it names). */
  readonly mentions: string;
}

const cases: Case[] = [
  {
    rule: 'AL101',
    bad: async (dir) => {
      await mkdir(join(dir, 'adapter'), { recursive: true });
      await writeFile(join(dir, 'adapter/adapter_config.json'), JSON.stringify(peftConfig()));
      const good = buildSafetensors(llamaLora(1));
      await writeFile(join(dir, 'adapter/adapter_model.safetensors'), good.subarray(0, good.length - 10));
    },
    good: cleanLlama,
    mentions: 'adapter/adapter_model.safetensors',
  },
  {
    rule: 'AL102',
    bad: async (dir) => {
      await mkdir(join(dir, 'adapter'), { recursive: true });
      await writeFile(join(dir, 'adapter/adapter_config.json'), JSON.stringify(peftConfig()));
      await writeFile(
        join(dir, 'adapter/adapter_model.safetensors'),
        'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n',
      );
    },
    good: cleanLlama,
    mentions: 'lfs: true',
  },
  {
    rule: 'AL103',
    bad: async (dir) => {
      await mkdir(join(dir, 'adapter'), { recursive: true });
      await writeFile(join(dir, 'adapter/adapter_config.json'), JSON.stringify(peftConfig()));
      await writeFile(
        join(dir, 'adapter/adapter_model.bin'),
        Buffer.from([0x80, 0x02, 0x7d, 0x71, 0x00, 0x2e, 0, 0, 0]),
      );
    },
    good: cleanLlama,
    mentions: 'adapter/adapter_model.bin',
  },
  {
    rule: 'AL104',
    bad: peft([
      ...linearLora('model.layers.0.self_attn.q_proj'),
      {
        name: `${PEFT_PREFIX}model.layers.0.self_attn.v_proj.lora_A.weight`,
        shape: [4, 16],
        data: Array.from({ length: 64 }, (_, i) =>
          i === 5 ? Number.NaN : i === 9 ? Number.POSITIVE_INFINITY : 0.01,
        ),
      },
      ...linearLora('model.layers.0.self_attn.v_proj').slice(1),
    ]),
    good: cleanLlama,
    mentions: 'first at flat index 5',
  },
  {
    rule: 'AL105',
    bad: async (dir) => {
      await writeWeightsFile(join(dir, 'lora-00001-of-00002.safetensors'), kohyaLora('lora_unet_a'));
      await writeWeightsFile(join(dir, 'lora-00002-of-00002.safetensors'), kohyaLora('lora_unet_b'));
      const weightMap: Record<string, string> = {};
      for (const t of kohyaLora('lora_unet_a')) weightMap[t.name] = 'lora-00001-of-00002.safetensors';
      await writeFile(
        join(dir, 'lora.safetensors.index.json'),
        JSON.stringify({ metadata: {}, weight_map: weightMap }),
      );
    },
    good: async (dir) => {
      await writeWeightsFile(join(dir, 'lora-00001-of-00002.safetensors'), kohyaLora('lora_unet_a'));
      await writeWeightsFile(join(dir, 'lora-00002-of-00002.safetensors'), kohyaLora('lora_unet_b'));
      const weightMap: Record<string, string> = {};
      for (const t of kohyaLora('lora_unet_a')) weightMap[t.name] = 'lora-00001-of-00002.safetensors';
      for (const t of kohyaLora('lora_unet_b')) weightMap[t.name] = 'lora-00002-of-00002.safetensors';
      await writeFile(
        join(dir, 'lora.safetensors.index.json'),
        JSON.stringify({ metadata: {}, weight_map: weightMap }),
      );
    },
    mentions: 'lora.safetensors.index.json',
  },
  {
    rule: 'AL106',
    bad: peft([
      ...linearLora('model.layers.0.self_attn.q_proj'),
      { name: `${PEFT_PREFIX}model.layers.0.self_attn.v_proj.lora_A.weight`, shape: [0] },
      ...linearLora('model.layers.0.self_attn.v_proj').slice(1),
    ]),
    good: cleanLlama,
    mentions: 'v_proj.lora_A.weight',
  },
  {
    rule: 'AL107',
    bad: async (dir) => {
      const outside = await scratchDir();
      await writeAdapterFolder(outside, { tensors: llamaLora(1) });
      await mkdir(join(dir, 'adapter'), { recursive: true });
      await writeFile(join(dir, 'adapter/adapter_config.json'), JSON.stringify(peftConfig()));
      await symlink(
        join(outside, 'adapter_model.safetensors'),
        join(dir, 'adapter/adapter_model.safetensors'),
      );
    },
    good: async (dir) => {
      await writeAdapterFolder(join(dir, 'store'), {
        tensors: llamaLora(1),
        config: null,
        weightsName: 'weights.bin',
      });
      await writeAdapterFolder(join(dir, 'adapter'), { tensors: llamaLora(1) });
    },
    mentions: 'outside',
  },
  {
    rule: 'AL201',
    bad: peft(renameTensors(llamaLora(1), (n) => n.replace(/\.(lora_[AB])\./, '.$1.default.default.'))),
    good: cleanLlama,
    mentions: 'default.default',
  },
  {
    rule: 'AL202',
    bad: peft(renameTensors(llamaLora(1), (n) => n.replace(/\.(lora_[AB])\./, '.$1.my_task.'))),
    good: cleanLlama,
    mentions: 'my_task',
  },
  {
    rule: 'AL203',
    bad: peft(llamaLora(1, { prefix: '' })),
    good: cleanLlama,
    mentions: 'model.layers.0.self_attn',
  },
  {
    rule: 'AL204',
    bad: peft(llamaLora(1, { prefix: `${PEFT_PREFIX}${PEFT_PREFIX}` })),
    good: cleanLlama,
    mentions: 'base_model.model.base_model.model.',
  },
  {
    rule: 'AL205',
    bad: peft(
      [
        ...llamaLora(1),
        { name: `${PEFT_PREFIX}score.modules_to_save.default.weight`, shape: [2, 16] },
        { name: `${PEFT_PREFIX}score.original_module.weight`, shape: [2, 16] },
      ],
      peftConfig({ modules_to_save: ['score'] }),
    ),
    good: peft(
      [
        ...llamaLora(1),
        { name: `${PEFT_PREFIX}score.weight`, shape: [2, 16], data: new Float32Array(32).fill(0.5) },
      ],
      peftConfig({ modules_to_save: ['score'] }),
    ),
    mentions: 'modules_to_save',
  },
  {
    rule: 'AL206',
    bad: peft([...llamaLora(1), linearLora('model.layers.1.self_attn.q_proj')[0]!]),
    good: cleanLlama,
    mentions: 'model.layers.1.self_attn.q_proj',
  },
  {
    rule: 'AL207',
    bad: peft(llamaLora(1, { rank: 8 }), peftConfig({ r: 4 })),
    good: peft(llamaLora(1, { rank: 8 }), peftConfig({ r: 8 })),
    mentions: 'rank 8',
  },
  {
    rule: 'AL208',
    bad: peft([...llamaLora(1), ...linearLora('model.layers.0.mlp.up_proj')]),
    good: cleanLlama,
    mentions: 'model.layers.0.mlp.up_proj',
  },
  {
    rule: 'AL209',
    bad: peft([
      ...llamaLora(1),
      { name: `${PEFT_PREFIX}model.layers.0.self_attn.q_proj.weight`, shape: [16, 16] },
    ]),
    good: cleanLlama,
    mentions: 'model.layers.0.self_attn.q_proj.weight',
  },
  {
    rule: 'AL210',
    bad: (dir) =>
      writeWeightsFile(join(dir, 'weights.safetensors'), [
        { name: 'w_a_000', shape: [2, 4], data: [1, 2, 3, 4, 5, 6, 7, 8] },
      ]),
    good: (dir) =>
      writeWeightsFile(join(dir, 'lora.safetensors'), kohyaLora('lora_unet_down_blocks_0_proj_in')),
    mentions: 'w_a_000',
  },
  {
    rule: 'AL211',
    bad: (dir) =>
      writeWeightsFile(
        join(dir, 'lora.safetensors'),
        renameTensors(kohyaLora('lora_unet_unet_down_blocks_0_proj_in'), (n) => n),
      ),
    good: (dir) =>
      writeWeightsFile(join(dir, 'lora.safetensors'), kohyaLora('lora_unet_down_blocks_0_proj_in')),
    mentions: 'lora_unet_unet_',
  },
  {
    rule: 'AL301',
    bad: peft([
      ...linearLora('model.layers.0.self_attn.q_proj'),
      ...linearLora('model.layers.0.self_attn.v_proj', { zeroUp: true }),
    ]),
    good: cleanLlama,
    mentions: 'v_proj.lora_B.weight',
  },
  {
    rule: 'AL302',
    bad: peft(llamaLora(2, { zeroUp: true })),
    good: cleanLlama,
    mentions: '4 modules',
  },
  {
    rule: 'AL401',
    bad: (dir) => writeAdapterFolder(join(dir, 'adapter'), { tensors: llamaLora(1), config: null }),
    good: cleanLlama,
    mentions: 'adapter_config.json',
  },
  {
    rule: 'AL402',
    bad: (dir) =>
      writeAdapterFolder(join(dir, 'adapter'), { tensors: llamaLora(1), config: peftConfig({ r: 0 }) }),
    good: cleanLlama,
    mentions: 'r must be a positive integer',
  },
  {
    rule: 'AL403',
    bad: peft(llamaLora(1), peftConfig({ use_dora: true })),
    good: peft(
      [...doraLora('model.layers.0.self_attn.q_proj'), ...doraLora('model.layers.0.self_attn.v_proj')],
      peftConfig({ use_dora: true }),
    ),
    mentions: 'use_dora',
  },
  {
    rule: 'AL404',
    bad: (dir) =>
      writeAdapterFolder(join(dir, 'adapter'), { tensors: llamaLora(1), weightsName: 'model.safetensors' }),
    good: cleanLlama,
    mentions: 'model.safetensors',
  },
];

describe('every AL1xx-AL4xx rule', () => {
  it('has a case here, in registry order', () => {
    const ids = RULES.map((r) => r.id).filter((id) => /^AL[1-4]/.test(id));
    expect(cases.map((c) => c.rule)).toEqual(ids);
  });

  for (const c of cases) {
    it(`${c.rule} fires on a broken adapter and names what is wrong`, async () => {
      const report = await lintScratch(c.bad);
      const hits = findingsOf(report, c.rule);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.map((h) => `${h.message} ${h.tensor ?? ''} ${h.file}`).join('\n')).toContain(c.mentions);
      const rule = RULES.find((r) => r.id === c.rule)!;
      expect(hits[0]!.slug).toBe(rule.slug);
    });

    it(`${c.rule} stays quiet on a correct adapter`, async () => {
      const report = await lintScratch(c.good);
      expect(findingsOf(report, c.rule)).toEqual([]);
    });
  }
});

describe('rule details', () => {
  it('AL101 names the reader code and byte offset of a lying header', async () => {
    const report = await lintScratch(async (dir) => {
      const header = { t: { dtype: 'F32', shape: [4], data_offsets: [0, 20] } };
      await writeFile(join(dir, 'lying.safetensors'), buildRaw(header, 16));
    });
    const [finding] = findingsOf(report, 'AL101');
    expect(finding!.file).toBe('lying.safetensors');
    expect(finding!.data).toHaveProperty('code');
    expect(typeof finding!.data!.code).toBe('string');
  });

  it('AL105 reports a total_size disagreement as a warning', async () => {
    const report = await lintScratch(async (dir) => {
      await writeWeightsFile(join(dir, 'lora-00001-of-00001.safetensors'), kohyaLora('lora_unet_a'));
      const weightMap = Object.fromEntries(
        kohyaLora('lora_unet_a').map((t) => [t.name, 'lora-00001-of-00001.safetensors']),
      );
      await writeFile(
        join(dir, 'lora.safetensors.index.json'),
        JSON.stringify({ metadata: { total_size: 1 }, weight_map: weightMap }),
      );
    });
    const hits = findingsOf(report, 'AL105');
    expect(hits.map((h) => h.severity)).toEqual(['warning']);
  });

  it('AL211 warns (not errors) when kohya alphas are missing', async () => {
    const report = await lintScratch((dir) =>
      writeWeightsFile(
        join(dir, 'lora.safetensors'),
        kohyaLora('lora_unet_down_blocks_0_proj_in', { alpha: null }),
      ),
    );
    expect(findingsOf(report, 'AL211').map((f) => f.severity)).toEqual(['warning']);
  });

  it('AL211 catches `_lora_down` written for `.lora_down`', async () => {
    const report = await lintScratch((dir) =>
      writeWeightsFile(
        join(dir, 'lora.safetensors'),
        renameTensors(kohyaLora('lora_unet_down_blocks_0_proj_in'), (n) => n.replace('.lora_', '_lora_')),
      ),
    );
    expect(findingsOf(report, 'AL211')[0]!.message).toContain('`_lora_down`');
  });

  it('AL301 judges embeddings by both factors: a zero lora_embedding_A is the untrained signature', async () => {
    const report = await lintScratch(
      peft(
        [...llamaLora(1), ...embeddingLora('model.embed_tokens', { zeroA: true })],
        peftConfig({ target_modules: ['q_proj', 'v_proj', 'embed_tokens'] }),
      ),
    );
    expect(findingsOf(report, 'AL301').map((f) => f.tensor)).toEqual([
      `${PEFT_PREFIX}model.embed_tokens.lora_embedding_A`,
    ]);
  });

  it('AL301/AL302 leave DoRA modules alone: a zero lora_B proves nothing without the base', async () => {
    const report = await lintScratch(
      peft(
        [
          ...doraLora('model.layers.0.self_attn.q_proj', { zeroUp: true }),
          ...doraLora('model.layers.0.self_attn.v_proj', { zeroUp: true }),
        ],
        peftConfig({ use_dora: true }),
      ),
    );
    expect(findingsOf(report, 'AL301')).toEqual([]);
    expect(findingsOf(report, 'AL302')).toEqual([]);
  });

  it('AL302 stays quiet when modules_to_save weights still change the model', async () => {
    const report = await lintScratch(
      peft(
        [
          ...llamaLora(1, { zeroUp: true }),
          { name: `${PEFT_PREFIX}score.weight`, shape: [2, 16], data: new Float32Array(32).fill(1) },
        ],
        peftConfig({ modules_to_save: ['score'] }),
      ),
    );
    expect(findingsOf(report, 'AL301')).toHaveLength(2);
    expect(findingsOf(report, 'AL302')).toEqual([]);
  });

  it('AL302 reports a PEFT adapter whose weights file holds no tensors', async () => {
    const report = await lintScratch(peft([]));
    expect(findingsOf(report, 'AL302')[0]!.message).toContain('holds no tensors');
  });

  it('AL403 reports a modules_to_save entry without tensors, but not the task head PEFT adds by itself', async () => {
    const report = await lintScratch(
      peft(
        [
          ...llamaLora(1),
          { name: `${PEFT_PREFIX}score.weight`, shape: [2, 16], data: new Float32Array(32).fill(1) },
        ],
        peftConfig({ task_type: 'SEQ_CLS', modules_to_save: ['classifier', 'score', 'lm_head'] }),
      ),
    );
    expect(findingsOf(report, 'AL403').map((f) => f.data?.entry)).toEqual(['lm_head']);
  });

  it('AL402 catches an invalid regex in target_modules instead of crashing', async () => {
    const report = await lintScratch(peft(llamaLora(1), peftConfig({ target_modules: '.*(q_proj' })));
    expect(findingsOf(report, 'AL402')[0]!.message).toContain('target_modules');
  });

  it('AL208 reports a target_modules entry that selects nothing', async () => {
    const report = await lintScratch(
      peft(llamaLora(1), peftConfig({ target_modules: ['q_proj', 'v_proj', 'o_proj'] })),
    );
    expect(findingsOf(report, 'AL208').map((f) => f.data?.entry)).toEqual(['o_proj']);
  });

  it('runs without a rule crash on every builder used above', async () => {
    const dir = await scratchDir();
    for (const [i, c] of cases.entries())
      await c.bad(join(dir, `case-${i}`)).catch(() => mkdir(join(dir, `case-${i}`), { recursive: true }));
    const report = await lint({ cwd: dir, paths: [], threads: 0 });
    expect(report.findings.filter((f) => f.message.startsWith('adapter-lint failed'))).toEqual([]);
  });
});
