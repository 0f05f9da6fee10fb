import { tensorInfo } from '../adapter/tensor-info.js';
import type { Rule } from './rule.js';

export const emptyTensor: Rule = {
  id: 'AL106',
  slug: 'empty-tensor',
  severity: 'warning',
  description:
    'A LoRA tensor has zero elements (a symptom of saving under DeepSpeed ZeRO-3 without gathering).',
  check({ adapter }, report) {
    if (adapter.layout === 'unrecognized' || adapter.layout === 'none') return;
    for (const ref of adapter.tensors.values()) {
      const info = tensorInfo(ref);
      if (info?.numel !== 0) continue;
      report({
        file: ref.file.file,
        tensor: ref.name,
        message: `Tensor ${ref.name} has shape [${info.dims.join(', ')}] with no elements, as when saving under DeepSpeed ZeRO-3 without gathering; save again with stage3_gather_16bit_weights_on_model_save (or the gathered state dict).`,
        data: { shape: info.dims },
      });
    }
  },
};
