// Understanding adapters: discovery, loading, layouts, key grammars, config and target matching, scaling.
export {
  CONFIG_NAME,
  type ConfigParse,
  LORA_PEFT_TYPES,
  parseAdapterConfig,
  readAdapterConfig,
  TASK_TYPES,
} from './config.js';
export { type DiffusersKey, parseDiffusersKey } from './diffusers-key.js';
export {
  type EmbeddedConfigParse,
  LORA_ADAPTER_METADATA_KEY,
  parseLoraAdapterMetadata,
  readEmbeddedConfig,
} from './diffusers-metadata.js';
export {
  type AdapterPlan,
  type DiscoverOptions,
  type Discovery,
  discoverAdapters,
  LintInputError,
  toRelative,
} from './discover.js';
export { type KohyaKey, parseKohyaKey } from './kohya-key.js';
export { detectLayout, type LayoutGuess } from './layout.js';
export { type LoadedAdapter, loadAdapter } from './load.js';
export { moduleComponents, moduleConfig, moduleConfigField, moduleConfigSource } from './module-config.js';
export { buildModules } from './modules.js';
export {
  canonicalPeftKey,
  isLoraPart,
  LORA_PARTS,
  type LoraPart,
  PEFT_PREFIX,
  type PeftKey,
  parsePeftKey,
  type WrapperSegment,
} from './peft-key.js';
export { compilePythonRegex, PythonRegexError } from './python-regex.js';
export {
  ADALORA_INIT_R,
  adaloraRank,
  moduleScaling,
  resolveAlpha,
  resolveRank,
  usesSingularValues,
} from './scaling.js';
export {
  isExcluded,
  isTargetedModule,
  layerIndexOf,
  listEntryMatches,
  savedModuleEntryFor,
  taskHeads,
  unusedTargetEntries,
} from './target-match.js';
export { tensorInfo } from './tensor-info.js';
