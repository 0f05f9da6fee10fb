import { randomFillSync } from 'node:crypto';
import { scanKernel } from '../src/safetensors/simd/kernel.js';
const k = scanKernel()!;
const MiB = 1024 * 1024;
for (const chunk of [1 * MiB, 4 * MiB]) {
  const off = k.lease(chunk)!;
  const v = k.view(off, chunk);
  randomFillSync(v);
  const w = new Uint32Array(v.buffer, v.byteOffset, chunk / 4);
  for (let i = 0; i < w.length; i++) w[i] = (w[i]! & 0xbfffbfff) | 0x00010001;
  for (const dt of ['F32', 'BF16'] as const) {
    let best = 0;
    for (let r = 0; r < 5; r++) {
      const reps = Math.floor(512 * MiB / chunk);
      const s = process.hrtime.bigint();
      for (let i = 0; i < reps; i++) k.scan(dt, v);
      const sec = Number(process.hrtime.bigint() - s) / 1e9;
      best = Math.max(best, (reps * chunk) / MiB / sec);
    }
    console.log(`${dt} chunk ${chunk / MiB} MiB (cached): ${best.toFixed(0)} MiB/s`);
  }
  k.release(off);
}
