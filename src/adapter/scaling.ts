// Per-module rank, alpha and scaling factor, resolved as PEFT (reference §4.1), kohya and diffusers do it.
import type { Adapter, AdapterConfig, LoraModule } from '../types.js';
import { moduleConfig } from './module-config.js';
import { testModuleName } from './python-regex.js';
import { cachedPattern } from './target-match.js';

/** First key (in dict order) whose `(.*\.)?KEY$` matches the module name from the start. */
function resolvePattern(patterns: ReadonlyMap<string, number>, moduleName: string): number | undefined {
  for (const [key, value] of patterns) {
    const regex = cachedPattern(key, 'suffix');
    if (regex && testModuleName(regex, moduleName)) return value;
  }
  return undefined;
}

/** `rank_pattern` entry for the module, else `r`. `moduleName` has no `base_model.model.` prefix. */
export function resolveRank(config: AdapterConfig, moduleName: string): number {
  return resolvePattern(config.rankPattern, moduleName) ?? config.r;
}

/** `alpha_pattern` entry for the module, else `lora_alpha` (searched independently of `rank_pattern`). */
export function resolveAlpha(config: AdapterConfig, moduleName: string): number {
  return resolvePattern(config.alphaPattern, moduleName) ?? config.loraAlpha;
}

/**
 * The factor s in ΔW = s·B·A. With a LoRA config (PEFT: adapter_config.json; diffusers: the module's component
 * in `lora_adapter_metadata`): alpha/r, or alpha/sqrt(r) with use_rslora, r and alpha resolved through
 * rank_pattern / alpha_pattern as PEFT matches them. Without one (kohya, older diffusers files): alpha/rank
 * with the `.alpha` tensor; a missing or zero alpha means alpha = rank (s = 1).
 */
export function moduleScaling(adapter: Adapter, module: LoraModule): number {
  const config = moduleConfig(adapter, module);
  if (config) {
    const r = resolveRank(config, module.name);
    const alpha = resolveAlpha(config, module.name);
    return config.useRslora ? alpha / Math.sqrt(r) : alpha / r;
  }
  const rank = module.rank;
  const alpha = module.alphaValue;
  if (rank === undefined || rank <= 0 || alpha === undefined || alpha === 0 || !Number.isFinite(alpha))
    return 1;
  return alpha / rank;
}
