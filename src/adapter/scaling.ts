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

/** AdaLoraConfig's default `init_r`: the rank every AdaLoRA module starts with. */
export const ADALORA_INIT_R = 12;

/**
 * Whether a module's `lora_E` takes part in its update, ΔW = B·(A⊙E): it has one, and the config does not
 * say plain LoRA (PEFT's LoRA ignores a `lora_E`, AL209 reports it); without a usable config the tensors are
 * taken at their word.
 */
export function usesSingularValues(adapter: Adapter, module: LoraModule): boolean {
  return (
    module.singularValues !== undefined && adapter.layout === 'peft' && adapter.config?.peftType !== 'LORA'
  );
}

/**
 * The rank PEFT gives an AdaLoRA module on load: with a `rank_pattern` entry for it (one boolean per initial
 * singular value, `RankAllocator.mask_to_budget`), the number of `true`s (`resize_modules_by_rank_pattern`);
 * else `init_r` (default 12). AdaLoRA ignores `r`. The entry's key is a parameter name of the wrapped model,
 * `model.layers.0.self_attn.q_proj.lora_E.default`; a bare module name is accepted too. Undefined when the
 * config can't tell: `rank_pattern` has entries but none for this module, or `init_r` is not a positive integer.
 */
export function adaloraRank(
  config: AdapterConfig,
  moduleName: string,
): { readonly rank: number; readonly from: 'rank_pattern' | 'init_r' } | undefined {
  const pattern = config.raw.rank_pattern;
  if (pattern !== null && typeof pattern === 'object' && !Array.isArray(pattern)) {
    const entries = Object.entries(pattern as Record<string, unknown>);
    for (const [key, value] of entries) {
      if (Array.isArray(value) && adaloraPatternModule(key) === moduleName) {
        return { rank: value.filter((kept) => kept === true).length, from: 'rank_pattern' };
      }
    }
    if (entries.length > 0) return undefined;
  }
  const initR = config.raw.init_r ?? ADALORA_INIT_R;
  return typeof initR === 'number' && Number.isInteger(initR) && initR > 0
    ? { rank: initR, from: 'init_r' }
    : undefined;
}

/** The module an AdaLoRA `rank_pattern` key names (PEFT drops `lora_E.<adapter>` from the parameter name). */
function adaloraPatternModule(key: string): string {
  const name = key.startsWith('base_model.model.') ? key.slice('base_model.model.'.length) : key;
  const at = name.indexOf('.lora_E');
  if (at >= 0 && (name.length === at + 7 || name[at + 7] === '.')) return name.slice(0, at);
  return name;
}

/**
 * The factor s in ΔW = s·B·A. With a LoRA config (PEFT: adapter_config.json; diffusers: the module's component
 * in `lora_adapter_metadata`): alpha/r, or alpha/sqrt(r) with use_rslora, r and alpha resolved through
 * rank_pattern / alpha_pattern as PEFT matches them. AdaLoRA (`SVDLinear.get_delta_weight`):
 * ΔW = B·(A⊙E)·scaling/(ranknum + 1e-5), where scaling is lora_alpha itself (r when alpha ≤ 0) and ranknum is
 * the module's current rank (its tensors' rank; ranknum is not saved): s = scaling/(r + 1e-5), E folded into A
 * by the caller. Without a config (kohya, older diffusers files): alpha/rank with the `.alpha` tensor; a
 * missing or zero alpha means alpha = rank (s = 1).
 */
export function moduleScaling(adapter: Adapter, module: LoraModule): number {
  const config = moduleConfig(adapter, module);
  if (adapter.layout === 'peft' && config?.peftType === 'ADALORA') {
    const r = module.rank ?? adaloraRank(config, module.name)?.rank ?? ADALORA_INIT_R;
    const scaling = config.loraAlpha > 0 ? config.loraAlpha : r;
    return scaling / (r + 1e-5);
  }
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
