// Correct adapters as the real tools write them: every one must get no finding at all.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  diffusersLoraConfig,
  loraAdapterMetadata,
  writeAdapterFolder,
  writeWeightsFile,
} from '../helpers/adapters.js';
import type { TensorSpec } from '../helpers/safetensors.js';
import { lintScratch } from '../rules/lint-folder.js';
import {
  llamaLayers,
  P,
  pair,
  peft03Config,
  peft010Config,
  peft018Config,
  pythonJson,
  tensor,
} from './peft-files.js';

type Build = (dir: string) => Promise<void>;

const peft =
  (config: Record<string, unknown>, tensors: TensorSpec[], metadata = { format: 'pt' }): Build =>
  (dir) =>
    writeAdapterFolder(dir, { config: pythonJson(config), tensors, metadata });

const ALL_LINEAR = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'];

const cases: Record<string, Build> = {
  'PEFT 0.3 alpaca-lora (enable_lora, merge_weights)': peft(
    peft03Config(),
    llamaLayers(2, ['q_proj', 'v_proj'], 8),
  ),
  'PEFT 0.10 Mistral attention, target_modules in set order': peft(
    peft010Config(),
    llamaLayers(2, ['q_proj', 'k_proj', 'v_proj', 'o_proj'], 16),
  ),
  'PEFT 0.18 all-linear expanded, BF16 tensors (autocast_adapter_dtype=False)': peft(
    peft018Config(),
    llamaLayers(2, ALL_LINEAR, 8, { dtype: 'BF16' }),
  ),
  'F16 adapter': peft(
    peft018Config({ target_modules: ['q_proj', 'v_proj'] }),
    llamaLayers(1, ['q_proj', 'v_proj'], 8, { dtype: 'F16' }),
  ),
  'task_type null with auto_mapping (AutoModel, no model. root)': peft(
    peft018Config({
      task_type: null,
      auto_mapping: {
        base_model_class: 'LlamaModel',
        parent_library: 'transformers.models.llama.modeling_llama',
      },
      target_modules: ['q_proj', 'v_proj'],
    }),
    llamaLayers(1, ['q_proj', 'v_proj'], 8, { root: P }),
  ),
  'regex string target_modules (full match)': peft(
    peft018Config({ target_modules: '.*decoder.*(self_attn|encoder_attn).*(q_proj|v_proj)$' }),
    [
      ...pair(`${P}model.decoder.layers.0.self_attn.q_proj`, 8, 16, 16),
      ...pair(`${P}model.decoder.layers.0.encoder_attn.v_proj`, 8, 16, 16),
    ],
  ),
  'regex with (?P<name>), \\Z, leading (?i) and scoped (?i:...)': peft(
    peft018Config({
      target_modules: '(?i)(?P<stack>model\\.layers\\.\\d+)\\.self_attn\\.(?i:Q_PROJ|v_proj)\\Z',
    }),
    llamaLayers(1, ['q_proj', 'v_proj'], 8),
  ),
  'rsLoRA with float alpha': peft(
    peft018Config({ use_rslora: true, lora_alpha: 22.627416997969522, target_modules: ['q_proj'] }),
    llamaLayers(2, ['q_proj'], 8),
  ),
  'EVA: full-name rank_pattern / alpha_pattern, rank redistributed': peft(
    peft018Config({
      init_lora_weights: 'eva',
      eva_config: { rho: 2.0, tau: 0.99, use_label_mask: true, whiten: false, adjust_scaling_factors: true },
      target_modules: ['q_proj', 'v_proj'],
      rank_pattern: {
        'model.layers.0.self_attn.q_proj': 12,
        'model.layers.0.self_attn.v_proj': 4,
        'model.layers.1.self_attn.q_proj': 10,
        'model.layers.1.self_attn.v_proj': 6,
      },
      alpha_pattern: {
        'model.layers.0.self_attn.q_proj': 24,
        'model.layers.0.self_attn.v_proj': 8,
        'model.layers.1.self_attn.q_proj': 20,
        'model.layers.1.self_attn.v_proj': 12,
      },
    }),
    llamaLayers(2, ['q_proj', 'v_proj'], 8, {
      rankOf: (m) =>
        ({
          'model.layers.0.self_attn.q_proj': 12,
          'model.layers.0.self_attn.v_proj': 4,
          'model.layers.1.self_attn.q_proj': 10,
          'model.layers.1.self_attn.v_proj': 6,
        })[m] ?? 8,
    }),
  ),
  'converted PiSSA (rank 2r, alpha 2a, init true)': peft(
    peft018Config({ r: 16, lora_alpha: 32, target_modules: ['q_proj', 'v_proj'] }),
    llamaLayers(1, ['q_proj', 'v_proj'], 16),
  ),
  'layers_pattern as a string and as a list, layers_to_transform int and list': async (dir) => {
    await peft(
      peft018Config({ target_modules: ['q_proj'], layers_to_transform: [1], layers_pattern: 'layers' }),
      pair(`${P}model.layers.1.self_attn.q_proj`, 8, 16, 16),
    )(join(dir, 'a'));
    await peft(
      peft018Config({ target_modules: ['q_proj'], layers_to_transform: 0, layers_pattern: ['layers'] }),
      pair(`${P}model.layers.0.self_attn.q_proj`, 8, 16, 16),
    )(join(dir, 'b'));
  },
  'layer_replication (indices past the base depth)': peft(
    peft018Config({
      target_modules: ['q_proj'],
      layer_replication: [
        [0, 2],
        [1, 3],
      ],
    }),
    llamaLayers(4, ['q_proj'], 8),
  ),
  'exclude_modules as list and regex string': async (dir) => {
    await peft(
      peft018Config({ target_modules: ['q_proj'], exclude_modules: ['model.layers.1.self_attn.q_proj'] }),
      llamaLayers(1, ['q_proj'], 8),
    )(join(dir, 'a'));
    await peft(
      peft018Config({ target_modules: ['q_proj'], exclude_modules: '.*vision.*' }),
      llamaLayers(1, ['q_proj'], 8),
    )(join(dir, 'b'));
  },
  'DoRA: bare lora_magnitude_vector [out]': peft(
    peft018Config({ use_dora: true, target_modules: ['q_proj', 'k_proj'] }),
    [
      ...pair(`${P}model.layers.0.self_attn.q_proj`, 8, 16, 16, { zeroB: true }),
      tensor(`${P}model.layers.0.self_attn.q_proj.lora_magnitude_vector`, [16], { scale: 2 }),
      ...pair(`${P}model.layers.0.self_attn.k_proj`, 8, 16, 8),
      tensor(`${P}model.layers.0.self_attn.k_proj.lora_magnitude_vector`, [8], { scale: 2 }),
    ],
  ),
  'SEQ_CLS Roberta: modules_to_save [classifier, score] with classifier.dense/out_proj': peft(
    peft018Config({
      task_type: 'SEQ_CLS',
      base_model_name_or_path: 'roberta-base',
      target_modules: ['query', 'value'],
      modules_to_save: ['classifier', 'score'],
    }),
    [
      ...pair(`${P}roberta.encoder.layer.0.attention.self.query`, 8, 16, 16),
      ...pair(`${P}roberta.encoder.layer.0.attention.self.value`, 8, 16, 16),
      tensor(`${P}classifier.dense.weight`, [16, 16]),
      tensor(`${P}classifier.dense.bias`, [16]),
      tensor(`${P}classifier.out_proj.weight`, [2, 16]),
      tensor(`${P}classifier.out_proj.bias`, [2]),
    ],
  ),
  'SEQ_CLS Llama: modules_to_save null, score head saved by PEFT itself': peft(
    peft018Config({ task_type: 'SEQ_CLS', target_modules: ['q_proj', 'v_proj'] }),
    [...llamaLayers(1, ['q_proj', 'v_proj'], 8), tensor(`${P}score.weight`, [3, 16])],
  ),
  'modules_to_save lm_head + embed_tokens, listed twice': peft(
    peft018Config({ target_modules: ['q_proj'], modules_to_save: ['lm_head', 'embed_tokens', 'lm_head'] }),
    [
      ...llamaLayers(1, ['q_proj'], 8),
      tensor(`${P}lm_head.weight`, [40, 16]),
      tensor(`${P}model.embed_tokens.weight`, [40, 16]),
    ],
  ),
  'save_embedding_layers: embed_tokens / lm_head targeted with base_layer.weight': peft(
    peft018Config({ target_modules: ['q_proj', 'embed_tokens', 'lm_head'] }),
    [
      ...llamaLayers(1, ['q_proj'], 8),
      tensor(`${P}model.embed_tokens.lora_embedding_A`, [8, 40], { zero: false }),
      tensor(`${P}model.embed_tokens.lora_embedding_B`, [16, 8]),
      tensor(`${P}model.embed_tokens.base_layer.weight`, [40, 16]),
      ...pair(`${P}lm_head`, 8, 16, 40),
      tensor(`${P}lm_head.base_layer.weight`, [40, 16]),
    ],
  ),
  'resized vocabulary: full embed_tokens / lm_head (untargeted)': peft(
    peft018Config({ target_modules: ['q_proj'] }),
    [
      ...llamaLayers(1, ['q_proj'], 8),
      tensor(`${P}model.embed_tokens.weight`, [42, 16]),
      tensor(`${P}lm_head.weight`, [42, 16]),
    ],
  ),
  'trainable tokens as a dict': peft(
    peft018Config({ target_modules: ['q_proj'], trainable_token_indices: { embed_tokens: [40, 41, 42] } }),
    [
      ...llamaLayers(1, ['q_proj'], 8),
      tensor(`${P}model.embed_tokens.token_adapter.trainable_tokens_delta`, [3, 16]),
    ],
  ),
  'bias=all on Qwen2 (targeted base_layer.bias and untargeted .bias)': peft(
    peft018Config({ bias: 'all', target_modules: ['q_proj'] }),
    [
      ...llamaLayers(1, ['q_proj'], 8),
      tensor(`${P}model.layers.0.self_attn.q_proj.base_layer.bias`, [16]),
      tensor(`${P}model.layers.0.self_attn.k_proj.bias`, [8]),
      tensor(`${P}model.layers.0.self_attn.v_proj.bias`, [8]),
    ],
  ),
  'lora_bias=True': peft(peft018Config({ lora_bias: true, target_modules: ['q_proj'] }), [
    ...llamaLayers(1, ['q_proj'], 8),
    tensor(`${P}model.layers.0.self_attn.q_proj.lora_B.bias`, [16], { zero: true }),
  ]),
  'target_parameters MoE: two parameters on one module nest under base_layer': peft(
    peft018Config({
      target_modules: [],
      target_parameters: ['feed_forward.experts.gate_up_proj', 'feed_forward.experts.down_proj'],
    }),
    [
      // 4 experts, r 8: A [r*E, in], B [out, r*E]
      ...pair(`${P}model.layers.0.feed_forward.experts`, 32, 24, 16),
      ...pair(`${P}model.layers.0.feed_forward.experts.base_layer`, 32, 16, 48),
    ],
  ),
  'target_parameters with target_modules null': peft(
    peft018Config({ target_modules: null, target_parameters: ['mlp.experts.down_proj'] }),
    pair(`${P}model.layers.0.mlp.experts`, 16, 24, 16),
  ),
  'nn.MultiheadAttention: in_proj on the module, out_proj under base_layer': peft(
    peft018Config({ target_modules: ['self_attn'], task_type: null }),
    [
      ...pair(`${P}encoder.layers.0.self_attn`, 8, 16, 48),
      ...pair(`${P}encoder.layers.0.self_attn.base_layer.out_proj`, 8, 16, 16),
    ],
  ),
  'AdaLoRA: lora_A / lora_B / lora_E without .weight, boolean rank_pattern': peft(
    {
      ...peft010Config({ peft_type: 'ADALORA', target_modules: ['q_proj', 'v_proj'] }),
      beta1: 0.85,
      beta2: 0.85,
      deltaT: 10,
      init_r: 12,
      target_r: 8,
      tinit: 200,
      tfinal: 1000,
      total_step: 3000,
      orth_reg_weight: 0.5,
      rank_pattern: {
        'model.layers.0.self_attn.q_proj': [
          true,
          false,
          true,
          true,
          false,
          true,
          true,
          true,
          false,
          true,
          true,
          true,
        ],
        'model.layers.0.self_attn.v_proj': [
          true,
          true,
          true,
          true,
          true,
          true,
          true,
          true,
          true,
          true,
          true,
          true,
        ],
      },
    },
    [
      tensor(`${P}model.layers.0.self_attn.q_proj.lora_A`, [9, 16]),
      tensor(`${P}model.layers.0.self_attn.q_proj.lora_B`, [16, 9]),
      tensor(`${P}model.layers.0.self_attn.q_proj.lora_E`, [9, 1]),
      tensor(`${P}model.layers.0.self_attn.v_proj.lora_A`, [12, 16]),
      tensor(`${P}model.layers.0.self_attn.v_proj.lora_B`, [8, 12]),
      tensor(`${P}model.layers.0.self_attn.v_proj.lora_E`, [12, 1]),
    ],
  ),
  'GPT-2 Conv1D c_attn with fan_in_fan_out (and the flag left false)': async (dir) => {
    await peft(
      peft018Config({ target_modules: ['c_attn'], fan_in_fan_out: true, base_model_name_or_path: 'gpt2' }),
      [...pair(`${P}transformer.h.0.attn.c_attn`, 8, 16, 48)],
    )(join(dir, 'a'));
    await peft(peft018Config({ target_modules: ['c_attn', 'c_proj'], base_model_name_or_path: 'gpt2' }), [
      ...pair(`${P}transformer.h.0.attn.c_attn`, 8, 16, 48),
      ...pair(`${P}transformer.h.0.attn.c_proj`, 8, 16, 16),
      ...pair(`${P}transformer.h.0.mlp.c_proj`, 8, 64, 16),
    ])(join(dir, 'b'));
  },
  'Conv2d / Conv1d LoRA (UNet via PEFT, whisper conv)': peft(
    peft018Config({ r: 4, target_modules: ['conv1', 'conv2', 'conv_in'], task_type: null }),
    [
      tensor(`${P}down_blocks.0.resnets.0.conv1.lora_A.weight`, [4, 8, 3, 3]),
      tensor(`${P}down_blocks.0.resnets.0.conv1.lora_B.weight`, [8, 4, 1, 1]),
      tensor(`${P}encoder.conv2.lora_A.weight`, [4, 8, 3]),
      tensor(`${P}encoder.conv2.lora_B.weight`, [16, 4, 1]),
      tensor(`${P}conv_in.lora_A.weight`, [4, 4, 1, 1]),
      tensor(`${P}conv_in.lora_B.weight`, [8, 4, 1, 1]),
    ],
  ),
  'transformers-saved adapter (add_adapter + save_pretrained), minimal config': peft(
    {
      peft_type: 'LORA',
      r: 8,
      lora_alpha: 16,
      target_modules: ['q_proj', 'v_proj'],
      lora_dropout: 0.0,
      bias: 'none',
      task_type: null,
      inference_mode: true,
      init_lora_weights: true,
    },
    llamaLayers(1, ['q_proj', 'v_proj'], 8),
  ),
  'seq2seq T5 q/v with shared embedding saved (resized)': peft(
    peft018Config({ task_type: 'SEQ_2_SEQ_LM', target_modules: ['q', 'v'] }),
    [
      ...pair(`${P}encoder.block.0.layer.0.SelfAttention.q`, 8, 16, 16),
      ...pair(`${P}decoder.block.0.layer.1.EncDecAttention.v`, 8, 16, 16),
      tensor(`${P}shared.weight`, [40, 16]),
    ],
  ),
  'kohya SDXL (te1/te2/unet, conv, F16 alpha scalars, ss_* metadata)': (dir) =>
    writeWeightsFile(
      join(dir, 'sdxl_style.safetensors'),
      [
        ...pair('lora_unet_input_blocks_4_1_transformer_blocks_0_attn1_to_k', 8, 16, 16, {
          dtype: 'F16',
          a: 'lora_down.weight',
          b: 'lora_up.weight',
        }),
        {
          name: 'lora_unet_input_blocks_4_1_transformer_blocks_0_attn1_to_k.alpha',
          dtype: 'F16',
          shape: [],
          data: [4],
        },
        tensor('lora_unet_input_blocks_1_0_in_layers_2.lora_down.weight', [8, 8, 3, 3], { dtype: 'F16' }),
        tensor('lora_unet_input_blocks_1_0_in_layers_2.lora_up.weight', [8, 8, 1, 1], { dtype: 'F16' }),
        { name: 'lora_unet_input_blocks_1_0_in_layers_2.alpha', dtype: 'F16', shape: [], data: [1] },
        ...pair('lora_te1_text_model_encoder_layers_0_self_attn_q_proj', 8, 16, 16, {
          dtype: 'F16',
          a: 'lora_down.weight',
          b: 'lora_up.weight',
        }),
        {
          name: 'lora_te1_text_model_encoder_layers_0_self_attn_q_proj.alpha',
          dtype: 'F16',
          shape: [],
          data: [8],
        },
        ...pair('lora_te2_text_model_encoder_layers_0_mlp_fc1', 8, 16, 32, {
          dtype: 'F16',
          a: 'lora_down.weight',
          b: 'lora_up.weight',
        }),
        { name: 'lora_te2_text_model_encoder_layers_0_mlp_fc1.alpha', dtype: 'F16', shape: [], data: [8] },
      ],
      {
        ss_network_module: 'networks.lora',
        ss_network_dim: '8',
        ss_network_alpha: '4.0',
        ss_base_model_version: 'sdxl_base_v1-0',
        ss_sd_model_name: 'sd_xl_base_1.0.safetensors',
        modelspec_architecture: 'stable-diffusion-xl-v1-base/lora',
      },
    ),
  'kohya Flux (double/single blocks, BF16, alpha BF16)': (dir) =>
    writeWeightsFile(
      join(dir, 'flux_lora.safetensors'),
      [
        ...pair('lora_unet_double_blocks_0_img_attn_qkv', 16, 16, 48, {
          dtype: 'BF16',
          a: 'lora_down.weight',
          b: 'lora_up.weight',
        }),
        { name: 'lora_unet_double_blocks_0_img_attn_qkv.alpha', dtype: 'BF16', shape: [], data: [16] },
        ...pair('lora_unet_single_blocks_0_linear1', 16, 16, 64, {
          dtype: 'BF16',
          a: 'lora_down.weight',
          b: 'lora_up.weight',
        }),
        { name: 'lora_unet_single_blocks_0_linear1.alpha', dtype: 'BF16', shape: [], data: [16] },
      ],
      { ss_network_module: 'networks.lora_flux', ss_base_model_version: 'flux1' },
    ),
  'kohya DoRA (dora_scale)': (dir) =>
    writeWeightsFile(join(dir, 'dora.safetensors'), [
      ...pair('lora_unet_down_blocks_0_attentions_0_proj_in', 4, 16, 16, {
        a: 'lora_down.weight',
        b: 'lora_up.weight',
      }),
      { name: 'lora_unet_down_blocks_0_attentions_0_proj_in.alpha', shape: [], data: [4] },
      tensor('lora_unet_down_blocks_0_attentions_0_proj_in.dora_scale', [1, 16]),
    ]),
  'LyCORIS LoHa': (dir) =>
    writeWeightsFile(
      join(dir, 'loha.safetensors'),
      ['lora_unet_down_blocks_0_attentions_0_proj_in', 'lora_te_text_model_encoder_layers_0_mlp_fc1'].flatMap(
        (m) => [
          tensor(`${m}.hada_w1_a`, [16, 4]),
          tensor(`${m}.hada_w1_b`, [4, 16]),
          tensor(`${m}.hada_w2_a`, [16, 4]),
          tensor(`${m}.hada_w2_b`, [4, 16]),
          { name: `${m}.alpha`, shape: [], data: [4] },
        ],
      ),
      { ss_network_module: 'lycoris.kohya', ss_network_args: '{"algo": "loha"}' },
    ),
  'LyCORIS LoKr and LoCon mixed': (dir) =>
    writeWeightsFile(join(dir, 'lokr.safetensors'), [
      tensor('lora_unet_mid_block_attentions_0_proj_in.lokr_w1', [4, 4]),
      tensor('lora_unet_mid_block_attentions_0_proj_in.lokr_w2_a', [4, 2]),
      tensor('lora_unet_mid_block_attentions_0_proj_in.lokr_w2_b', [2, 4]),
      { name: 'lora_unet_mid_block_attentions_0_proj_in.alpha', shape: [], data: [2] },
      ...pair('lora_unet_down_blocks_0_resnets_0_conv1', 4, 16, 16, {
        a: 'lora_down.weight',
        b: 'lora_up.weight',
      }),
      { name: 'lora_unet_down_blocks_0_resnets_0_conv1.alpha', shape: [], data: [4] },
    ]),
  'diffusers PEFT-style with lora_adapter_metadata (Flux transformer)': (dir) =>
    writeWeightsFile(
      join(dir, 'pytorch_lora_weights.safetensors'),
      [
        ...pair('transformer.transformer_blocks.0.attn.to_q', 4, 16, 16, { dtype: 'BF16' }),
        ...pair('transformer.transformer_blocks.0.attn.to_k', 4, 16, 16, { dtype: 'BF16' }),
        ...pair('transformer.single_transformer_blocks.0.proj_out', 4, 32, 16, { dtype: 'BF16' }),
      ],
      {
        format: 'pt',
        lora_adapter_metadata: JSON.stringify({
          'transformer.r': 4,
          'transformer.lora_alpha': 4,
          'transformer.target_modules': ['to_k', 'to_q', 'proj_out'],
          'transformer.peft_type': 'LORA',
        }),
      },
    ),
  'diffusers 0.34+ pipeline save: transformer + text_encoder LoraConfigs in lora_adapter_metadata, alpha != r':
    (dir) =>
      writeWeightsFile(
        join(dir, 'pytorch_lora_weights.safetensors'),
        [
          ...pair('transformer.transformer_blocks.0.attn.to_q', 8, 16, 16, { dtype: 'BF16' }),
          ...pair('transformer.transformer_blocks.0.attn.to_out.0', 8, 16, 16, { dtype: 'BF16' }),
          ...pair('transformer.single_transformer_blocks.0.proj_out', 16, 32, 16, { dtype: 'BF16' }),
          ...pair('text_encoder.text_model.encoder.layers.0.self_attn.q_proj', 4, 16, 16),
        ],
        {
          format: 'pt',
          lora_adapter_metadata: loraAdapterMetadata({
            transformer: diffusersLoraConfig({
              r: 8,
              lora_alpha: 16,
              rank_pattern: { 'single_transformer_blocks.0.proj_out': 16 },
              target_modules: ['to_q', 'to_out.0', 'proj_out'],
            }),
            text_encoder: diffusersLoraConfig({
              r: 4,
              lora_alpha: 1,
              use_rslora: true,
              target_modules: ['q_proj', 'k_proj', 'v_proj', 'out_proj'],
            }),
          }),
        },
      ),
  'diffusers 0.34+ model save (save_lora_adapter): bare LoraConfig fields, unprefixed keys': (dir) =>
    writeWeightsFile(
      join(dir, 'pytorch_lora_weights.safetensors'),
      [
        ...pair('transformer_blocks.0.attn.to_q', 4, 16, 16),
        ...pair('transformer_blocks.0.attn.to_k', 4, 16, 16),
      ],
      {
        format: 'pt',
        lora_adapter_metadata: loraAdapterMetadata({ '': diffusersLoraConfig({ r: 4, lora_alpha: 8 }) }),
      },
    ),
  'diffusers new format (lora.down/up, text encoder lora_linear_layer)': (dir) =>
    writeWeightsFile(join(dir, 'pytorch_lora_weights.safetensors'), [
      ...pair('unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q', 4, 16, 16, {
        a: 'lora.down.weight',
        b: 'lora.up.weight',
      }),
      ...pair('text_encoder.text_model.encoder.layers.0.self_attn.q_proj', 4, 16, 16, {
        a: 'lora_linear_layer.down.weight',
        b: 'lora_linear_layer.up.weight',
      }),
    ]),
  'diffusers old attention processor format': (dir) =>
    writeWeightsFile(join(dir, 'pytorch_lora_weights.safetensors'), [
      ...pair('unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.processor', 4, 16, 16, {
        a: 'to_q_lora.down.weight',
        b: 'to_q_lora.up.weight',
      }),
      ...pair('unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.processor', 4, 16, 16, {
        a: 'to_out_lora.down.weight',
        b: 'to_out_lora.up.weight',
      }),
    ]),
  'diffusers PEFT-style SDXL unet + text_encoder_2 + DoRA magnitude': (dir) =>
    writeWeightsFile(join(dir, 'pytorch_lora_weights.safetensors'), [
      ...pair('unet.down_blocks.1.attentions.0.transformer_blocks.0.attn1.to_q', 4, 16, 16),
      tensor('unet.down_blocks.1.attentions.0.transformer_blocks.0.attn1.to_q.lora_magnitude_vector', [16]),
      ...pair('text_encoder_2.text_model.encoder.layers.0.self_attn.q_proj', 4, 16, 16),
    ]),
  'diffusers PEFT-style adapter folder (adapter_config.json, no prefix: injected model)': peft(
    peft018Config({ r: 4, target_modules: ['to_q', 'to_k'], task_type: null, base_model_name_or_path: null }),
    [
      ...pair(`${P}transformer_blocks.0.attn.to_q`, 4, 16, 16),
      ...pair(`${P}transformer_blocks.0.attn.to_k`, 4, 16, 16),
    ],
  ),
};

describe('real-world correct adapters get no finding', () => {
  for (const [name, build] of Object.entries(cases)) {
    it(name, async () => {
      const report = await lintScratch((dir) => build(join(dir, 'adapter')));
      expect(report.findings.map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
      expect(report.adapters.length).toBeGreaterThan(0);
      for (const adapter of report.adapters) expect(adapter.layout).not.toBe('unrecognized');
    });
  }
});
