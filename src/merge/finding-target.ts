// Where an AL5xx finding points: the module's lora_A tensor in the adapter file (or the merged file).
import type { Adapter, ModuleMergeStats } from '../types.js';

export function adapterTarget(adapter: Adapter, stats: ModuleMergeStats): { file?: string; tensor: string } {
  const module = adapter.modules.find((m) => m.name === stats.module);
  const ref = module?.down ?? module?.up;
  return ref ? { file: ref.file.file, tensor: ref.name } : { tensor: stats.module };
}

export function mergedTarget(adapter: Adapter, stats: ModuleMergeStats): { file?: string; tensor: string } {
  if (stats.mergedFile && stats.mergedTensor) return { file: stats.mergedFile, tensor: stats.mergedTensor };
  return adapterTarget(adapter, stats);
}

/** Compact number for messages. */
export function num(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5)) return x.toExponential(digits - 1);
  return String(Number(x.toPrecision(digits)));
}

export function percent(x: number): string {
  return `${Number((x * 100).toPrecision(3))}%`;
}
