// Public API of the strict streaming safetensors reader.

export { decodeBits, decodeToFloat32 } from './decode.js';
export { DTYPES, dtypeBits, isDecodableDtype, isFloatDtype } from './dtypes.js';
export { SafetensorsError, type SafetensorsErrorCode } from './errors.js';
export { DEFAULT_CHUNK_BYTES, openSafetensors, type SafetensorsFile } from './file.js';
export { MAX_HEADER_SIZE, parseHeader } from './header.js';
export { isInside, type ResolvedPath, resolveInsideRoot } from './safe-path.js';
export { createScanner, scanBytes, type TensorScanner } from './scan.js';
export {
  badShardName,
  readShardIndex,
  SHARD_INDEX_LIMITS,
  type ShardIndex,
  type ShardIndexProblem,
  type ShardIndexProblemCode,
  type ShardInfo,
} from './shard-index.js';
export { sniffBytes, sniffFile } from './sniff.js';
export type { Dtype, FileKind, SafetensorsHeader, TensorInfo, TensorStats } from './types.js';
