// diffusers LoRA key families (reference §8.2): component prefix, then PEFT-style `lora_A/lora_B`,
// "new" `lora.down/up` / `lora_linear_layer.down/up`, or the old attention-processor `to_k_lora.down`.
import { parsePeftKey } from './peft-key.js';

export const DIFFUSERS_COMPONENTS = [
  'unet',
  'transformer',
  'text_encoder',
  'text_encoder_2',
  'text_encoder_3',
  'prior',
  'decoder',
  'controlnet',
] as const;
const COMPONENT_SET = new Set<string>(DIFFUSERS_COMPONENTS);

/**
 * Attention processors: `….processor.to_q_lora.down.weight` (diffusers' old LoRAAttnProcessor); XLabs Flux
 * numbers them, `double_blocks.0.processor.qkv_lora1.down.weight`, 1 for the image stream, 2 for text.
 */
const PROCESSOR_KEY = /^(.*?)\.(?:processor\.)?(\w+?)_lora(\d*)\.(down|up)\.weight$/;
const XLABS_STREAMS: Readonly<Record<string, string>> = { '1': 'img_attn', '2': 'txt_attn' };
const NEW_KEY = /^(.*)\.lora(?:_linear_layer)?\.(down|up)\.weight$/;
/**
 * kohya parts on a dotted module path, as ComfyUI's "Extract and Save Lora" writes them
 * (`diffusion_model.input_blocks.0.0.lora_down.weight`, `text_encoders.clip_l.transformer.….lora_up.weight`)
 * and diffusers' converters read them. kohya's own keys (`lora_unet_…`) have no dot before the part.
 */
const DOTTED_KOHYA_KEY = /^(.*\..*)\.lora_(down|up)\.weight$/;
const ALPHA_KEY = /^(.*)\.alpha$/;

export type DiffusersPart = 'down' | 'up' | 'upBias' | 'magnitude' | 'alpha';

export interface DiffusersKey {
  readonly key: string;
  readonly component?: string;
  /** Module path inside the component. */
  readonly module: string;
  readonly part: DiffusersPart | null;
  /** True when the part is an embedding factor (`lora_embedding_A/B`). */
  readonly embedding: boolean;
  /** Which family the key belongs to. */
  readonly family: 'peft' | 'new' | 'processor' | null;
}

/** True for keys only diffusers writes (not PEFT-style ones, which PEFT files share). */
export function isDiffusersOnlyKey(key: string): boolean {
  return PROCESSOR_KEY.test(key) || NEW_KEY.test(key) || DOTTED_KOHYA_KEY.test(key);
}

export function hasComponentPrefix(key: string): boolean {
  const dot = key.indexOf('.');
  return dot > 0 && COMPONENT_SET.has(key.slice(0, dot));
}

export function parseDiffusersKey(key: string): DiffusersKey {
  let component: string | undefined;
  let rest = key;
  const dot = key.indexOf('.');
  if (dot > 0 && COMPONENT_SET.has(key.slice(0, dot))) {
    component = key.slice(0, dot);
    rest = key.slice(dot + 1);
  }
  const base = { key, ...(component ? { component } : {}) };
  const processor = PROCESSOR_KEY.exec(rest);
  if (processor) {
    const [, parent, name, stream, part] = processor;
    const child = name === 'to_out' ? 'to_out.0' : name!;
    const module = !stream
      ? `${parent}.${child}`
      : XLABS_STREAMS[stream]
        ? `${parent}.${XLABS_STREAMS[stream]}.${child}`
        : `${parent}.${child}_lora${stream}`;
    return {
      ...base,
      module,
      part: part as 'down' | 'up',
      embedding: false,
      family: 'processor',
    };
  }
  const modern = NEW_KEY.exec(rest);
  if (modern)
    return { ...base, module: modern[1]!, part: modern[2] as 'down' | 'up', embedding: false, family: 'new' };
  const dotted = DOTTED_KOHYA_KEY.exec(rest);
  if (dotted)
    return { ...base, module: dotted[1]!, part: dotted[2] as 'down' | 'up', embedding: false, family: 'new' };
  const alpha = ALPHA_KEY.exec(rest);
  if (alpha) return { ...base, module: alpha[1]!, part: 'alpha', embedding: false, family: null };
  const peft = parsePeftKey(rest);
  if (peft.part !== null) {
    const part: DiffusersPart | null =
      peft.part === 'lora_A' || peft.part === 'lora_embedding_A'
        ? 'down'
        : peft.part === 'lora_B' || peft.part === 'lora_embedding_B'
          ? peft.suffix === 'bias'
            ? 'upBias'
            : 'up'
          : peft.part === 'lora_magnitude_vector'
            ? 'magnitude'
            : null;
    return {
      ...base,
      module: peft.module,
      part,
      embedding: peft.part === 'lora_embedding_A' || peft.part === 'lora_embedding_B',
      family: 'peft',
    };
  }
  return { ...base, module: rest, part: null, embedding: false, family: null };
}
