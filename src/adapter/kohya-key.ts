// kohya-ss / sd-scripts key names: `<flattened module>.lora_down.weight`, `.lora_up.weight`, `.alpha`.

import { inlineCode } from '../inline-code.js';

/** Components: UNet, text encoders, transformer (Flux, SD3), and Stable Cascade's prior (OneTrainer). */
export const KOHYA_PREFIX = /^lora_(?:unet|te\d*|transformer|prior_unet|prior_te\d*)_/;
/**
 * A component written twice. `lora_transformer_transformer_blocks_0` is not one: diffusers transformers have
 * modules named `transformer_blocks` (OneTrainer writes such keys, diffusers' kohya converter reads them); the
 * doubled form of that module is `lora_transformer_transformer_transformer_blocks_0`.
 */
export const DOUBLED_COMPONENT =
  /^lora_(?:unet_unet_|unet_lora_unet_|te\d*_te\d*_|te\d*_lora_te\d*_|transformer_transformer_(?!blocks_)|transformer_lora_transformer_)/;
const UNDERSCORE_PART = /_(lora_down|lora_up|lora_mid)$/;

export type KohyaPart = 'lora_down' | 'lora_up' | 'lora_mid' | 'alpha' | 'dora_scale';

export interface KohyaKey {
  readonly key: string;
  /** Flattened module name (no dots), e.g. `lora_unet_down_blocks_0_attentions_0_proj_in`. */
  readonly module: string;
  /** The LoRA part, or null for other kohya tensors (LyCORIS hada_/lokr_ ..., or malformed keys). */
  readonly part: KohyaPart | null;
  /** Why the key is malformed, or null. */
  readonly malformed: string | null;
}

const PARTS: Readonly<Record<string, KohyaPart>> = {
  'lora_down.weight': 'lora_down',
  'lora_up.weight': 'lora_up',
  'lora_mid.weight': 'lora_mid',
  alpha: 'alpha',
  dora_scale: 'dora_scale',
};

export function parseKohyaKey(key: string): KohyaKey {
  const dot = key.indexOf('.');
  const module = dot < 0 ? key : key.slice(0, dot);
  const rest = dot < 0 ? '' : key.slice(dot + 1);
  if (DOUBLED_COMPONENT.test(module)) {
    return {
      key,
      module,
      part: PARTS[rest] ?? null,
      malformed: `the component is doubled (${/^lora_[a-z]+\d*_(?:lora_)?[a-z]+\d*_/.exec(module)?.[0] ?? module})`,
    };
  }
  const underscored = UNDERSCORE_PART.exec(module);
  if (underscored && (rest === 'weight' || rest === '')) {
    return {
      key,
      module,
      part: null,
      malformed: `${inlineCode(`_${underscored[1]}`)} is written where ${inlineCode(`.${underscored[1]}`)} belongs`,
    };
  }
  if (module.endsWith('_alpha') && rest === '') {
    return { key, module, part: null, malformed: '`_alpha` is written where `.alpha` belongs' };
  }
  return { key, module, part: PARTS[rest] ?? null, malformed: null };
}
