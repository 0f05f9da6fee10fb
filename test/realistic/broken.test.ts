// Broken adapters as they are met in public repositories: each gets exactly the rule(s) for its defect.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  diffusersLoraConfig,
  loraAdapterMetadata,
  writeAdapterFolder,
  writeWeightsFile,
} from '../helpers/adapters.js';
import type { TensorSpec } from '../helpers/safetensors.js';
import { buildSafetensors } from '../helpers/safetensors.js';
import { lintScratch } from '../rules/lint-folder.js';
import { llamaLayers, P, pair, peft018Config, pythonJson, tensor } from './peft-files.js';

type Build = (dir: string) => Promise<void>;

const peft =
  (config: Record<string, unknown>, tensors: TensorSpec[], weightsName?: string): Build =>
  (dir) =>
    writeAdapterFolder(dir, { config: pythonJson(config), tensors, ...(weightsName ? { weightsName } : {}) });
const qv = peft018Config({ target_modules: ['q_proj', 'v_proj'] });
const rename = (specs: TensorSpec[], f: (n: string) => string) =>
  specs.map((s) => ({ ...s, name: f(s.name) }));

const cases: Array<[string, Build, string[]]> = [
  [
    'raw model.state_dict() dump: adapter name left in every key',
    peft(
      qv,
      rename(llamaLayers(1, ['q_proj', 'v_proj'], 8), (n) => n.replace(/\.weight$/, '.default.weight')),
    ),
    ['AL202'],
  ],
  [
    'converter inserted .default. and PEFT inserted it again: default.default',
    peft(
      qv,
      rename(llamaLayers(1, ['q_proj', 'v_proj'], 8), (n) =>
        n.replace(/\.weight$/, '.default.default.weight'),
      ),
    ),
    ['AL201'],
  ],
  [
    'PeftModel wrapped twice: doubled prefix',
    peft(
      qv,
      rename(llamaLayers(1, ['q_proj', 'v_proj'], 8), (n) => `${P}${n}`),
    ),
    ['AL204'],
  ],
  [
    'vLLM-style keys without base_model.model. beside a PEFT config',
    peft(qv, llamaLayers(1, ['q_proj', 'v_proj'], 8, { root: 'model.' })),
    ['AL203'],
  ],
  [
    'modules_to_save target that is also a LoRA target: wrapper internals leaked',
    peft(peft018Config({ target_modules: ['q_proj'], modules_to_save: ['lm_head'] }), [
      ...llamaLayers(1, ['q_proj'], 8),
      tensor(`${P}lm_head.modules_to_save.default.weight`, [40, 16]),
      tensor(`${P}lm_head.original_module.weight`, [40, 16]),
    ]),
    ['AL205', 'AL205'],
  ],
  [
    'full base weights of a non-embedding module under base_layer',
    peft(qv, [
      ...llamaLayers(1, ['q_proj', 'v_proj'], 8),
      tensor(`${P}model.layers.0.self_attn.q_proj.base_layer.weight`, [16, 16]),
    ]),
    ['AL205'],
  ],
  [
    'an untargeted base weight dumped into the adapter',
    peft(qv, [
      ...llamaLayers(1, ['q_proj', 'v_proj'], 8),
      tensor(`${P}model.layers.0.mlp.down_proj.weight`, [16, 24]),
    ]),
    ['AL209'],
  ],
  [
    'lora_B missing for one module',
    peft(qv, [
      ...llamaLayers(1, ['q_proj'], 8),
      tensor(`${P}model.layers.0.self_attn.v_proj.lora_A.weight`, [8, 16]),
    ]),
    ['AL206'],
  ],
  [
    'rank 16 tensors with r 8 in the config',
    peft(qv, llamaLayers(1, ['q_proj', 'v_proj'], 8, { rankOf: (m) => (m.endsWith('q_proj') ? 16 : 8) })),
    ['AL207'],
  ],
  [
    'rank_pattern says 4 for layer 1 q_proj but the tensors have 8',
    peft(
      peft018Config({ target_modules: ['q_proj'], rank_pattern: { 'model.layers.1.self_attn.q_proj': 4 } }),
      llamaLayers(2, ['q_proj'], 8),
    ),
    ['AL207'],
  ],
  [
    'o_proj weights not selected by target_modules',
    peft(qv, llamaLayers(1, ['q_proj', 'v_proj', 'o_proj'], 8)),
    ['AL208'],
  ],
  [
    'every lora_B zero (ZeRO-3 offload, saved untrained)',
    peft(qv, [
      ...pair(`${P}model.layers.0.self_attn.q_proj`, 8, 16, 16, { zeroB: true }),
      ...pair(`${P}model.layers.0.self_attn.v_proj`, 8, 16, 8, { zeroB: true }),
    ]),
    ['AL301', 'AL301', 'AL302'],
  ],
  [
    'ZeRO-3 without gathering: shape [0] tensors',
    peft(peft018Config({ target_modules: ['q_proj'] }), [
      { name: `${P}model.layers.0.self_attn.q_proj.lora_A.weight`, shape: [0] },
      { name: `${P}model.layers.0.self_attn.q_proj.lora_B.weight`, shape: [0] },
    ]),
    ['AL106', 'AL106'],
  ],
  [
    'use_dora true but no magnitude vectors',
    peft(
      peft018Config({ target_modules: ['q_proj', 'v_proj'], use_dora: true }),
      llamaLayers(1, ['q_proj', 'v_proj'], 8),
    ),
    ['AL403'],
  ],
  [
    'weights saved as model.safetensors beside adapter_config.json',
    peft(qv, llamaLayers(1, ['q_proj', 'v_proj'], 8), 'model.safetensors'),
    ['AL404'],
  ],
  [
    'kohya rename gone wrong: lora_unet_unet_ and _lora_down, no alphas',
    (dir) =>
      writeWeightsFile(join(dir, 'broken_kohya.safetensors'), [
        ...pair('lora_unet_unet_down_blocks_0_attentions_0_proj_in', 4, 16, 16, {
          a: 'lora_down.weight',
          b: 'lora_up.weight',
        }),
        tensor('lora_unet_down_blocks_0_attentions_0_proj_out_lora_down.weight', [4, 16]),
        tensor('lora_unet_down_blocks_0_attentions_0_proj_out_lora_up.weight', [16, 4]),
      ]),
    ['AL211', 'AL211', 'AL211'],
  ],
  [
    'NaN in a lora_B',
    peft(qv, [
      ...llamaLayers(1, ['q_proj'], 8),
      tensor(`${P}model.layers.0.self_attn.v_proj.lora_A.weight`, [8, 16]),
      {
        name: `${P}model.layers.0.self_attn.v_proj.lora_B.weight`,
        shape: [8, 8],
        data: new Float32Array(64).fill(Number.NaN),
      },
    ]),
    ['AL104'],
  ],
  [
    'Git LFS pointer committed instead of the weights',
    async (dir) => {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'adapter_config.json'), pythonJson(qv));
      await writeFile(
        join(dir, 'adapter_model.safetensors'),
        'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 16794200\n',
      );
    },
    ['AL102'],
  ],
  [
    'a 2-byte CR LF file committed as a LoRA',
    async (dir) => {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'style_lora.safetensors'), Buffer.from([0x0d, 0x0a]));
    },
    ['AL101'],
  ],
  ['alpaca-lora state_dict override: an empty adapter_model.safetensors', peft(qv, []), ['AL302']],
  [
    'lora_bias true but no lora_B.bias saved',
    peft(peft018Config({ target_modules: ['q_proj'], lora_bias: true }), llamaLayers(1, ['q_proj'], 8)),
    ['AL403'],
  ],
  [
    'modules_to_save entry with no tensor',
    peft(
      peft018Config({ target_modules: ['q_proj'], modules_to_save: ['lm_head'] }),
      llamaLayers(1, ['q_proj'], 8),
    ),
    ['AL403'],
  ],
  [
    'diffusers file whose lora_adapter_metadata came from another run (transformer.r 16, rank-8 tensors)',
    (dir) =>
      writeWeightsFile(
        join(dir, 'pytorch_lora_weights.safetensors'),
        [
          ...pair('transformer.transformer_blocks.0.attn.to_q', 8, 16, 16),
          ...pair('transformer.transformer_blocks.0.attn.to_k', 8, 16, 16),
        ],
        {
          format: 'pt',
          lora_adapter_metadata: loraAdapterMetadata({
            transformer: diffusersLoraConfig({ r: 16, lora_alpha: 16 }),
          }),
        },
      ),
    ['AL207', 'AL207'],
  ],
  [
    'diffusers lora_adapter_metadata edited by hand: Python dict syntax, not JSON',
    (dir) =>
      writeWeightsFile(
        join(dir, 'pytorch_lora_weights.safetensors'),
        pair('transformer.transformer_blocks.0.attn.to_q', 8, 16, 16),
        { format: 'pt', lora_adapter_metadata: "{'transformer.r': 8, 'transformer.lora_alpha': 8}" },
      ),
    ['AL402'],
  ],
];

