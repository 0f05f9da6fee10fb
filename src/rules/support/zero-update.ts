// Is a module's update exactly zero? Decided from value scans (reference §6): B·A = 0 when either factor is
// all zeros, when the product is zero although neither is (PEFT's "orthogonal" init, untrained), or when the
// scaling is 0 (lora_alpha 0), unless a lora_B bias still moves the output. DoRA modules can't be judged
// without base weights.
import { moduleScaling } from '../../adapter/scaling.js';
import type { Adapter, LoraModule, TensorRef } from '../../types.js';

export type UpdateVerdict = 'zero' | 'nonzero' | 'unknown' | 'dora';

function statsOf(adapter: Adapter, ref: TensorRef | undefined) {
  return ref ? adapter.stats.get(ref.name) : undefined;
}

export function moduleUpdateVerdict(adapter: Adapter, module: LoraModule): UpdateVerdict {
  if (module.magnitude || (adapter.layout === 'peft' && adapter.config?.useDora)) return 'dora';
  const down = statsOf(adapter, module.down);
  const up = statsOf(adapter, module.up);
  if (!down || !up || down.elements === 0 || up.elements === 0) return 'unknown';
  if (zeroCause(adapter, module) === null) return 'nonzero';
  if (module.upBias) {
    const bias = statsOf(adapter, module.upBias);
    if (!bias) return 'unknown';
    if (!bias.allZero) return 'nonzero';
  }
  return 'zero';
}

export type ZeroCause =
  | { readonly kind: 'factor'; readonly factor: TensorRef }
  | { readonly kind: 'product'; readonly energy: number; readonly noiseFloor: number }
  | { readonly kind: 'scaling' };

/** Why B·A (times its scaling) is zero, or null when it is not known to be. */
export function zeroCause(adapter: Adapter, module: LoraModule): ZeroCause | null {
  for (const factor of [module.up, module.down]) {
    if (factor && statsOf(adapter, factor)?.allZero) return { kind: 'factor', factor };
  }
  const probe = module.down ? adapter.products.get(module.down.name) : undefined;
  if (probe && probe.energy <= probe.noiseFloor) {
    return { kind: 'product', energy: probe.energy, noiseFloor: probe.noiseFloor };
  }
  if (moduleScaling(adapter, module) === 0) return { kind: 'scaling' };
  return null;
}

/** Tensors that belong to no LoRA module (modules_to_save copies, biases, trainable tokens...). */
export function extraTensors(adapter: Adapter): string[] {
  const inModules = new Set<string>();
  for (const m of adapter.modules) {
    for (const ref of [m.down, m.up, m.magnitude, m.upBias, m.alphaTensor]) if (ref) inModules.add(ref.name);
  }
  return [...adapter.tensors.keys()].filter((name) => !inModules.has(name) && !name.endsWith('.alpha'));
}
