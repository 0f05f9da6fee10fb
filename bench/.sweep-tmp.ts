import { randomFillSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { openSafetensors } from '../src/safetensors/index.js';
import { encodeHeader, type HeaderEntry } from '../src/safetensors/write.js';

const MiB = 1024 * 1024;
const path = '/tmp/sw/bench.safetensors';
if (!existsSync(path)) {
  const entries: HeaderEntry[] = [];
  for (let i = 0; i < 16; i++) {
    const dtype = i % 2 === 0 ? 'BF16' : 'F32';
    const eb = dtype === 'BF16' ? 2 : 4;
    entries.push({
      name: `t${i}`,
      dtype,
      shape: [4096, (64 * MiB) / eb / 4096],
      dataOffsets: [i * 64 * MiB, (i + 1) * 64 * MiB],
    });
  }
  const fh = await open(path, 'w');
  const header = encodeHeader(entries, { format: 'pt' });
  await fh.write(header, 0, header.length, 0);
  let pos = header.length;
  const chunk = new Uint8Array(4 * MiB);
  const words = new Uint32Array(chunk.buffer);
  for (let w = 0; w < 16 * 64 * MiB; w += chunk.length) {
    randomFillSync(chunk);
    for (let i = 0; i < words.length; i++) words[i] = (words[i]! & 0xbfffbfff) | 0x00010001;
    await fh.write(chunk, 0, chunk.length, pos);
    pos += chunk.length;
  }
  await fh.close();
}
async function raw(cb: number) {
  const fh = await open(path, 'r');
  const b = new Uint8Array(cb);
  let t = 0;
  for (;;) {
    const { bytesRead } = await fh.read(b, 0, cb, t);
    if (!bytesRead) break;
    t += bytesRead;
  }
  await fh.close();
  return t;
}
async function scan(cb: number) {
  const f = await openSafetensors(path);
  let n = 0;
  for (const t of f.header.tensors.values()) {
    await f.scan(t, cb);
    n += t.byteLength;
  }
  await f.close();
  return n;
}
async function timed(fn: () => Promise<number>) {
  const s = process.hrtime.bigint();
  const b = await fn();
  return b / MiB / (Number(process.hrtime.bigint() - s) / 1e9);
}
const sizes = (process.argv[2] ?? '1,2,4').split(',').map(Number);
await raw(4 * MiB);
for (const s of sizes) {
  let r = 0,
    c = 0;
  for (let i = 0; i < 4; i++) {
    r = Math.max(r, await timed(() => raw(s * MiB)));
    c = Math.max(c, await timed(() => scan(s * MiB)));
  }
  console.log(
    `chunk ${s} MiB: raw ${r.toFixed(0)} scan ${c.toFixed(0)} ratio ${(c / r).toFixed(2)} rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)}`,
  );
}
