import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openSafetensors, sniffFile } from '../../src/safetensors/index.js';

const real = (p: string) => fileURLToPath(new URL(`../fixtures/real/${p}`, import.meta.url));

describe('real published adapters parse and scan', () => {
  it.each([
    ['peft-gpt2-tiny-lora/adapter_model.safetensors', 24, null],
    ['diffusers-sd15-attn-processor/pytorch_lora_weights.safetensors', 256, 'pt'],
    ['sam-vit-lora-rank2/lora_rank2.safetensors', 48, null],
  ] as const)('%s', async (path, count, format) => {
    expect(await sniffFile(real(path))).toEqual({ kind: 'safetensors' });
    const file = await openSafetensors(real(path));
    try {
      expect(file.header.tensors.size).toBe(count);
      expect(file.header.metadata?.get('format') ?? null).toBe(format);
      for (const tensor of file.header.tensors.values()) {
        expect(tensor.dtype).toBe('F32');
        const stats = await file.scan(tensor);
        expect(stats.nanCount + stats.posInfCount + stats.negInfCount).toBe(0);
        expect(stats.elements).toBe(tensor.numel);
      }
    } finally {
      await file.close();
    }
  });
  it('the SAM adapter has w_a_000 [2, 768]', async () => {
    const file = await openSafetensors(real('sam-vit-lora-rank2/lora_rank2.safetensors'));
    expect(file.header.tensors.get('w_a_000')!.dims).toEqual([2, 768]);
    await file.close();
  });
});
