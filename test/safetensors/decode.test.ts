import { describe, expect, it } from 'vitest';
import { decodeBits, decodeToFloat32 } from '../../src/safetensors/index.js';
import type { Dtype } from '../../src/safetensors/types.js';

/** Independent reference: the general minifloat formula with each format's specials, in float64. */
function reference(dtype: Dtype, bits: number): number {
  const spec: Record<string, { e: number; m: number; bias: number }> = {
    F16: { e: 5, m: 10, bias: 15 },
    BF16: { e: 8, m: 7, bias: 127 },
    F8_E4M3: { e: 4, m: 3, bias: 7 },
    F8_E5M2: { e: 5, m: 2, bias: 15 },
    F8_E4M3FNUZ: { e: 4, m: 3, bias: 8 },
    F8_E5M2FNUZ: { e: 5, m: 2, bias: 16 },
  };
  if (dtype === 'F8_E8M0') return bits === 0xff ? Number.NaN : 2 ** (bits - 127);
  const { e, m, bias } = spec[dtype]!;
  const total = 1 + e + m;
  const negative = Math.floor(bits / 2 ** (total - 1)) === 1;
  const exponent = Math.floor(bits / 2 ** m) % 2 ** e;
  const mantissa = bits % 2 ** m;
  const allOnes = exponent === 2 ** e - 1;
  if (dtype === 'F8_E4M3FNUZ' || dtype === 'F8_E5M2FNUZ') {
    if (bits === 0x80) return Number.NaN;
  } else if (dtype === 'F8_E4M3') {
    if (allOnes && mantissa === 2 ** m - 1) return Number.NaN;
  } else if (allOnes) {
    if (mantissa !== 0) return Number.NaN;
    return negative ? -Infinity : Infinity;
  }
  const magnitude =
    exponent === 0 ? mantissa * 2 ** (1 - bias - m) : (1 + mantissa / 2 ** m) * 2 ** (exponent - bias);
  return negative ? -magnitude : magnitude;
}

const eightBit: Dtype[] = ['F8_E4M3', 'F8_E5M2', 'F8_E4M3FNUZ', 'F8_E5M2FNUZ', 'F8_E8M0'];

describe('decode tables match the formula on every bit pattern', () => {
  for (const dtype of ['F16', 'BF16', ...eightBit] as Dtype[]) {
    it(dtype, () => {
      const patterns = dtype === 'F16' || dtype === 'BF16' ? 65536 : 256;
      let mismatches = 0;
      for (let bits = 0; bits < patterns; bits++) {
        const got = decodeBits(dtype, bits);
        const want = reference(dtype, bits);
        if (!Object.is(got, want)) mismatches++;
      }
      expect(mismatches).toBe(0);
    });
  }

  it('known values from the reference table', () => {
    expect(decodeBits('F16', 0x7bff)).toBe(65504);
    expect(decodeBits('F16', 0x0001)).toBe(2 ** -24);
    expect(Object.is(decodeBits('F16', 0x8000), -0)).toBe(true);
    expect(decodeBits('BF16', 0xff80)).toBe(-Infinity);
    expect(decodeBits('F8_E4M3', 0x7e)).toBe(448);
    expect(decodeBits('F8_E4M3', 0x7f)).toBeNaN();
    expect(decodeBits('F8_E4M3FNUZ', 0x7f)).toBe(240);
    expect(decodeBits('F8_E4M3FNUZ', 0x80)).toBeNaN();
    expect(decodeBits('F8_E5M2', 0x7b)).toBe(57344);
    expect(decodeBits('F8_E5M2', 0xfc)).toBe(-Infinity);
    expect(decodeBits('F8_E5M2FNUZ', 0x7f)).toBe(57344);
    expect(decodeBits('F8_E5M2FNUZ', 0x01)).toBe(2 ** -17);
    expect(decodeBits('F8_E8M0', 0)).toBe(2 ** -127);
  });
});

describe('decodeToFloat32', () => {
  it('decodes 16-bit data at an odd byte offset', () => {
    const backing = new Uint8Array(7);
    backing.set([0x00, 0x3c, 0x00, 0xc0, 0x00, 0x7c], 1); // F16 1, -2, +Inf
    const out = new Float32Array(3);
    decodeToFloat32('F16', backing.subarray(1), out, 3);
    expect(Array.from(out)).toEqual([1, -2, Infinity]);
  });
  it('decodes F32 and F64 from unaligned bytes', () => {
    const f32 = new Uint8Array(9);
    new DataView(f32.buffer).setFloat32(1, 1.5, true);
    new DataView(f32.buffer).setFloat32(5, -3.25, true);
    const out = new Float32Array(2);
    decodeToFloat32('F32', f32.subarray(1), out, 2);
    expect(Array.from(out)).toEqual([1.5, -3.25]);
    const f64 = new Uint8Array(11);
    new DataView(f64.buffer).setFloat64(3, 0.1, true);
    decodeToFloat32('F64', f64.subarray(3), out, 1);
    expect(out[0]).toBe(Math.fround(0.1));
  });
  it('refuses integer and packed dtypes', () => {
    expect(() => decodeToFloat32('I32', new Uint8Array(4), new Float32Array(1), 1)).toThrow(TypeError);
    expect(() => decodeToFloat32('F4', new Uint8Array(4), new Float32Array(1), 1)).toThrow(TypeError);
  });
});
