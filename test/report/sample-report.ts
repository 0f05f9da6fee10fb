// A hand-built report covering every severity, a tensor-less finding, a run-level finding and merge stats.
import type { Finding, LintReport } from '../../src/types.js';

export const doubledName: Finding = {
  ruleId: 'AL201',
  slug: 'doubled-adapter-name',
  severity: 'error',
  file: 'loras/broken/adapter_model.safetensors',
  tensor: 'base_model.model.model.layers.0.self_attn.q_proj.lora_A.default.default.weight',
  message: 'The key carries the adapter name twice: PEFT will report every tensor as missing.',
};
export const zeroUpdate: Finding = {
  ruleId: 'AL301',
  slug: 'zero-update',
  severity: 'warning',
  file: 'loras/broken/adapter_model.safetensors',
  tensor: 'base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight',
  message: 'lora_B is all zeros: this module does nothing.',
  data: { zeros: 64, big: 2n ** 70n, small: 12n },
};
export const unrecognized: Finding = {
  ruleId: 'AL210',
  slug: 'unrecognized-layout',
  severity: 'note',
  file: 'loras/odd file #1.safetensors',
  message: 'No known layout: saw 3 tensors named like "weight_0".',
};
export const baseProblem: Finding = {
  ruleId: 'AL101',
  slug: 'invalid-safetensors',
  severity: 'error',
  file: 'base/model.safetensors',
  message: 'Header length 120000000 is over the limit of 100000000 bytes.',
};

export function sampleReport(overrides: Partial<LintReport> = {}): LintReport {
  return {
    version: 1,
    tool: { name: 'adapter-lint', version: '9.8.7' },
    adapters: [
      { path: 'loras/good', layout: 'peft', modules: 4, findings: [] },
      { path: 'loras/odd file #1.safetensors', layout: 'unrecognized', modules: 0, findings: [unrecognized] },
      { path: 'loras/broken', layout: 'peft', modules: 1, findings: [zeroUpdate, doubledName] },
    ],
    findings: [doubledName, baseProblem, zeroUpdate, unrecognized],
    merge: [
      {
        adapter: 'loras/good',
        module: 'model.layers.0.self_attn.q_proj',
        baseTensor: 'model.layers.0.self_attn.q_proj.weight',
        scale: 2,
        updateNorm: 0.5,
        baseNorm: 1.25,
        ratio: 0.4,
        roundingLoss: 0.0125,
        mergedVerdict: 'ok',
      },
    ],
    files: 5,
    notices: [],
    ...overrides,
  };
}

export const emptyReport: LintReport = {
  version: 1,
  tool: { name: 'adapter-lint', version: '9.8.7' },
  adapters: [],
  findings: [],
  merge: [],
  files: 0,
  notices: [],
};
