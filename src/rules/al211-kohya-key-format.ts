import { parseKohyaKey } from '../adapter/kohya-key.js';
import { tensorInfo } from '../adapter/tensor-info.js';
import type { Rule } from './rule.js';
import { examples } from './support/peft-keys.js';

export const kohyaKeyFormat: Rule = {
  id: 'AL211',
  slug: 'kohya-key-format',
  severity: 'error',
  description:
    'A kohya-style file with malformed keys (doubled component, _lora_down, non-scalar alpha) or missing alphas.',
  check({ adapter }, report) {
    if (adapter.layout !== 'kohya') return;
    const byReason = new Map<string, string[]>();
    for (const name of adapter.tensors.keys()) {
      const key = parseKohyaKey(name);
      if (key.malformed === null) continue;
      const reason = key.malformed.replace(/\(.*\)$/, '').trim();
      byReason.set(reason, [...(byReason.get(reason) ?? []), name]);
    }
    for (const [reason, keys] of byReason) {
      report({
        file: adapter.tensors.get(keys[0]!)!.file.file,
        tensor: keys[0]!,
        message: `${keys.length === 1 ? '1 kohya key is' : `${keys.length} kohya keys are`} malformed: ${reason}, e.g. ${examples(keys, 1)}; no kohya loader can match them, so regenerate the file with a working converter.`,
        data: { count: keys.length },
      });
    }
    const missingAlpha: string[] = [];
    for (const module of adapter.modules) {
      if (!module.alphaTensor) {
        if (module.down && module.up) missingAlpha.push(module.name);
        continue;
      }
      const info = tensorInfo(module.alphaTensor);
      if (info && (info.numel !== 1 || info.dims.length > 1)) {
        report({
          file: module.alphaTensor.file.file,
          tensor: module.alphaTensor.name,
          message: `${module.alphaTensor.name} has shape [${info.dims.join(', ')}] but kohya's alpha is a scalar; save it as a 0-dim tensor holding the alpha value.`,
          data: { shape: info.dims },
        });
      }
    }
    if (missingAlpha.length > 0) {
      report({
        file: adapter.weights.find((w) => w.header !== null)?.file ?? adapter.path,
        severity: 'warning',
        message: `${missingAlpha.length} of ${adapter.modules.length} kohya ${adapter.modules.length === 1 ? 'module has' : missingAlpha.length === 1 ? 'modules has' : 'modules have'} no .alpha tensor, e.g. ${examples(missingAlpha, 1)}: loaders then assume alpha = rank (scale 1); add the .alpha values used in training.`,
        data: { count: missingAlpha.length },
      });
    }
  },
};
