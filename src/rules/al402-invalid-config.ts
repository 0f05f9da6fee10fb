import type { Rule } from './rule.js';

export const invalidConfig: Rule = {
  id: 'AL402',
  slug: 'invalid-config',
  severity: 'error',
  description:
    "adapter_config.json (or a diffusers file's lora_adapter_metadata) is not valid JSON, or a field has a wrong type or value.",
  check({ adapter }, report) {
    if (adapter.configFile) {
      for (const error of adapter.configErrors) {
        report({
          file: adapter.configFile,
          message: `${adapter.configFile}: ${error}; fix the file so PEFT can read it.`,
        });
      }
    }
    const embedded = adapter.embeddedConfig;
    if (!embedded) return;
    for (const error of embedded.errors) {
      report({
        file: embedded.file,
        message: `${embedded.file}: the LoRA config in __metadata__["lora_adapter_metadata"]: ${error}; diffusers builds its LoraConfig from it on load, so write the config used in training there (save_lora_weights does).`,
      });
    }
  },
};
