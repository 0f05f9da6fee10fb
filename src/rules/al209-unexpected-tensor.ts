import type { PeftKey } from '../adapter/peft-key.js';
import { savedModuleEntryFor } from '../adapter/target-match.js';
import type { Adapter } from '../types.js';
import type { Rule } from './rule.js';
import { examples, isEmbeddingModule, peftStyleTensors } from './support/peft-keys.js';

/** Beyond this many, one finding lists examples instead of one finding per tensor. */
const PER_TENSOR_LIMIT = 10;

export const unexpectedTensor: Rule = {
  id: 'AL209',
  slug: 'unexpected-tensor',
  severity: 'warning',
  description:
    'A tensor that is neither a LoRA factor nor allowed by the config (modules_to_save, bias, DoRA, trainable tokens).',
  check({ adapter }, report) {
    if (adapter.layout !== 'peft' || !adapter.config) return;
    const unexpected = peftStyleTensors(adapter).filter(({ key }) => !isExpected(adapter, key));
    if (unexpected.length === 0) return;
    if (unexpected.length <= PER_TENSOR_LIMIT) {
      for (const { ref, key } of unexpected) {
        report({
          file: ref.file.file,
          tensor: ref.name,
          message: `Tensor ${ref.name} is neither a LoRA factor nor allowed by adapter_config.json (${why(adapter, key)}); remove it, or list its module in modules_to_save if it was trained.`,
        });
      }
      return;
    }
    const names = unexpected.map((t) => t.ref.name);
    report({
      file: unexpected[0]!.ref.file.file,
      tensor: names[0]!,
      message: `${names.length} tensors are neither LoRA factors nor allowed by adapter_config.json, e.g. ${examples(names)} (full base weights dumped into the adapter?); save only the adapter with save_pretrained, or list trained modules in modules_to_save.`,
      data: { count: names.length },
    });
  },
};

function why(adapter: Adapter, key: PeftKey): string {
  if (key.part === 'lora_B' && key.suffix === 'bias') return 'lora_bias is false';
  if (key.suffix === 'bias' || key.suffix.endsWith('.bias')) return `bias is "${adapter.config!.bias}"`;
  if (key.suffix.startsWith('token_adapter.')) return 'trainable_token_indices is not set';
  return 'its module is not in modules_to_save';
}

function isExpected(adapter: Adapter, key: PeftKey): boolean {
  const config = adapter.config!;
  // Wrapper leaks and adapter names are AL205 / AL201 / AL202's findings.
  if (key.wrappers.some((w) => w !== 'base_layer')) return true;
  if (key.part !== null) {
    if (key.part === 'lora_B' && key.suffix === 'bias') return config.loraBias;
    if (key.part === 'lora_E') return config.peftType === 'ADALORA';
    return true;
  }
  const path = key.module ? `${key.module}.${key.suffix}` : key.suffix;
  if (key.suffix === 'base_layer.bias') return true;
  if (key.suffix === 'base_layer.weight') return true;
  if (key.wrappers.includes('base_layer')) return true;
  if (key.suffix === 'bias' && config.bias === 'all') return true;
  if (key.suffix === 'token_adapter.trainable_tokens_delta') {
    return config.trainableTokenIndices !== null || config.peftType === 'TRAINABLE_TOKENS';
  }
  if (key.suffix === 'ranknum') return config.peftType === 'ADALORA';
  if (key.suffix === 'lora_diag') return config.raw.kasa_config != null;
  if (savedModuleEntryFor(config, path) !== null) return true;
  // A resized vocabulary makes PEFT save the full embedding matrices (save_embedding_layers).
  if (key.suffix === 'weight' && isEmbeddingModule(adapter, key.module)) return true;
  return false;
}
