import type { Rule } from './rule.js';

export const missingConfig: Rule = {
  id: 'AL401',
  slug: 'missing-config',
  severity: 'error',
  description: 'PEFT-layout weights with no adapter_config.json beside them.',
  check({ adapter }, report) {
    if (adapter.layout !== 'peft' || adapter.configFile !== null) return;
    const file = adapter.weights[0]?.file ?? adapter.path;
    report({
      file,
      message: `${file} holds PEFT-layout weights but there is no adapter_config.json beside it, so PEFT can't load it; save the config with the weights (model.save_pretrained writes both).`,
    });
  },
};
