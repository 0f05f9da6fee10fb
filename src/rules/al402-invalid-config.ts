import type { Rule } from './rule.js';

export const invalidConfig: Rule = {
  id: 'AL402',
  slug: 'invalid-config',
  severity: 'error',
  description: 'adapter_config.json is not valid JSON, or a field has a wrong type or value.',
  check({ adapter }, report) {
    if (!adapter.configFile) return;
    for (const error of adapter.configErrors) {
      report({
        file: adapter.configFile,
        message: `${adapter.configFile}: ${error}; fix the file so PEFT can read it.`,
      });
    }
  },
};
