// Is a module's update exactly zero? Decided from value scans (reference §6): B·A = 0 when either factor is
// all zeros, unless a lora_B bias still moves the output; AdaLoRA's B·(A⊙E) is zero as well when its
// singular values E are (its untrained signature: A and B start random, E at zero). DoRA modules can't be
// judged without base weights.
import { usesSingularValues } from '../../adapter/scaling.js';
import type { Adapter, LoraModule, TensorRef } from '../../types.js';

export type UpdateVerdict = 'zero' | 'nonzero' | 'unknown' | 'dora';

function statsOf(adapter: Adapter, ref: TensorRef | undefined) {
  return ref ? adapter.stats.get(ref.name) : undefined;
}

function isAdaLora(adapter: Adapter): boolean {
  return adapter.layout === 'peft' && adapter.config?.peftType === 'ADALORA';
}

export function moduleUpdateVerdict(adapter: Adapter, module: LoraModule): UpdateVerdict {
  if (module.magnitude || (adapter.layout === 'peft' && adapter.config?.useDora)) return 'dora';
  const down = statsOf(adapter, module.down);
  const up = statsOf(adapter, module.up);
  if (!down || !up || down.elements === 0 || up.elements === 0) return 'unknown';
  let zero = down.allZero || up.allZero;
  if (usesSingularValues(adapter, module)) {
    const e = statsOf(adapter, module.singularValues);
    if (!zero && (!e || e.elements === 0)) return 'unknown';
    zero ||= e?.allZero === true;
  } else if (!zero && isAdaLora(adapter)) {
    // An AdaLoRA module without lora_E: AL206's finding (PEFT would leave E at its zeros).
    return 'unknown';
  }
  if (!zero) return 'nonzero';
  if (module.upBias) {
    const bias = statsOf(adapter, module.upBias);
    if (!bias) return 'unknown';
    if (!bias.allZero) return 'nonzero';
  }
  return 'zero';
}

/** Which factor is all zeros, for the message: AdaLoRA's lora_E first, then lora_B, then lora_A. */
export function zeroFactor(adapter: Adapter, module: LoraModule): TensorRef | undefined {
  if (usesSingularValues(adapter, module) && statsOf(adapter, module.singularValues)?.allZero)
    return module.singularValues;
  const up = statsOf(adapter, module.up);
  return up?.allZero ? module.up : module.down;
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
