// Builds an Adapter for merge tests straight from a written weights file, without the discovery engine:
// modules grouped from the keys (PEFT, kohya), config fields taken from a peftConfig()-style object.
import { relative } from 'node:path';
import { openSafetensors } from '../../src/safetensors/index.js';
import type {
  Adapter,
  AdapterConfig,
  LoraModule,
  ModuleKind,
  TensorRef,
  WeightsFile,
} from '../../src/types.js';

const PEFT = 'base_model.model.';

export function adapterConfig(raw: Record<string, unknown>): AdapterConfig {
  const patterns = (v: unknown) => new Map(Object.entries((v ?? {}) as Record<string, number>));
  return {
    raw,
    peftType: String(raw.peft_type ?? 'LORA'),
    taskType: (raw.task_type as string) ?? null,
    r: Number(raw.r ?? 8),
    loraAlpha: Number(raw.lora_alpha ?? 8),
    useRslora: Boolean(raw.use_rslora),
    useDora: Boolean(raw.use_dora),
    fanInFanOut: Boolean(raw.fan_in_fan_out),
    bias: 'none',
    loraBias: false,
    targetModules: null,
    excludeModules: null,
    modulesToSave: null,
    layersToTransform: null,
    layersPattern: null,
    rankPattern: patterns(raw.rank_pattern),
    alphaPattern: patterns(raw.alpha_pattern),
    initLoraWeights: true,
    trainableTokenIndices: null,
  };
}

type Slot = 'down' | 'up' | 'magnitude' | 'singularValues' | 'alphaTensor';

const PARTS: ReadonlyArray<readonly [string, Slot, ModuleKind]> = [
  ['.lora_A.weight', 'down', 'linear'],
  ['.lora_B.weight', 'up', 'linear'],
  // AdaLoRA: nn.Parameters, no .weight.
  ['.lora_A', 'down', 'linear'],
  ['.lora_B', 'up', 'linear'],
  ['.lora_E', 'singularValues', 'linear'],
  ['.lora_embedding_A', 'down', 'embedding'],
  ['.lora_embedding_B', 'up', 'embedding'],
  ['.lora_magnitude_vector', 'magnitude', 'linear'],
  ['.lora_down.weight', 'down', 'linear'],
  ['.lora_up.weight', 'up', 'linear'],
  ['.alpha', 'alphaTensor', 'linear'],
  ['.dora_scale', 'magnitude', 'linear'],
];

export async function loadTestAdapter(
  cwd: string,
  absPath: string,
  config: Record<string, unknown> | null,
): Promise<Adapter> {
  const st = await openSafetensors(absPath);
  const header = st.header;
  const file: WeightsFile = { file: relative(cwd, absPath), absPath, kind: { kind: 'safetensors' }, header };
  const tensors = new Map<string, TensorRef>();
  const groups = new Map<string, Record<string, unknown>>();
  let kohya = false;
  for (const name of header.tensors.keys()) {
    const ref = { name, file };
    tensors.set(name, ref);
    const part = PARTS.find(([suffix]) => name.endsWith(suffix));
    if (!part) continue;
    let module = name.slice(0, -part[0].length);
    if (module.startsWith(PEFT)) module = module.slice(PEFT.length);
    if (part[0].startsWith('.lora_down') || part[0] === '.alpha') kohya = true;
    const group = groups.get(module) ?? { name: module, kind: 'linear' as ModuleKind };
    group[part[1]] = ref;
    if (part[2] === 'embedding') group.kind = 'embedding';
    if (part[1] === 'down') {
      const info = header.tensors.get(name)!;
      group.rank = info.dims[0];
      if (info.dims.length === 4) group.kind = 'conv';
    }
    groups.set(module, group);
  }
  const modules: LoraModule[] = [];
  for (const group of groups.values()) {
    const alphaRef = group.alphaTensor as TensorRef | undefined;
    if (alphaRef) {
      const values = await st.readFloat32(header.tensors.get(alphaRef.name)!);
      group.alphaValue = values[0];
    }
    modules.push(group as unknown as LoraModule);
  }
  await st.close();
  return {
    path: relative(cwd, absPath),
    layout: kohya ? 'kohya' : 'peft',
    layoutNote: '',
    configFile: null,
    config: config ? adapterConfig(config) : null,
    configErrors: [],
    weights: [file],
    fileProblems: [],
    tensors,
    modules,
    stats: new Map(),
    products: new Map(),
  };
}
