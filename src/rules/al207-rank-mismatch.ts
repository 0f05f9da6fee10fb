import { moduleConfig, moduleConfigField, moduleConfigSource } from '../adapter/module-config.js';
import { resolveRank } from '../adapter/scaling.js';
import { tensorInfo } from '../adapter/tensor-info.js';
import type { Adapter, LoraModule } from '../types.js';
import type { Rule } from './rule.js';

export const rankMismatch: Rule = {
  id: 'AL207',
  slug: 'rank-mismatch',
  severity: 'error',
  description:
    'LoRA halves disagree on the rank, the rank differs from the config, or a factor has the wrong number of dimensions.',
  check({ adapter }, report) {
    for (const module of adapter.modules) {
      const problem = rankProblem(adapter, module);
      if (!problem) continue;
      const configName =
        adapter.layout === 'diffusers' && adapter.embeddedConfig
          ? 'lora_adapter_metadata'
          : 'adapter_config.json';
      report({
        file: (module.down ?? module.up)!.file.file,
        tensor: problem.tensor,
        message: `Module ${module.name}: ${problem.text}; re-export the adapter so the factors and ${configName} agree.`,
        data: { module: module.name, ...problem.data },
      });
    }
  },
};

interface RankProblem {
  readonly tensor: string;
  readonly text: string;
  readonly data: Record<string, unknown>;
}

function rankProblem(adapter: Adapter, module: LoraModule): RankProblem | null {
  if (!module.down || !module.up) return null;
  const down = tensorInfo(module.down);
  const up = tensorInfo(module.up);
  // Empty factors (ZeRO-3 saves without gathering) are AL106's finding; their shape says nothing about rank.
  if (!down || !up || down.numel === 0 || up.numel === 0) return null;
  const shape = (dims: readonly number[]) => `[${dims.join(', ')}]`;
  const conv = down.dims.length >= 3;
  const expectedDims = conv ? down.dims.length : 2;
  for (const [ref, info] of [
    [module.down, down],
    [module.up, up],
  ] as const) {
    const okDims = conv ? info.dims.length === expectedDims && expectedDims <= 5 : info.dims.length === 2;
    if (!okDims) {
      return {
        tensor: ref.name,
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
      tensor: module.up.name,
      text: `the halves disagree on the rank: ${module.down.name} has ${rank} rows but ${module.up.name} has ${upRank} columns`,
      data: { downRank: rank, upRank },
    };
  }
  const config = moduleConfig(adapter, module);
  if (config?.peftType !== 'LORA') return null;
  const expected = resolveRank(config, module.name);
  const multipleAllowed = Array.isArray(config.raw.target_parameters);
  const ok = multipleAllowed ? rank % expected === 0 : rank === expected;
  if (ok) return null;
  const field = (name: string) => moduleConfigField(adapter, module, name);
  const source = config.rankPattern.size > 0 ? `${field('r')} / ${field('rank_pattern')}` : field('r');
  const loader = adapter.layout === 'diffusers' ? 'diffusers' : 'PEFT';
  return {
    tensor: module.down.name,
    text: `the tensors have rank ${rank} but ${moduleConfigSource(adapter)} (${source}) says ${expected}, so ${loader} can't load them (size mismatch)`,
    data: { rank, expected },
  };
}
