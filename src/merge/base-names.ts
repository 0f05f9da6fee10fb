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
      const kohya = this.kohya(path);
      if (kohya) return kohya;
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
    }
    return null;
  }
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
  // Tied embeddings: a checkpoint without lm_head.weight shares the input embedding matrix.
  if (path === 'lm_head' || path.endsWith('.lm_head')) {
    for (const tied of [
      'model.embed_tokens',
      'embed_tokens',
      'transformer.wte',
      'model.decoder.embed_tokens',
    ]) {
      out.push({ name: `${tied}.weight`, via: 'tied to the input embeddings' });
    }
  }
  return out;
}