describe('real-world broken adapters get exactly the right rules', () => {
  for (const [name, build, expected] of cases) {
    it(name, async () => {
      const report = await lintScratch((dir) => build(join(dir, 'adapter')));
      expect(report.findings.map((f) => f.ruleId).sort()).toEqual([...expected].sort());
      for (const finding of report.findings) {
        expect(finding.file).toMatch(/^adapter\//);
        // The message names what to act on: the file itself, or the tensor / module / entry it reports.
        const module = (finding.data as { module?: string } | undefined)?.module;
        const named =
          finding.message.includes(finding.file) ||
          finding.message.includes(finding.file.split('/').pop()!) ||
          (finding.tensor !== undefined && finding.message.includes(finding.tensor)) ||
          (module !== undefined && finding.message.includes(`Module ${module}`)) ||
          /use_dora|lora_bias|modules_to_save|kohya/.test(finding.message);
        expect(named, finding.message).toBe(true);
      }
    });
  }
});

describe('other layouts are a note, never an error', () => {
  it('MLX-LM adapters.safetensors with an MLX adapter_config.json', async () => {
    const report = await lintScratch(async (dir) => {
      const folder = join(dir, 'adapter');
      await mkdir(folder, { recursive: true });
      await writeFile(
        join(folder, 'adapter_config.json'),
        JSON.stringify({
          fine_tune_type: 'lora',
          num_layers: 16,
          lora_parameters: { rank: 8, alpha: 16, scale: 20.0, dropout: 0.0 },
          model: 'mlx-community/Llama-3.2-1B-Instruct-4bit',
        }),
      );
      await writeFile(
        join(folder, 'adapters.safetensors'),
        buildSafetensors([
          tensor('model.layers.0.self_attn.q_proj.lora_a', [16, 8]),
          tensor('model.layers.0.self_attn.q_proj.lora_b', [8, 16]),
        ]),
      );
    });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['AL210']);
    expect(report.findings[0]!.message).toMatch(/MLX/);
  });

  it('torchtune native keys', async () => {
    const report = await lintScratch((dir) =>
      writeWeightsFile(join(dir, 'adapter', 'adapter_0.safetensors'), [
        tensor('layers.0.attn.q_proj.lora_a.weight', [8, 16]),
        tensor('layers.0.attn.q_proj.lora_b.weight', [16, 8]),
      ]),
    );
    expect(report.findings.map((f) => f.ruleId)).toEqual(['AL210']);
    expect(report.findings[0]!.file).toBe('adapter/adapter_0.safetensors');
  });
});
