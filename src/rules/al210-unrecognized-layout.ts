import type { Rule } from './rule.js';

export const unrecognizedLayout: Rule = {
  id: 'AL210',
  slug: 'unrecognized-layout',
  severity: 'note',
  description:
    'The tensors match no known adapter layout (PEFT, kohya, diffusers), so key rules were skipped.',
  check({ adapter }, report) {
    if (adapter.layout !== 'unrecognized') return;
    const file = adapter.weights.find((w) => w.header !== null)?.file;
    report({
      ...(file ? { file } : {}),
      message: `No known adapter layout (PEFT, kohya, diffusers) matches: ${adapter.layoutNote}; key checks were skipped; if a LoRA loader must read this file, convert it to PEFT, kohya or diffusers format.`,
    });
  },
};
