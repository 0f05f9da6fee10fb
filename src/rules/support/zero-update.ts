// Is a module's update exactly zero? Decided from value scans (reference §6): B·A = 0 when either factor is
// all zeros, unless a lora_B bias still moves the output. DoRA modules can't be judged without base weights.
import { moduleConfig } from '../../adapter/module-config.js';
import type { Adapter, LoraModule, TensorRef } from '../../types.js';

export type UpdateVerdict = 'zero' | 'nonzero' | 'unknown' | 'dora';

function statsOf(adapter: Adapter, ref: TensorRef | undefined) {
  return ref ? adapter.stats.get(ref.name) : undefined;
}

export function moduleUpdateVerdict(adapter: Adapter, module: LoraModule): UpdateVerdict {
  if (module.magnitude || moduleConfig(adapter, module)?.useDora) return 'dora';
  const down = statsOf(adapter, module.down);
  const up = statsOf(adapter, module.up);
  if (!down || !up || down.elements === 0 || up.elements === 0) return 'unknown';
  if (!down.allZero && !up.allZero) return 'nonzero';
  if (module.upBias) {
    const bias = statsOf(adapter, module.upBias);
    if (!bias) return 'unknown';
    if (!bias.allZero) return 'nonzero';
  }
  return 'zero';
}

/** Which factor is all zeros, for the message. */
export function zeroFactor(adapter: Adapter, module: LoraModule): TensorRef | undefined {
  const up = statsOf(adapter, module.up);
  return up?.allZero ? module.up : module.down;
}

/** Tensors that belong to no LoRA module (modules_to_save copies, biases, trainable tokens...). */
export function extraTensors(adapter: Adapter): string[] {
  const inModules = new Set<string>();
  for (const m of adapter.modules) {
    for (const ref of [m.down, m.up, m.magnitude, m.upBias, m.alphaTensor]) if (ref) inModules.add(ref.name);
  }
  return [...adapter.tensors.keys()].filter((name) => !inModules.has(name) && !name.endsWith('.alpha'));
}
