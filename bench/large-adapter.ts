// The large adapter the lint and fix benchmarks share, and the raw read speed they print beside their own.
import { randomFillSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeHeader, type HeaderEntry } from '../src/safetensors/write.js';

export const MiB = 1024 * 1024;
const CHUNK = 4 * MiB;

/**
 * Llama-2-7B shapes (hidden 4096, intermediate 11008) with r=64 on all seven linear modules of `layers`
 * layers, f32, small random finite values. `keyInfix` goes between the LoRA part and `weight`
 * (e.g. `default.` for keys that still carry the adapter name). Returns the weights file's size.
 */
export async function writeLargeAdapter(dir: string, layers: number, keyInfix = ''): Promise<number> {
  mkdirSync(dir, { recursive: true });
  const r = 64;
  const shapes: Record<string, [number, number]> = {
    'self_attn.q_proj': [4096, 4096],
    'self_attn.k_proj': [4096, 4096],
    'self_attn.v_proj': [4096, 4096],
    'self_attn.o_proj': [4096, 4096],
    'mlp.gate_proj': [11008, 4096],
    'mlp.up_proj': [11008, 4096],
    'mlp.down_proj': [4096, 11008],
  };
  const entries: HeaderEntry[] = [];
  let offset = 0;
  for (let layer = 0; layer < layers; layer++) {
    for (const [module, [out, inF]] of Object.entries(shapes)) {
      const key = `base_model.model.model.layers.${layer}.${module}`;
      for (const [part, shape] of [
        ['lora_A', [r, inF]],
        ['lora_B', [out, r]],
      ] as const) {
        const bytes = shape[0] * shape[1] * 4;
        entries.push({
          name: `${key}.${part}.${keyInfix}weight`,
          dtype: 'F32',
          shape,
          dataOffsets: [offset, offset + bytes],
        });
        offset += bytes;
      }
    }
  }
  writeFileSync(
    join(dir, 'adapter_config.json'),
    JSON.stringify({
      peft_type: 'LORA',
      task_type: 'CAUSAL_LM',
      r,
      lora_alpha: 128,
      target_modules: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'],
    }),
  );
  const path = join(dir, 'adapter_model.safetensors');
  const fh = await open(path, 'w');
  try {
    const header = encodeHeader(entries, { format: 'pt' });
    await fh.write(header, 0, header.length, 0);
    const chunk = new Uint8Array(CHUNK);
    const words = new Uint32Array(chunk.buffer);
    for (let written = 0; written < offset; written += CHUNK) {
      randomFillSync(chunk);
      // Small finite values: sign, exponent 0x70..0x77, random mantissa.
      for (let i = 0; i < words.length; i++) words[i] = (words[i]! & 0x83ffffff) | 0x38000000;
      const length = Math.min(CHUNK, offset - written);
      await fh.write(chunk, 0, length, header.length + written);
    }
  } finally {
    await fh.close();
  }
  return (await stat(path)).size;
}

/** Plain sequential fs reads of the whole file in 4 MiB chunks. */
export async function rawReadMiBps(path: string): Promise<number> {
  const fh = await open(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  const started = performance.now();
  let total = 0;
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buffer, 0, CHUNK, total);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return total / MiB / ((performance.now() - started) / 1000);
}
