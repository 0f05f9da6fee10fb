import type { Rule } from './rule.js';
import { examples } from './support/peft-keys.js';
import { extraTensors, moduleUpdateVerdict } from './support/zero-update.js';

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
    report({
      file,
      message: `Every one of the ${adapter.modules.length} modules in ${file} has an all-zero update (e.g. ${examples(
        adapter.modules.map((m) => m.name),
        1,
      )}), so the adapter does nothing and merge_and_unload() returns the base model unchanged; save the adapter from the trained model (under DeepSpeed ZeRO-3, gather the weights first).`,
      data: { modules: adapter.modules.length },
    });
  },
};
