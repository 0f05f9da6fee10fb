import type { Rule } from './rule.js';

export const misnamedWeights: Rule = {
  id: 'AL404',
  slug: 'misnamed-weights',
  severity: 'error',
  description: 'An adapter_config.json whose folder has no adapter_model.safetensors / adapter_model.bin.',
  check({ adapter }, report) {
    if (adapter.misnamedWeights === undefined) return;
    const others = adapter.misnamedWeights;
    const file = adapter.configFile ?? adapter.path;
    report({
      file,
      message:
        others.length > 0
          ? `${adapter.path} has adapter_config.json but no adapter_model.safetensors; the weights are saved as ${others.join(', ')}, which PEFT never looks for, so rename the file to adapter_model.safetensors.`
          : `${adapter.path} has adapter_config.json but no adapter_model.safetensors or adapter_model.bin, so PEFT finds no weights; add the weights file saved with the config.`,
      data: { weights: others },
    });
  },
};
