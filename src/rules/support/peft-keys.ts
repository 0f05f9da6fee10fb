// PEFT-style keys of an adapter, parsed once per adapter (PEFT layout, and diffusers files that use lora_A/lora_B).

import { hasComponentPrefix } from '../../adapter/diffusers-key.js';
import { type PeftKey, parsePeftKey } from '../../adapter/peft-key.js';
import { inlineCode } from '../../inline-code.js';
import type { Adapter, TensorRef } from '../../types.js';

export interface ParsedTensor {
  readonly ref: TensorRef;
  readonly key: PeftKey;
}

const cache = new WeakMap<Adapter, readonly ParsedTensor[]>();

/** Every tensor of a PEFT-layout adapter; for diffusers, the PEFT-style tensors (component prefix removed). */
export function peftStyleTensors(adapter: Adapter): readonly ParsedTensor[] {
  let parsed = cache.get(adapter);
  if (!parsed) {
    parsed = [];
    if (adapter.layout === 'peft') {
      parsed = [...adapter.tensors.values()].map((ref) => ({ ref, key: parsePeftKey(ref.name) }));
    } else if (adapter.layout === 'diffusers') {
      parsed = [...adapter.tensors.values()]
        .map((ref) => {
          const name = hasComponentPrefix(ref.name) ? ref.name.slice(ref.name.indexOf('.') + 1) : ref.name;
          return { ref, key: parsePeftKey(name) };
        })
        .filter((t) => t.key.part !== null);
    }
    cache.set(adapter, parsed);
  }
  return parsed;
}

/** Adapter names left by LoRA parts or trainable tokens (a modules_to_save name is AL205's business). */
export function leftoverNames(key: PeftKey): readonly string[] {
  return key.wrappers.includes('modules_to_save') ? key.adapterNames.slice(1) : key.adapterNames;
}

const EMBEDDING_NAME =
  /(^|\.)(embed_tokens|lm_head|wte|wpe|embed_in|embed_out|word_embeddings|shared|tok_embeddings|output|embeddings|embedding)$/;

/** A module whose full weight PEFT may save (save_embedding_layers, resized vocabulary). */
export function isEmbeddingModule(adapter: Adapter, module: string): boolean {
  return (
    EMBEDDING_NAME.test(module) || adapter.modules.some((m) => m.name === module && m.kind === 'embedding')
  );
}

/** `base_layer` inside a key PEFT itself writes: bias with bias=all/lora_only, embedding weights, target_parameters. */
export function isLegitBaseLayer(adapter: Adapter, key: PeftKey): boolean {
  const config = adapter.config;
  if (key.part !== null) {
    // nn.MultiheadAttention: PEFT wraps out_proj inside the MHA layer, so its LoRA is saved under
    // `<mha>.base_layer.out_proj.lora_A.weight` (LL `MultiheadAttention.update_layer`).
    if (/\.base_layer\.out_proj\.lora_[AB]\./.test(key.key)) return true;
    return config === null || Array.isArray(config.raw.target_parameters);
  }
  if (key.suffix === 'base_layer.bias') return config === null || config.bias !== 'none';
  if (key.suffix === 'base_layer.weight') return isEmbeddingModule(adapter, key.module);
  return false;
}

/** Shorten a list of names for a message. */
export function examples(names: readonly string[], count = 2): string {
  const shown = names.slice(0, count).map(inlineCode);
  return names.length > count ? `${shown.join(', ')} and ${names.length - count} more` : shown.join(', ');
}

export function tensorFile(adapter: Adapter, name: string): string | undefined {
  return adapter.tensors.get(name)?.file.file;
}

/**
 * The module PEFT targeted to create a LoRA tensor: for a key nested under `.base_layer.` (MHA out_proj,
 * a second target_parameters entry on the same module) it is the wrapping module before the first
 * `base_layer`, whose own name target_modules selected; otherwise the module itself.
 */
export function targetedOwner(module: { readonly name: string }, ref: TensorRef | undefined): string {
  const name = ref?.name;
  const at = name ? name.indexOf('.base_layer.') : -1;
  if (!name || at < 0) return module.name;
  const owner = parsePeftKey(`${name.slice(0, at)}.lora_A.weight`).module;
  return owner === '' ? module.name : owner;
}
