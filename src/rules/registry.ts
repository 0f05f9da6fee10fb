// Every rule, in ID order. The engine runs them in this order; reporters list them from here.
import { invalidSafetensors } from './al101-invalid-safetensors.js';
import { lfsPointer } from './al102-lfs-pointer.js';
import { pickleWeights } from './al103-pickle-weights.js';
import { nonFinite } from './al104-non-finite.js';
import { badShardIndex } from './al105-bad-shard-index.js';
import { emptyTensor } from './al106-empty-tensor.js';
import { unsafePath } from './al107-unsafe-path.js';
import { doubledAdapterName } from './al201-doubled-adapter-name.js';
import { adapterNameInKey } from './al202-adapter-name-in-key.js';
import { missingPrefix } from './al203-missing-prefix.js';
import { doubledPrefix } from './al204-doubled-prefix.js';
import { wrapperLeak } from './al205-wrapper-leak.js';
import { unpairedLora } from './al206-unpaired-lora.js';
import { rankMismatch } from './al207-rank-mismatch.js';
import { untargetedModule } from './al208-untargeted-module.js';
import { unexpectedTensor } from './al209-unexpected-tensor.js';
import { unrecognizedLayout } from './al210-unrecognized-layout.js';
import { kohyaKeyFormat } from './al211-kohya-key-format.js';
import { zeroUpdate } from './al301-zero-update.js';
import { noOpAdapter } from './al302-no-op-adapter.js';
import { missingConfig } from './al401-missing-config.js';
import { invalidConfig } from './al402-invalid-config.js';
import { configMismatch } from './al403-config-mismatch.js';
import { misnamedWeights } from './al404-misnamed-weights.js';
import { al501BaseMismatch } from './al501-base-mismatch.js';
import { al502MergeNoOp } from './al502-merge-no-op.js';
import { al503PrecisionLoss } from './al503-precision-loss.js';
import { al504MergedMismatch } from './al504-merged-mismatch.js';
import { al505MergeOverflow } from './al505-merge-overflow.js';
import type { Rule } from './rule.js';

export const RULES: readonly Rule[] = [
  // AL1xx: the file itself
  invalidSafetensors,
  lfsPointer,
  pickleWeights,
  nonFinite,
  badShardIndex,
  emptyTensor,
  unsafePath,
  // AL2xx: tensor names
  doubledAdapterName,
  adapterNameInKey,
  missingPrefix,
  doubledPrefix,
  wrapperLeak,
  unpairedLora,
  rankMismatch,
  untargetedModule,
  unexpectedTensor,
  unrecognizedLayout,
  kohyaKeyFormat,
  // AL3xx: tensor values
  zeroUpdate,
  noOpAdapter,
  // AL4xx: the adapter folder and its config
  missingConfig,
  invalidConfig,
  configMismatch,
  misnamedWeights,
  al501BaseMismatch,
  al502MergeNoOp,
  al503PrecisionLoss,
  al504MergedMismatch,
  al505MergeOverflow,
];

export function findRule(idOrSlug: string): Rule | undefined {
  return RULES.find((r) => r.id === idOrSlug || r.slug === idOrSlug);
}
