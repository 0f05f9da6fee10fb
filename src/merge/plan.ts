// Main-thread planning: each adapter module → its base tensor (and merged tensor), shapes checked, the
// update's layout against the stored weight decided. What cannot be planned becomes a stats entry.
import { moduleConfig } from '../adapter/module-config.js';
import { moduleScaling, usesSingularValues } from '../adapter/scaling.js';
import type { Adapter, LoraModule, ModuleMergeStats, TensorRef } from '../types.js';
import type { BaseNameResolver } from './base-names.js';
import { modulePathFromKey } from './base-names.js';
import type { Checkpoint, CheckpointTensor } from './checkpoint.js';
import { isWeightDtype, type WeightDtype } from './float-formats.js';
import type { ModuleWork, TensorLocation } from './task-types.js';

export type ModulePlan =
  | { readonly kind: 'work'; readonly work: ModuleWork; readonly stats: ModuleMergeStats }
  | { readonly kind: 'done'; readonly stats: ModuleMergeStats };

export interface PlanInputs {
  readonly base: Checkpoint;
  readonly baseNames: BaseNameResolver;
  readonly merged: Checkpoint | null;
  readonly mergedNames: BaseNameResolver | null;
}

interface Layout {
  readonly rows: number;
  readonly cols: number;
  readonly transposed: boolean;
  readonly conv: boolean;
}

const shapeText = (dims: readonly number[]) => `[${dims.join(', ')}]`;
const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/**
 * `conv1dModel`: other modules of this adapter proved the base stores its Linear weights transposed
 * (transformers' Conv1D, GPT-2): a square weight, whose shape can't tell, is taken as transposed too. PEFT
 * forces fan_in_fan_out on for every Conv1D target whatever the saved config says (reference §4.3).
 */
