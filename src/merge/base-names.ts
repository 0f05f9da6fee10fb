// Which base tensor an adapter module adapts: prefix variants (PEFT wrapper, transformers base_model_prefix,
// diffusers components, tied lm_head) and kohya names looked up in a table of flattened base module names.

const PEFT_PREFIX = 'base_model.model.';

/** transformers `base_model_prefix` values met in practice, tried in both directions. */
const MODEL_PREFIXES = [
  'model',
  'transformer',
  'model.language_model',
  'language_model.model',
  'language_model',
  'bert',
  'roberta',
  'deberta',
  'gpt_neox',
  'encoder',
  'vit',
  'text_model',
];

const DIFFUSERS_COMPONENTS = [
  'unet.',
  'transformer.',
  'text_encoder.',
  'text_encoder_2.',
  'text_encoder_3.',
  'prior.',
];

/** Suffixes of LoRA tensor names, longest first; what remains is the module path. */
const LORA_SUFFIXES = [
  '.lora_linear_layer.down.weight',
  '.lora_A.weight',
  '.lora_down.weight',
  '.lora.down.weight',
  '.lora_embedding_A',
  '_lora.down.weight',
  '.lora_A', // AdaLoRA: an nn.Parameter, no .weight
];

const KOHYA_COMPONENTS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['lora_unet_', ['', 'unet.', 'transformer.', 'model.diffusion_model.']],
  [
    'lora_te1_',
    ['', 'text_encoder.', 'cond_stage_model.transformer.', 'conditioner.embedders.0.transformer.'],
  ],
  ['lora_te2_', ['', 'text_encoder_2.', 'conditioner.embedders.1.model.']],
  ['lora_te3_', ['', 'text_encoder_3.']],
  ['lora_transformer_', ['', 'transformer.']],
  ['lora_te_', ['', 'text_encoder.', 'cond_stage_model.transformer.']],
  ['lora_prior_unet_', ['', 'prior.']],
  ['lora_prior_te_', ['', 'prior_text_encoder.', 'text_encoder.']],
];

function flatten(name: string): string {
  return name.replaceAll('.', '_');
}

/** The module path a LoRA tensor key names, without PEFT prefix, LoRA suffix or attention-processor infix. */
export function modulePathFromKey(key: string): string {
  let path = key.startsWith(PEFT_PREFIX) ? key.slice(PEFT_PREFIX.length) : key;
  for (const suffix of LORA_SUFFIXES) {
    if (path.endsWith(suffix)) {
      path = path.slice(0, -suffix.length);
      break;
    }
  }
  return path.replace('.processor.', '.');
}

export class BaseNameResolver {
  /** flattened module path → base weight name */
  private readonly flat = new Map<string, string>();

  constructor(private readonly names: ReadonlySet<string> | ReadonlyMap<string, unknown>) {
    for (const name of names.keys()) {
      if (name.endsWith('.weight')) this.flat.set(flatten(name.slice(0, -'.weight'.length)), name);
    }
  }

  /** The first candidate present in the base, with how it was found; null when none is. */
  resolve(modulePaths: readonly string[]): { name: string; via: string } | null {
    for (const path of modulePaths) {
      for (const candidate of candidates(path)) {
        if (this.names.has(candidate.name)) return candidate;
      }
      const kohya = this.kohya(path) ?? this.ldmUnet(path);
      if (kohya) return kohya;
    }
    return null;
  }

  /** ldm/sgm flattened UNet module path → a diffusers-named base weight; built on first use. */
  private ldmIndex: Map<string, string> | null = null;

  /** An sgm-named kohya module (SDXL: `lora_unet_input_blocks_4_1_…`) in a diffusers-named base. */
  private diffusersUnet(rest: string): string | undefined {
    if (!this.ldmIndex) {
      this.ldmIndex = new Map();
      for (const [flatPath, name] of this.flat) {
        const inside = flatPath.startsWith('unet_') ? flatPath.slice('unet_'.length) : flatPath;
        for (const ldm of ldmUnetPaths(inside)) if (!this.ldmIndex.has(ldm)) this.ldmIndex.set(ldm, name);
      }
    }
    return this.ldmIndex.get(rest);
  }

  /** A diffusers-named UNet module (`unet.down_blocks.0…`) in an original single-file checkpoint. */
  private ldmUnet(path: string): { name: string; via: string } | null {
    const flat = flatten(path.startsWith('unet.') ? path.slice('unet.'.length) : path);
    for (const ldm of ldmUnetPaths(flat)) {
      const name = this.flat.get(`model_diffusion_model_${ldm}`);
      if (name) return { name, via: `${path}, in the original UNet checkpoint's names` };
    }
    return null;
  }

  private kohya(path: string): { name: string; via: string } | null {
    for (const [prefix, components] of KOHYA_COMPONENTS) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      for (const component of components) {
        const name = this.flat.get(flatten(component) + rest);
        if (name) return { name, via: `kohya name ${path}` };
      }
      // sd-scripts names SD 1.x/2.x UNet modules as diffusers does; the original checkpoints use ldm's.
      for (const ldm of prefix === 'lora_unet_' ? ldmUnetPaths(rest) : []) {
        const name = this.flat.get(`model_diffusion_model_${ldm}`);
        if (name) return { name, via: `kohya name ${path}, in the original UNet checkpoint's names` };
      }
      // sd-scripts names SDXL UNet modules as the original (sgm) checkpoint does; a diffusers folder uses diffusers'.
      const diffusers = prefix === 'lora_unet_' ? this.diffusersUnet(rest) : undefined;
      if (diffusers) return { name: diffusers, via: `kohya name ${path}, in the diffusers UNet's names` };
    }
    return null;
  }
}

