// Group an adapter's tensors into LoRA modules (down/up factors, magnitude, AdaLoRA E, bias, alpha) per layout.
import type { AdapterLayout, LoraModule, ModuleKind, TensorRef } from '../types.js';
import { parseDiffusersKey } from './diffusers-key.js';
import { parseKohyaKey } from './kohya-key.js';
import { parsePeftKey } from './peft-key.js';
import { tensorInfo } from './tensor-info.js';

interface Draft {
  name: string;
  component?: string;
  embedding: boolean;
  down?: TensorRef;
  up?: TensorRef;
  magnitude?: TensorRef;
  singularValues?: TensorRef;
  upBias?: TensorRef;
  alphaTensor?: TensorRef;
}

type Slot = 'down' | 'up' | 'magnitude' | 'singularValues' | 'upBias' | 'alphaTensor';

/** `alphaValues`: values of `.alpha` tensors read at load time, by tensor name. */
export function buildModules(
  layout: AdapterLayout,
  tensors: ReadonlyMap<string, TensorRef>,
  alphaValues: ReadonlyMap<string, number>,
): LoraModule[] {
  const drafts = new Map<string, Draft>();
  const place = (id: string, name: string, slot: Slot, ref: TensorRef, extra: Partial<Draft> = {}) => {
    let draft = drafts.get(id);
    if (!draft) {
      draft = { name, embedding: false, ...extra };
      drafts.set(id, draft);
    }
    if (extra.embedding) draft.embedding = true;
    if (draft[slot] === undefined) draft[slot] = ref;
  };

  for (const ref of tensors.values()) {
    if (layout === 'peft') {
      const key = parsePeftKey(ref.name);
      if (key.part === null) continue;
      const embedding = key.part === 'lora_embedding_A' || key.part === 'lora_embedding_B';
      const slot: Slot =
        key.part === 'lora_A' || key.part === 'lora_embedding_A'
          ? 'down'
          : key.part === 'lora_magnitude_vector'
            ? 'magnitude'
            : key.part === 'lora_E'
              ? 'singularValues'
              : key.suffix === 'bias'
                ? 'upBias'
                : 'up';
      place(key.module, key.module, slot, ref, { embedding });
    } else if (layout === 'kohya') {
      const key = parseKohyaKey(ref.name);
      if (key.malformed !== null || key.part === null || key.part === 'lora_mid') continue;
      const slot: Slot =
        key.part === 'lora_down'
          ? 'down'
          : key.part === 'lora_up'
            ? 'up'
            : key.part === 'alpha'
              ? 'alphaTensor'
              : 'magnitude';
      place(key.module, key.module, slot, ref);
    } else if (layout === 'diffusers') {
      const key = parseDiffusersKey(ref.name);
      if (key.part === null) continue;
      const slot: Slot = key.part === 'alpha' ? 'alphaTensor' : key.part;
      const id = `${key.component ?? ''}\u0000${key.module}`;
      place(id, key.module, slot, ref, {
        embedding: key.embedding,
        ...(key.component ? { component: key.component } : {}),
      });
    }
  }

  const modules: LoraModule[] = [];
  for (const draft of drafts.values()) {
    // An `.alpha` alone is not a module (it only scales one).
    if (!draft.down && !draft.up && !draft.magnitude && !draft.singularValues) continue;
    const downDims = draft.down ? tensorInfo(draft.down)?.dims : undefined;
    const upDims = draft.up ? tensorInfo(draft.up)?.dims : undefined;
    const alphaValue = draft.alphaTensor ? alphaValues.get(draft.alphaTensor.name) : undefined;
    modules.push({
      name: draft.name,
      kind: moduleKind(draft.embedding, downDims ?? upDims),
      ...(draft.down ? { down: draft.down } : {}),
      ...(draft.up ? { up: draft.up } : {}),
      ...(draft.magnitude ? { magnitude: draft.magnitude } : {}),
      ...(draft.singularValues ? { singularValues: draft.singularValues } : {}),
      ...(draft.upBias ? { upBias: draft.upBias } : {}),
      ...(draft.alphaTensor ? { alphaTensor: draft.alphaTensor } : {}),
      ...(downDims && downDims.length > 0 ? { rank: downDims[0]! } : {}),
      ...(alphaValue !== undefined ? { alphaValue } : {}),
      ...(draft.component ? { component: draft.component } : {}),
    });
  }
  modules.sort((a, b) => compareText(`${a.component ?? ''}.${a.name}`, `${b.component ?? ''}.${b.name}`));
  return modules;
}

function moduleKind(embedding: boolean, dims: readonly number[] | undefined): ModuleKind {
  if (embedding) return 'embedding';
  if (!dims) return 'unknown';
  if (dims.length === 2) return 'linear';
  if (dims.length >= 3 && dims.length <= 5) return 'conv';
  return 'unknown';
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