export function planModule(
  adapter: Adapter,
  module: LoraModule,
  inputs: PlanInputs,
  conv1dModel = false,
): ModulePlan | null {
  const down = tensorOf(module.down);
  const up = tensorOf(module.up);
  if (!module.down || !module.up || !down || !up) return null;
  let scale: number;
  try {
    scale = moduleScaling(adapter, module);
  } catch {
    scale = 1;
  }
  const blank: ModuleMergeStats = {
    adapter: adapter.path,
    module: module.name,
    baseTensor: null,
    scale,
    updateNorm: Number.NaN,
    baseNorm: Number.NaN,
    ratio: Number.NaN,
  };
  const rank = down.dims[0] ?? 0;
  if (down.dims.length < 2 || up.dims.length < 2 || (up.dims[1] ?? -1) !== rank || rank === 0) {
    return {
      kind: 'done',
      stats: {
        ...blank,
        skipped: `lora_A ${shapeText(down.dims)} and lora_B ${shapeText(up.dims)} do not form a rank-r pair`,
      },
    };
  }
  if (!isWeightDtype(down.dtype) || !isWeightDtype(up.dtype)) {
    return {
      kind: 'done',
      stats: { ...blank, skipped: `LoRA factors of dtype ${down.dtype} are not merged` },
    };
  }
  // AdaLoRA: ΔW = B·(A⊙E)·s, E [r, 1] folded into A when the factors are prepared.
  const singularValues = usesSingularValues(adapter, module) ? tensorOf(module.singularValues) : null;
  if (!singularValues && adapter.layout === 'peft' && adapter.config?.peftType === 'ADALORA') {
    return { kind: 'done', stats: { ...blank, skipped: 'AdaLoRA module without lora_E' } };
  }
  if (singularValues && (product(singularValues.dims) !== rank || !isWeightDtype(singularValues.dtype))) {
    return {
      kind: 'done',
      stats: {
        ...blank,
        skipped: `lora_E ${shapeText(singularValues.dims)} (${singularValues.dtype}) does not hold one float per rank of lora_A ${shapeText(down.dims)}`,
      },
    };
  }

  // PEFT target_parameters (MoE experts, ParamWrapper): the update lands on a parameter such as
  // `mlp.experts.down_proj` ([E, in, out]), per expert, with A and B interleaving the experts differently.
  const parameterTarget = targetParameter(adapter, module);
  if (parameterTarget) {
    return {
      kind: 'done',
      stats: {
        ...blank,
        skipped: `a target_parameters module (${parameterTarget}): per-expert merges are not checked yet`,
      },
    };
  }

  const paths = [module.name];
  if (module.component) paths.push(`${module.component}.${module.name}`);
  paths.push(modulePathFromKey(module.down.name));
  const found = inputs.baseNames.resolve(paths);
  if (!found) {
    return {
      kind: 'done',
      stats: {
        ...blank,
        baseMismatch: `no weight for ${module.name} in the base checkpoint ${inputs.base.display}`,
      },
    };
  }
  const baseTensor = inputs.base.tensors.get(found.name)!;
  const withBase = {
    ...blank,
    baseTensor: found.name,
    baseFile: baseTensor.file,
    baseDtype: baseTensor.info.dtype,
  };
  const baseDtype = baseTensor.info.dtype;
  if (!isWeightDtype(baseDtype)) {
    return {
      kind: 'done',
      stats: {
        ...withBase,
        baseMismatch: `base weight ${found.name} has dtype ${baseDtype} (quantized or not a float): it can't be merged`,
      },
    };
  }
  const embedding = module.kind === 'embedding' || module.down.name.includes('lora_embedding_A');
  const fanInFanOut = moduleConfig(adapter, module)?.fanInFanOut ?? false;
  const layout = fitLayout(baseTensor.info.dims, down.dims, up.dims, embedding, fanInFanOut || conv1dModel);
  if (typeof layout === 'string') {
    return {
      kind: 'done',
      stats: { ...withBase, baseMismatch: `${found.name} ${shapeText(baseTensor.info.dims)}: ${layout}` },
    };
  }

  let dora: ModuleWork['dora'] = 'none';
  const magnitude = module.magnitude ? tensorOf(module.magnitude) : null;
  if (magnitude) dora = layout.transposed ? 'columns' : 'rows';
  if (magnitude && product(magnitude.dims) !== (dora === 'columns' ? layout.cols : layout.rows)) {
    return {
      kind: 'done',
      stats: {
        ...withBase,
        baseMismatch: `DoRA magnitude ${shapeText(magnitude.dims)} does not match ${found.name} ${shapeText(baseTensor.info.dims)}`,
      },
    };
  }

  let merged: ModuleWork['merged'];
  let stats: ModuleMergeStats = {
    ...withBase,
    orientation: layout.transposed ? 'transposed' : 'normal',
    dora: dora !== 'none',
  };
  if (inputs.merged && inputs.mergedNames) {
    const mergedFound = inputs.merged.tensors.has(found.name)
      ? { name: found.name }
      : inputs.mergedNames.resolve(paths);
    const mergedTensor = mergedFound ? inputs.merged.tensors.get(mergedFound.name)! : null;
    const problem = mergedProblem(mergedTensor, baseTensor, found.name);
    if (problem) {
      stats = {
        ...stats,
        mergedTensor: mergedTensor?.name,
        mergedFile: mergedTensor?.file,
        mergedVerdict: 'mismatch',
        mergedDetail: problem,
      };
    } else if (mergedTensor) {
      merged = { ...location(mergedTensor), dtype: mergedTensor.info.dtype as WeightDtype };
      stats = { ...stats, mergedTensor: mergedTensor.name, mergedFile: mergedTensor.file };
    }
  }

  const work: ModuleWork = {
    key: `${adapter.path}\0${module.name}`,
    down: locationOfRef(module.down, down),
    up: locationOfRef(module.up, up),
    magnitude: magnitude && module.magnitude ? locationOfRef(module.magnitude, magnitude) : undefined,
    singularValues:
      singularValues && module.singularValues
        ? locationOfRef(module.singularValues, singularValues)
        : undefined,
    scale,
    transposed: layout.transposed,
    rank,
    rows: layout.rows,
    cols: layout.cols,
    base: { ...location(baseTensor), dtype: baseDtype },
    merged,
    conv: layout.conv,
    dora,
  };
  return { kind: 'work', work, stats };
}

function tensorOf(ref: TensorRef | undefined) {
  return ref ? (ref.file.header?.tensors.get(ref.name) ?? null) : null;
}

function location(tensor: CheckpointTensor): TensorLocation {
  const { start, byteLength, dtype, dims } = tensor.info;
  return { path: tensor.path, start, byteLength, dtype, dims };
}

function locationOfRef(ref: TensorRef, info: NonNullable<ReturnType<typeof tensorOf>>): TensorLocation {
  return {
    path: ref.file.absPath,
    start: info.start,
    byteLength: info.byteLength,
    dtype: info.dtype,
    dims: info.dims,
  };
}

