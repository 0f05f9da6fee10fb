// Is a module's update exactly zero? Decided from value scans (reference §6): B·A = 0 when either factor is
// all zeros (AdaLoRA: A, B or its singular values E, its untrained signature), when the product is zero
// although neither factor is (PEFT's "orthogonal" init, untrained), or when the scaling is 0 (lora_alpha 0),
// unless a lora_B bias still moves the output. DoRA modules can't be judged without base weights.
import { moduleConfig } from '../../adapter/module-config.js';
import { moduleScaling, usesSingularValues } from '../../adapter/scaling.js';
import type { Adapter, LoraModule, TensorRef } from '../../types.js';

export type UpdateVerdict = 'zero' | 'nonzero' | 'unknown' | 'dora';

function statsOf(adapter: Adapter, ref: TensorRef | undefined) {
  return ref ? adapter.stats.get(ref.name) : undefined;
}

function isAdaLora(adapter: Adapter): boolean {
  return adapter.layout === 'peft' && adapter.config?.peftType === 'ADALORA';
}

export function moduleUpdateVerdict(adapter: Adapter, module: LoraModule): UpdateVerdict {
  if (module.magnitude || moduleConfig(adapter, module)?.useDora) return 'dora';
  const down = statsOf(adapter, module.down);
  const up = statsOf(adapter, module.up);
  if (!down || !up || down.elements === 0 || up.elements === 0) return 'unknown';
  const cause = zeroCause(adapter, module);
  if (cause === null) {
    if (usesSingularValues(adapter, module)) {
      const e = statsOf(adapter, module.singularValues);
      if (!e || e.elements === 0) return 'unknown';
    } else if (isAdaLora(adapter)) {
      // An AdaLoRA module without lora_E: PEFT leaves E at its initial zeros, so the update is zero (AL206
      // names the missing tensor; AL301 leaves it to AL206, AL302 counts it).
      return 'zero';
    }
    return 'nonzero';
  }
  // PEFT scales lora_B's output, bias included: a zero scaling silences the bias too.
  if (module.upBias && moduleScaling(adapter, module) !== 0) {
    const bias = statsOf(adapter, module.upBias);
    if (!bias) return 'unknown';
    if (!bias.allZero) return 'nonzero';
  }
  return 'zero';
}

export type ZeroCause =
  | { readonly kind: 'factor'; readonly factor: TensorRef }
  | {
      readonly kind: 'product';
      readonly energy: number;
      readonly noiseFloor: number;
      /** Judged as init_lora_weights="orthogonal" left it: zero but for the rounding of that init. */
      readonly orthogonalInit: boolean;
    }
  | { readonly kind: 'scaling' };

/** Why the update is zero, or null when it is not known to be: AdaLoRA's lora_E first, then lora_B, lora_A. */
export function zeroCause(adapter: Adapter, module: LoraModule): ZeroCause | null {
  const e = usesSingularValues(adapter, module) ? module.singularValues : undefined;
  for (const factor of [e, module.up, module.down]) {
    if (factor && statsOf(adapter, factor)?.allZero) return { kind: 'factor', factor };
  }
  const probe = module.down ? adapter.products.get(module.down.name) : undefined;
  if (probe && probe.energy <= probe.noiseFloor) {
    const orthogonalInit = moduleConfig(adapter, module)?.initLoraWeights === 'orthogonal';
    return { kind: 'product', energy: probe.energy, noiseFloor: probe.noiseFloor, orthogonalInit };
  }
  if (moduleScaling(adapter, module) === 0) return { kind: 'scaling' };
  return null;
}

/** Tensors that belong to no LoRA module (modules_to_save copies, biases, trainable tokens...). */
export function extraTensors(adapter: Adapter): string[] {
  const inModules = new Set<string>();
  for (const m of adapter.modules) {
    for (const ref of [m.down, m.up, m.magnitude, m.singularValues, m.upBias, m.alphaTensor])
      if (ref) inModules.add(ref.name);
  }
  // AdaLoRA's ranknum (saved by some versions) only divides the update: it changes nothing on its own.
  const adalora = isAdaLora(adapter);
  return [...adapter.tensors.keys()].filter(
    (name) => !inModules.has(name) && !name.endsWith('.alpha') && !(adalora && name.endsWith('.ranknum')),
  );
}
