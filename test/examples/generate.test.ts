// The committed examples are exactly what examples/generate.ts writes, and the merged one is exact.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildExamples, roundToBf16 } from '../../examples/generate.js';
import { bf16BitsToF32 } from '../../src/safetensors/encode.js';

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));
const GENERATED_DIRS = ['base', 'adapters', 'merged'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Tensor values of a small safetensors file (F32 or BF16), by name. */
function readTensors(bytes: Buffer): Map<string, { shape: number[]; values: number[] }> {
  const headerLength = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8'));
  const data = bytes.subarray(8 + headerLength);
  const out = new Map<string, { shape: number[]; values: number[] }>();
  for (const [name, info] of Object.entries<{
    dtype: string;
    shape: number[];
    data_offsets: [number, number];
  }>(header)) {
    if (name === '__metadata__') continue;
    const slice = data.subarray(info.data_offsets[0], info.data_offsets[1]);
    const values: number[] = [];
    if (info.dtype === 'BF16')
      for (let i = 0; i < slice.length; i += 2) values.push(bf16BitsToF32(slice.readUInt16LE(i)));
    else if (info.dtype === 'F32')
      for (let i = 0; i < slice.length; i += 4) values.push(slice.readFloatLE(i));
    else throw new Error(`unexpected dtype ${info.dtype}`);
    out.set(name, { shape: info.shape, values });
  }
  return out;
}

describe('examples/generate.ts', () => {
  const built = buildExamples();

  it('regenerates the committed files byte for byte, and nothing else is committed there', () => {
    const committed = GENERATED_DIRS.flatMap((d) => filesUnder(join(examplesDir, d)))
      .map((p) => relative(examplesDir, p).split('\\').join('/'))
      .sort();
    expect(committed).toEqual([...built.keys()].sort());
    for (const [path, contents] of built) {
      const onDisk = readFileSync(join(examplesDir, path));
      expect(Buffer.compare(onDisk, Buffer.from(contents)), path).toBe(0);
    }
  });

  it('keeps every file small', () => {
    for (const [path, contents] of built) expect(Buffer.byteLength(contents), path).toBeLessThan(64 * 1024);
  });

  it('writes a merged checkpoint equal to W + (alpha/r)·B·A rounded once to bf16', () => {
    const base = readTensors(built.get('base/model.safetensors') as Buffer);
    const merged = readTensors(built.get('merged/correct/model.safetensors') as Buffer);
    const adapter = readTensors(built.get('adapters/correct/adapter_model.safetensors') as Buffer);
    const config = JSON.parse(built.get('adapters/correct/adapter_config.json') as string);
    const scale = config.lora_alpha / config.r;
    let changed = 0;
    for (const [name, w] of base) {
      const m = merged.get(name)!;
      const a = adapter.get(`base_model.model.${name.replace(/\.weight$/, '')}.lora_A.weight`);
      const b = adapter.get(`base_model.model.${name.replace(/\.weight$/, '')}.lora_B.weight`);
      if (!a || !b) {
        expect(m.values, name).toEqual(w.values);
        continue;
      }
      const [out, inF] = w.shape as [number, number];
      for (let o = 0; o < out; o++)
        for (let j = 0; j < inF; j++) {
          let dot = 0;
          for (let k = 0; k < config.r; k++) dot += b.values[o * config.r + k]! * a.values[k * inF + j]!;
          const expected = roundToBf16(w.values[o * inF + j]! + scale * dot);
          expect(m.values[o * inF + j]).toBe(expected);
          if (expected !== w.values[o * inF + j]) changed++;
        }
    }
    expect(changed).toBeGreaterThan(3000);
  });

  it('the "not applied" merged copy holds the base weights unchanged', () => {
    expect(
      Buffer.compare(
        built.get('merged/not-applied/model.safetensors') as Buffer,
        built.get('base/model.safetensors') as Buffer,
      ),
    ).toBe(0);
  });

  it('rounds float64 to bf16 once, ties to even', () => {
    expect(roundToBf16(1 + 2 ** -8)).toBe(1);
    expect(roundToBf16(1 + 3 * 2 ** -8)).toBe(1 + 2 ** -6);
    expect(roundToBf16(1 + 2 ** -8 + 2 ** -30)).toBe(1 + 2 ** -7);
    expect(roundToBf16(-0.75)).toBe(-0.75);
  });

  it('has one broken adapter per defect', () => {
    const files = [...built.keys()];
    for (const name of [
      'correct',
      'doubled-adapter-name',
      'adapter-name-in-key',
      'missing-prefix',
      'doubled-prefix',
      'zero-update',
      'untrained-orthogonal',
      'lfs-pointer',
      'truncated',
      'misnamed-weights',
      'junk-config',
    ])
      expect(files).toContain(`adapters/${name}/adapter_config.json`);
    expect(files).toContain('adapters/kohya-bad-keys/lora.safetensors');
    expect(files).toContain('adapters/misnamed-weights/model.safetensors');
    expect(String(built.get('adapters/lfs-pointer/adapter_model.safetensors'))).toMatch(
      /^version https:\/\/git-lfs\.github\.com\/spec\/v1\noid sha256:[0-9a-f]{64}\nsize 5120\n$/,
    );
    const keys = (path: string) => [...readTensors(built.get(path) as Buffer).keys()];
    expect(keys('adapters/doubled-adapter-name/adapter_model.safetensors')[0]).toMatch(
      /\.lora_[AB]\.default\.default\.weight$/,
    );
    expect(keys('adapters/doubled-prefix/adapter_model.safetensors')[0]).toMatch(
      /^base_model\.model\.base_model\.model\.model\./,
    );
    expect(keys('adapters/missing-prefix/adapter_model.safetensors')[0]).toMatch(/^model\.layers\./);
    const zero = readTensors(built.get('adapters/zero-update/adapter_model.safetensors') as Buffer);
    for (const [name, t] of zero)
      if (name.includes('lora_B')) expect(t.values.every((v) => v === 0)).toBe(true);
    // Untrained orthogonal init: neither factor is zero, and B·A is zero up to F32 rounding.
    const ortho = readTensors(built.get('adapters/untrained-orthogonal/adapter_model.safetensors') as Buffer);
    const q = 'base_model.model.model.layers.0.self_attn.q_proj';
    const a = ortho.get(`${q}.lora_A.weight`)!;
    const b = ortho.get(`${q}.lora_B.weight`)!;
    const [rank, cols] = a.shape as [number, number];
    expect(a.values.some((v) => v !== 0) && b.values.some((v) => v !== 0)).toBe(true);
    let product = 0;
    let scale = 0;
    for (let i = 0; i < b.shape[0]!; i++)
      for (let j = 0; j < cols; j++) {
        let s = 0;
        let m = 0;
        for (let k = 0; k < rank; k++) {
          s += b.values[i * rank + k]! * a.values[k * cols + j]!;
          m += Math.abs(b.values[i * rank + k]! * a.values[k * cols + j]!);
        }
        product = Math.max(product, Math.abs(s));
        scale = Math.max(scale, m);
      }
    expect(scale).toBeGreaterThan(0.1);
    expect(product / scale).toBeLessThan(1e-6);
  });
});
