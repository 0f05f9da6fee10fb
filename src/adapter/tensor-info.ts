// Header entry of a tensor reference (null when its file has no readable header).
import type { TensorInfo } from '../safetensors/types.js';
import type { TensorRef } from '../types.js';

export function tensorInfo(ref: TensorRef): TensorInfo | null {
  return ref.file.header?.tensors.get(ref.name) ?? null;
}
