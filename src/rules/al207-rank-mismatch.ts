import { moduleConfig, moduleConfigField, moduleConfigSource } from '../adapter/module-config.js';
import { adaloraRank, resolveRank, usesSingularValues } from '../adapter/scaling.js';
import { tensorInfo } from '../adapter/tensor-info.js';
import type { Adapter, LoraModule, TensorRef } from '../types.js';
import type { Rule } from './rule.js';

export const rankMismatch: Rule = {
  id: 'AL207',
  slug: 'rank-mismatch',
  severity: 'error',
  description:
    'LoRA halves disagree on the rank, the rank differs from the config, or a tensor has the wrong shape (a factor, AdaLoRA lora_E, DoRA magnitude or lora_B bias).',
  check({ adapter }, report) {
    const configName =
      adapter.layout === 'diffusers' && adapter.embeddedConfig
        ? 'lora_adapter_metadata'
        : 'adapter_config.json';
    for (const module of adapter.modules) {
      for (const problem of moduleProblems(adapter, module)) {
        report({
          file: problem.ref.file.file,
          tensor: problem.ref.name,
          message: `Module ${module.name}: ${problem.text}; ${problem.fix ?? `re-export the adapter so the factors and ${configName} agree`}.`,
          data: { module: module.name, ...problem.data },
        });
      }
    }
  },
};

interface RankProblem {
  readonly ref: TensorRef;
  readonly text: string;
  /** What to do, when not the default (re-export so factors and config agree). */
  readonly fix?: string;
  readonly data: Record<string, unknown>;
}

const shape = (dims: readonly number[]) => `[${dims.join(', ')}]`;
const sameDims = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

function moduleProblems(adapter: Adapter, module: LoraModule): RankProblem[] {
  const factors = factorProblem(adapter, module);
  if (factors) return [factors];
  // The factors agree (or one is missing, AL206's finding): the extra tensors are measured against them.
  return [singularValuesProblem(adapter, module), magnitudeProblem(module), biasProblem(module)].filter(
    (p): p is RankProblem => p !== null,
  );
}

function factorProblem(adapter: Adapter, module: LoraModule): RankProblem | null {
  if (!module.down || !module.up) return null;
  const down = tensorInfo(module.down);
  const up = tensorInfo(module.up);
  // Empty factors (ZeRO-3 saves without gathering) are AL106's finding; their shape says nothing about rank.
  if (!down || !up || down.numel === 0 || up.numel === 0) return null;
  const conv = down.dims.length >= 3;
  const expectedDims = conv ? down.dims.length : 2;
  for (const [ref, info] of [
    [module.down, down],
    [module.up, up],
  ] as const) {
    const okDims = conv ? info.dims.length === expectedDims && expectedDims <= 5 : info.dims.length === 2;
    if (!okDims) {
      return {
        ref,
        text: `${ref.name} has shape ${shape(info.dims)}, but a LoRA factor is 2-D (${conv ? 'the same number of dimensions as its partner for conv' : '4-D for conv'})`,
        data: { shape: info.dims },
      };
    }
  }
  const rank = down.dims[0]!;
  const upRank = up.dims[1]!;
  // Grouped conv stores r/groups columns in B.
  const halvesAgree = conv ? upRank > 0 && rank % upRank === 0 : rank === upRank;
  if (!halvesAgree) {
    return {
      ref: module.up,
      text: `the halves disagree on the rank: ${module.down.name} has ${rank} rows but ${module.up.name} has ${upRank} columns`,
      data: { downRank: rank, upRank },
    };
  }
  const config = moduleConfig(adapter, module);
  if (!config) return null;
  if (adapter.layout === 'peft' && config.peftType === 'ADALORA') {
    // AdaLoRA ignores r: every module starts at init_r, and a rank_pattern entry (booleans) resizes it.
    const expected = adaloraRank(config, module.name);
    if (expected === undefined || rank === expected.rank) return null;
    const source =
      expected.from === 'rank_pattern' ? 'the true entries of its AdaLoRA rank_pattern' : 'AdaLoRA init_r';
    return {
      ref: module.down,
      text: `the tensors have rank ${rank} but adapter_config.json (${source}) says ${expected.rank}, so PEFT can't load them (size mismatch)`,
      data: { rank, expected: expected.rank },
    };
  }
  if (config.peftType !== 'LORA') return null;
  const expected = resolveRank(config, module.name);
  const multipleAllowed = Array.isArray(config.raw.target_parameters);
  const ok = multipleAllowed ? rank % expected === 0 : rank === expected;
  if (ok) return null;
  const field = (name: string) => moduleConfigField(adapter, module, name);
  const source = config.rankPattern.size > 0 ? `${field('r')} / ${field('rank_pattern')}` : field('r');
  const loader = adapter.layout === 'diffusers' ? 'diffusers' : 'PEFT';
  return {
    ref: module.down,
    text: `the tensors have rank ${rank} but ${moduleConfigSource(adapter)} (${source}) says ${expected}, so ${loader} can't load them (size mismatch)`,
    data: { rank, expected },
  };
}