const LDM_RESNET_PARTS: ReadonlyArray<readonly [string, string]> = [
  ['conv1', 'in_layers_2'],
  ['conv2', 'out_layers_3'],
  ['time_emb_proj', 'emb_layers_1'],
  ['conv_shortcut', 'skip_connection'],
];

/**
 * A flattened diffusers UNet module path in the original (ldm / sgm) checkpoint's names, as sd-scripts'
 * model_util converts them: down block i, layer j is input block 3i+j+1 (resnet .0, attention .1), its
 * downsampler input block 3(i+1); up block i, layer j is output block 3i+j, its upsampler output block 3i+2
 * (.2 after an attention, else .1: both are candidates); the mid block's resnets 0 and 2, attention 1.
 */
export function ldmUnetPaths(flat: string): string[] {
  const one = ldmUnetPath(flat);
  if (one === null) return [];
  const upsampler = /^(output_blocks_\d+)_1_conv$/.exec(one);
  return upsampler ? [`${upsampler[1]}_2_conv`, one] : [one];
}

function ldmUnetPath(flat: string): string | null {
  const resnet = (module: string, rest: string) => {
    for (const [from, to] of LDM_RESNET_PARTS) if (rest === from) return `${module}_${to}`;
    return null;
  };
  let m = /^down_blocks_(\d+)_(attentions|resnets)_(\d+)_(.+)$/.exec(flat);
  if (m) {
    const block = `input_blocks_${3 * Number(m[1]) + Number(m[3]) + 1}`;
    return m[2] === 'attentions' ? `${block}_1_${m[4]}` : resnet(`${block}_0`, m[4]!);
  }
  m = /^down_blocks_(\d+)_downsamplers_0_conv$/.exec(flat);
  if (m) return `input_blocks_${3 * (Number(m[1]) + 1)}_0_op`;
  m = /^up_blocks_(\d+)_(attentions|resnets)_(\d+)_(.+)$/.exec(flat);
  if (m) {
    const block = `output_blocks_${3 * Number(m[1]) + Number(m[3])}`;
    return m[2] === 'attentions' ? `${block}_1_${m[4]}` : resnet(`${block}_0`, m[4]!);
  }
  m = /^up_blocks_(\d+)_upsamplers_0_conv$/.exec(flat);
  if (m) return `output_blocks_${3 * Number(m[1]) + 2}_1_conv`;
  m = /^mid_block_attentions_0_(.+)$/.exec(flat);
  if (m) return `middle_block_1_${m[1]}`;
  m = /^mid_block_resnets_(\d+)_(.+)$/.exec(flat);
  if (m) return resnet(`middle_block_${2 * Number(m[1])}`, m[2]!);
  const fixed: Record<string, string> = {
    conv_in: 'input_blocks_0_0',
    conv_out: 'out_2',
    time_embedding_linear_1: 'time_embed_0',
    time_embedding_linear_2: 'time_embed_2',
  };
  return fixed[flat] ?? null;
}

function candidates(modulePath: string): { name: string; via: string }[] {
  const path = modulePath.startsWith(PEFT_PREFIX) ? modulePath.slice(PEFT_PREFIX.length) : modulePath;
  const out: { name: string; via: string }[] = [{ name: `${path}.weight`, via: 'as named' }];
  for (const prefix of MODEL_PREFIXES) {
    if (path.startsWith(`${prefix}.`)) {
      out.push({ name: `${path.slice(prefix.length + 1)}.weight`, via: `without ${prefix}.` });
    }
    out.push({ name: `${prefix}.${path}.weight`, via: `with ${prefix}.` });
  }
  for (const component of DIFFUSERS_COMPONENTS) {
    if (path.startsWith(component)) {
      out.push({ name: `${path.slice(component.length)}.weight`, via: `without ${component}` });
    }
  }
  // Vision-language models: transformers 4.52 moved the language model from `language_model.model.` to
  // `model.language_model.`; hub checkpoints and adapters come in either form, text-only bases in `model.`.
  for (const [from, tos] of VLM_PREFIXES) {
    if (!path.startsWith(from)) continue;
    for (const to of tos)
      out.push({ name: `${to}${path.slice(from.length)}.weight`, via: `${from} as ${to}` });
  }
  // Tied embeddings: a checkpoint without the output projection shares the input embedding matrix.
  const head = /(?:^|\.)(lm_head|proj_out)$/.exec(path);
  if (head) {
    const owner = path.slice(0, head.index);
    const tied = head[1] === 'proj_out' ? ['model.decoder.embed_tokens'] : TIED_EMBEDDINGS;
    const prefixes = owner === '' ? [''] : [`${owner}.`, ''];
    for (const prefix of prefixes)
      for (const name of tied)
        out.push({ name: `${prefix}${name}.weight`, via: 'tied to the input embeddings' });
  }
  return out;
}

const VLM_PREFIXES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['model.language_model.', ['language_model.model.', 'model.']],
  ['language_model.model.', ['model.language_model.', 'model.']],
  ['language_model.lm_head', ['lm_head']],
];

/** Where checkpoints keep the input embedding an output head is tied to (GPT-2 hub files have bare `wte`). */
const TIED_EMBEDDINGS = [
  'model.embed_tokens',
  'embed_tokens',
  'transformer.wte',
  'wte',
  'model.decoder.embed_tokens',
  'model.language_model.embed_tokens',
  'language_model.model.embed_tokens',
  'shared',
  'model.shared',
];
