import type { Rule } from './rule.js';
import { examples } from './support/peft-keys.js';
import { extraTensors, moduleUpdateVerdict, zeroCause } from './support/zero-update.js';

export const noOpAdapter: Rule = {
  id: 'AL302',
  slug: 'no-op-adapter',
  severity: 'error',
  description: "Every module's update is zero: the adapter does nothing.",
  check({ adapter }, report) {
    const file = adapter.weights.find((w) => w.header !== null)?.file;
    if (!file) return;
    if (adapter.tensors.size === 0 && adapter.layout === 'peft') {
      report({
        file,
        message: `${file} holds no tensors, so the adapter does nothing (a known result of overriding model.state_dict before save_pretrained); save the trained adapter again.`,
      });
      return;
    }
    if (adapter.modules.length === 0) return;
    if (!adapter.modules.every((m) => moduleUpdateVerdict(adapter, m) === 'zero')) return;
    // Full replacement tensors (modules_to_save, biases, trainable tokens) still change the model.
    const extras = extraTensors(adapter);
    if (extras.length > 0) return;
    const found = adapter.modules.map((m) => zeroCause(adapter, m));
    // No cause: an AdaLoRA module without lora_E (PEFT leaves E at zero).
    const causes = new Set(found.map((c) => c?.kind ?? 'missing-e'));
    const orthogonal = found.some((c) => c?.kind === 'product' && c.orthogonalInit);
    const what = causes.has('factor')
      ? 'an all-zero factor'
      : causes.has('product')
        ? 'factors whose product is zero'
        : 'no lora_E';
    const hint = [
      causes.has('factor') ? 'under DeepSpeed ZeRO-3, gather the weights first' : null,
      causes.has('product')
        ? orthogonal
          ? 'factors as init_lora_weights="orthogonal" creates them were never trained'
          : 'the factors cancel each other out'
        : null,
      causes.has('scaling') ? 'lora_alpha 0 scales every update to zero' : null,
      causes.has('missing-e') ? 'save lora_E with the factors: without it PEFT keeps AdaLoRA at zero' : null,
    ].filter((h) => h !== null);
    report({
      file,
      message: `${adapter.modules.length === 1 ? 'The only module' : `Every one of the ${adapter.modules.length} modules`} in ${file} has a zero update (${causes.size > 1 ? 'zero factors, zero products or zero scaling' : causes.has('scaling') ? 'a scaling of 0' : what}; e.g. ${examples(
        adapter.modules.map((m) => m.name),
        1,
      )}), so the adapter does nothing and merge_and_unload() returns the base model unchanged; save the adapter from the trained model (${hint.join('; ')}).`,
      data: { modules: adapter.modules.length },
    });
  },
};