/** How ΔW lies against the stored weight, or why it can't. A: [r, in, k...], B: [out, r, 1...]. */
export function fitLayout(
  w: readonly number[],
  a: readonly number[],
  b: readonly number[],
  embedding: boolean,
  fanInFanOut: boolean,
): Layout | string {
  const aCols = product(a.slice(1));
  const bRows = b[0]!;
  if (product(b.slice(2)) !== 1) return `lora_B ${shapeText(b)} has a kernel larger than 1`;
  if (w.length >= 3) {
    const rows = w[0]!;
    const cols = product(w.slice(1));
    const kernelOk =
      a.length === w.length ? a.slice(1).every((d, i) => d === w[i + 1]) : product(w.slice(2)) === 1;
    if (bRows !== rows) return `lora_B has ${bRows} rows, the conv weight has ${rows} output channels`;
    if (!kernelOk || aCols !== cols)
      return `lora_A ${shapeText(a)} does not fit the conv weight's input and kernel`;
    return { rows, cols, transposed: false, conv: true };
  }
  if (w.length !== 2) return `a ${w.length}-D base weight can't take a LoRA update`;
  if (product(a.slice(2)) !== 1) return `lora_A ${shapeText(a)} is a conv kernel, the base weight is 2-D`;
  const [p, q] = w as [number, number];
  const normal = bRows === p && aCols === q;
  const transposed = aCols === p && bRows === q;
  if (embedding) {
    if (transposed) return { rows: p, cols: q, transposed: true, conv: false };
    return `embedding update needs lora_embedding_A [r, ${p}] and lora_embedding_B [${q}, r]; got A ${shapeText(a)}, B ${shapeText(b)}`;
  }
  // Square: the shapes fit both ways, the config (or the model, see planModule) decides.
  if (normal && transposed) return { rows: p, cols: q, transposed: fanInFanOut, conv: false };
  if (normal) return { rows: p, cols: q, transposed: false, conv: false };
  if (transposed) return { rows: p, cols: q, transposed: true, conv: false };
  return `lora_B rows (${bRows}) vs out features and lora_A columns (${aCols}) vs in features fit neither [out, in] nor the transposed [in, out] (fan_in_fan_out) layout`;
}

/** The `target_parameters` entry a module's factors belong to, if any (its name, plus a parameter, ends with it). */
function targetParameter(adapter: Adapter, module: LoraModule): string | null {
  const config = moduleConfig(adapter, module);
  const entries = config?.raw.target_parameters;
  if (!Array.isArray(entries)) return null;
  for (const entry of entries) {
    if (typeof entry !== 'string') continue;
    const parent = entry.includes('.') ? entry.slice(0, entry.lastIndexOf('.')) : '';
    if (parent !== '' && (module.name === parent || module.name.endsWith(`.${parent}`))) return entry;
  }
  return null;
}

/**
 * A base whose own shapes prove transformers' Conv1D layout: a GPT-2-family `attn.c_attn` stored [in, 3·in]
 * (an nn.Linear would be [3·in, in]). Then a square weight of that model is transposed whatever the adapter
 * targets and whatever its saved fan_in_fan_out says.
 */
export function baseProvesConv1d(base: Checkpoint): boolean {
  for (const [name, tensor] of base.tensors) {
    if (!/(?:^|\.)attn\.c_attn\.weight$/.test(name)) continue;
    const [rows, cols] = tensor.info.dims;
    if (tensor.info.dims.length === 2 && rows !== undefined && cols === 3 * rows) return true;
  }
  return false;
}

/** A plan whose shapes alone prove a transposed (Conv1D) Linear weight: not square, not an embedding or conv. */
export function provesConv1d(plan: ModulePlan | null, module: LoraModule): boolean {
  if (plan?.kind !== 'work') return false;
  const { work } = plan;
  const embedding = module.kind === 'embedding' || (module.down?.name.includes('lora_embedding_A') ?? false);
  return work.transposed && !work.conv && !embedding && work.rows !== work.cols;
}

function mergedProblem(
  merged: CheckpointTensor | null,
  base: CheckpointTensor,
  baseName: string,
): string | null {
  if (!merged) return `the merged checkpoint has no tensor ${baseName}`;
  if (!isWeightDtype(merged.info.dtype)) return `merged tensor has dtype ${merged.info.dtype}`;
  const m = merged.info.dims;
  const w = base.info.dims;
  if (m.length === w.length && m.every((d, i) => d === w[i])) return null;
  if (m.length === 2 && w.length === 2 && m[0] === w[1] && m[1] === w[0]) {
    return `merged tensor is ${shapeText(m)}, the transpose of the base ${shapeText(w)}`;
  }
  return `merged tensor is ${shapeText(m)}, the base weight ${shapeText(w)}`;
}
