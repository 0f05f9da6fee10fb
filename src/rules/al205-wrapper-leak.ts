import { hasComponentPrefix } from '../adapter/diffusers-key.js';
import { PEFT_PREFIX, type WrapperSegment } from '../adapter/peft-key.js';
import type { Rule } from './rule.js';
import { examples, isLegitBaseLayer, peftStyleTensors } from './support/peft-keys.js';

const WHY: Readonly<Record<WrapperSegment, string>> = {
  module: 'a DistributedDataParallel `module.` prefix',
  _orig_mod: 'a torch.compile `_orig_mod.` segment',
  _fsdp_wrapped_module: 'an FSDP `_fsdp_wrapped_module.` segment',
  _checkpoint_wrapped_module: 'an activation-checkpointing `_checkpoint_wrapped_module.` segment',
  modules_to_save: "PEFT's in-memory `modules_to_save.<name>.` wrapper",
  original_module: "PEFT's in-memory `original_module.` copy",
  base_layer: 'a `.base_layer.` segment PEFT does not save here',
};

export const wrapperLeak: Rule = {
  id: 'AL205',
  slug: 'wrapper-leak',
  severity: 'error',
  description:
    'Internal wrapper segments (base_layer, modules_to_save, _orig_mod, FSDP, DDP) leaked into saved keys.',
  check({ adapter }, report) {
    const bySegment = new Map<WrapperSegment, string[]>();
    for (const { ref, key } of peftStyleTensors(adapter)) {
      for (const segment of new Set(key.wrappers)) {
        if (segment === 'base_layer' && isLegitBaseLayer(adapter, key)) continue;
        bySegment.set(segment, [...(bySegment.get(segment) ?? []), ref.name]);
      }
    }
    for (const [segment, keys] of bySegment) {
      report({
        file: adapter.tensors.get(keys[0]!)!.file.file,
        tensor: keys[0]!,
        message: `${keys.length} key(s) contain ${WHY[segment]}, e.g. ${examples(keys, 1)}: this is a raw state_dict dump that loaders cannot map; save with save_pretrained / get_peft_model_state_dict instead.`,
        data: { segment, count: keys.length },
      });
    }
    if (adapter.layout === 'diffusers') {
      const leaked = [...adapter.tensors.keys()].filter((name) =>
        inDiffusersKey(name).startsWith(PEFT_PREFIX),
      );
      if (leaked.length > 0) {
        report({
          file: adapter.tensors.get(leaked[0]!)!.file.file,
          tensor: leaked[0]!,
          message: `${leaked.length} key(s) carry PEFT's \`base_model.model.\` wrapper inside a diffusers key, e.g. ${examples(leaked, 1)}: diffusers strips only the component prefix, so these match no module and the LoRA loads nothing; save the unwrapped model's LoRA state dict (get_peft_model_state_dict) under the component prefix.`,
          data: { segment: 'base_model.model', count: leaked.length },
        });
      }
    }
  },
};

/** A diffusers key after its component prefix (`transformer.`, `unet.`, ...), if it has one. */
function inDiffusersKey(name: string): string {
  return hasComponentPrefix(name) ? name.slice(name.indexOf('.') + 1) : name;
}
