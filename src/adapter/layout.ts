// Which adapter layout a set of tensor names follows (PEFT, kohya, diffusers), or what was seen instead.
import { inlineCode } from '../inline-code.js';
import type { AdapterLayout } from '../types.js';
import { hasComponentPrefix, isDiffusersOnlyKey } from './diffusers-key.js';
import { KOHYA_PREFIX } from './kohya-key.js';
import { parsePeftKey } from './peft-key.js';

export interface LayoutGuess {
  readonly layout: AdapterLayout;
  /** Short text saying what was seen. */
  readonly note: string;
}

const LOWER_CASE_FACTORS = /\.lora_[ab](?:\.weight)?$/;

export function detectLayout(names: readonly string[], hasConfig: boolean): LayoutGuess {
  if (names.length === 0) {
    return hasConfig
      ? { layout: 'peft', note: 'the weights file holds no tensors' }
      : { layout: 'unrecognized', note: 'the file holds no tensors' };
  }
  let prefixed = 0;
  let loraParts = 0;
  let kohya = 0;
  let diffusersOnly = 0;
  let componentLora = 0;
  for (const name of names) {
    const parsed = parsePeftKey(name);
    if (parsed.prefixCount > 0) prefixed++;
    if (parsed.part !== null) {
      loraParts++;
      if (hasComponentPrefix(name)) componentLora++;
    }
    if (KOHYA_PREFIX.test(name)) kohya++;
    if (isDiffusersOnlyKey(name)) diffusersOnly++;
  }
  const total = names.length;
  if (prefixed > 0)
    return { layout: 'peft', note: `${prefixed} of ${total} keys in PEFT form (base_model.model.)` };
  if (kohya > 0 && kohya >= diffusersOnly) {
    return { layout: 'kohya', note: `${kohya} of ${total} keys in kohya form (lora_unet_/lora_te_)` };
  }
  if (diffusersOnly > 0 || componentLora > 0) {
    return {
      layout: 'diffusers',
      note: `${diffusersOnly + componentLora} of ${total} keys in diffusers form`,
    };
  }
  if (loraParts > 0) {
    return hasConfig
      ? {
          layout: 'peft',
          note: `${loraParts} of ${total} keys with PEFT LoRA parts but no base_model.model. prefix`,
        }
      : {
          layout: 'diffusers',
          note: `${loraParts} of ${total} keys with PEFT-style LoRA parts and no prefix`,
        };
  }
  const examples = names.slice(0, 3).map(inlineCode).join(', ');
  if (names.some((n) => LOWER_CASE_FACTORS.test(n))) {
    return {
      layout: 'unrecognized',
      note: `${total} ${total === 1 ? 'tensor' : 'tensors'} with lower-case lora_a/lora_b names (MLX-LM or torchtune style, e.g. ${examples})`,
    };
  }
  return {
    layout: 'unrecognized',
    note: `${total} ${total === 1 ? 'tensor, not' : 'tensors, none'} in a LoRA key form adapter-lint knows (PEFT lora_A/lora_B, kohya lora_unet_…/lora_te_… with lora_down/lora_up, diffusers lora.down/lora.up or a dotted module path with lora_down/lora_up), e.g. ${examples}`,
  };
}