/** AdaLoRA's lora_E is [r, 1] (`nn.Parameter(torch.randn(r, 1))`), r the rank of lora_A / lora_B. */
function singularValuesProblem(adapter: Adapter, module: LoraModule): RankProblem | null {
  const ref = module.singularValues;
  if (!ref || !usesSingularValues(adapter, module)) return null;
  const info = tensorInfo(ref);
  if (!info || info.numel === 0) return null;
  const down = module.down ? tensorInfo(module.down) : null;
  const up = module.up ? tensorInfo(module.up) : null;
  const rank =
    down && down.numel > 0 && down.dims.length === 2
      ? down.dims[0]!
      : up && up.numel > 0 && up.dims.length === 2
        ? up.dims[1]!
        : undefined;
  const expected = rank === undefined ? null : [rank, 1];
  if (expected ? sameDims(info.dims, expected) : info.dims.length === 2 && info.dims[1] === 1) return null;
  const against = module.down ? 'lora_A rows' : 'lora_B columns';
  return {
    ref,
    text: expected
      ? `${ref.name} has shape ${shape(info.dims)}, but AdaLoRA's singular values are ${shape(expected)} (r = ${rank}, the ${against})`
      : `${ref.name} has shape ${shape(info.dims)}, but AdaLoRA's singular values are [r, 1]`,
    fix: "PEFT can't load it (size mismatch): re-export the adapter with save_pretrained so lora_E matches lora_A and lora_B",
    data: { shape: info.dims, ...(expected ? { expected } : {}) },
  };
}

/** lora_B's bias (PEFT `lora_bias`) holds one value per output feature: [out], out = lora_B rows. */
function biasProblem(module: LoraModule): RankProblem | null {
  const ref = module.upBias;
  if (!ref || !module.up) return null;
  const info = tensorInfo(ref);
  const up = tensorInfo(module.up);
  if (!info || !up || info.numel === 0 || up.numel === 0 || up.dims.length < 2) return null;
  const expected = [up.dims[0]!];
  if (sameDims(info.dims, expected)) return null;
  return {
    ref,
    text: `${ref.name} has shape ${shape(info.dims)}, expected ${shape(expected)}: one value per output feature (lora_B has ${expected[0]} rows)`,
    fix: "PEFT can't load it (size mismatch): re-export the adapter with save_pretrained so the bias matches lora_B",
    data: { shape: info.dims, expected },
  };
}

/**
 * A PEFT DoRA magnitude holds one value per output feature of lora_B (dim 0): [out] for Linear (Conv1D too)
 * and embeddings ([d]), [1, out, 1, 1] for Conv2d (as many dims as lora_B) (reference §2.9). kohya's
 * `dora_scale` follows LyCORIS' own layout and is not judged here.
 */
function magnitudeProblem(module: LoraModule): RankProblem | null {
  const ref = module.magnitude;
  if (!ref || !module.up || !ref.name.includes('lora_magnitude_vector')) return null;
  const info = tensorInfo(ref);
  const up = tensorInfo(module.up);
  if (!info || !up || info.numel === 0 || up.numel === 0 || up.dims.length < 2) return null;
  const out = up.dims[0]!;
  const conv = up.dims.length >= 3;
  const expected = conv ? up.dims.map((_, i) => (i === 1 ? out : 1)) : [out];
  if (sameDims(info.dims, expected)) return null;
  const what =
    module.kind === 'embedding'
      ? `one value per embedding dimension (lora_embedding_B has ${out} rows)`
      : conv
        ? `one value per output channel (lora_B has ${out}), shaped like the conv weight`
        : `one value per output feature (lora_B has ${out} rows)`;
  return {
    ref,
    text: `DoRA magnitude ${ref.name} has shape ${shape(info.dims)}, expected ${shape(expected)}: ${what}`,
    fix: "PEFT can't load it (size mismatch): re-export the adapter with save_pretrained so the magnitude matches its module",
    data: { shape: info.dims, expected },
  };
}
