import { afterAll, describe, expect, it } from 'vitest';
import { openSafetensors } from '../../src/safetensors/index.js';
import { buildRaw } from '../helpers/safetensors.js';
import { makeTempDir } from './tmp-files.js';

const tmp = makeTempDir();
afterAll(() => tmp.remove());
let n = 0;

async function headerOf(bytes: Uint8Array) {
  const file = await openSafetensors(tmp.write(`ok-${n++}.safetensors`, bytes));
  await file.close();
  return file.header;
}

const U64_MAX = '18446744073709551615';
const f32 = (offsets = '[0,16]', extra = '') =>
  `{"dtype":"F32","shape":[2,2],"data_offsets":${offsets}${extra}}`;

describe('quirks the reference accepts are accepted', () => {
  it('zero-sized tensor [2,0] with no data (test_zero_sized_tensor)', async () => {
    const h = await headerOf(buildRaw('{"a":{"dtype":"I32","shape":[2,0],"data_offsets":[0,0]}}'));
    expect(h.tensors.get('a')).toMatchObject({ numel: 0, byteLength: 0, dims: [2, 0] });
  });
  it('several zero-size tensors sharing offsets, before and after a real one', async () => {
    const h = await headerOf(
      buildRaw(
        `{"z1":{"dtype":"U8","shape":[0],"data_offsets":[0,0]},"a":${f32()},"z2":{"dtype":"F32","shape":[0,9],"data_offsets":[16,16]},"z0":{"dtype":"U8","shape":[0],"data_offsets":[0,0]}}`,
        16,
      ),
    );
    expect([...h.tensors.keys()]).toEqual(['z1', 'z0', 'a', 'z2']);
  });
  it('scalar I32 [] (test_empty_shapes_allowed)', async () => {
    const h = await headerOf(buildRaw('{"a":{"dtype":"I32","shape":[],"data_offsets":[0,4]}}', 4));
    expect(h.tensors.get('a')).toMatchObject({ numel: 1, dims: [] });
  });
  it('whitespace-padded headers (trailing and leading)', async () => {
    expect((await headerOf(buildRaw('{}\r \t\n'))).tensors.size).toBe(0);
    expect((await headerOf(buildRaw('\t\n{}\r '))).headerLength).toBe(6);
  });
  it('unaligned header length and unaligned tensor start', async () => {
    const h = await headerOf(
      buildRaw('{"b":{"dtype":"U8","shape":[3],"data_offsets":[0,3]},"a":' + f32('[3,19]') + '}', 19),
    );
    expect(h.headerLength % 8).not.toBe(0);
    expect(h.tensors.get('a')!.start).toBe(h.dataStart + 3);
  });
  it('array form ["F32",[4],[0,16]]', async () => {
    const h = await headerOf(buildRaw('{"a":["F32",[4],[0,16]]}', 16));
    expect(h.tensors.get('a')).toMatchObject({ dtype: 'F32', dims: [4], byteLength: 16 });
  });
  it('dtype as serde reads a unit variant from a map: {"F32": null}, in both entry forms', async () => {
    const h = await headerOf(
      buildRaw(
        '{"a":{"dtype":{"F32":null},"shape":[2],"data_offsets":[0,8]},"b":[{"I32":null},[2],[8,16]]}',
        16,
      ),
    );
    expect(h.tensors.get('a')).toMatchObject({ dtype: 'F32', dims: [2] });
    expect(h.tensors.get('b')).toMatchObject({ dtype: 'I32', dims: [2] });
  });
  it('duplicate keys inside __metadata__: last wins; null metadata is absent', async () => {
    const h = await headerOf(buildRaw('{"__metadata__":{"format":"tf","format":"pt"}}'));
    expect(h.metadata?.get('format')).toBe('pt');
    expect((await headerOf(buildRaw('{"__metadata__":null}'))).metadata).toBeNull();
  });
  it('escaped names: "F\\u00332" is F32, "__metadat\\u0061__" is metadata', async () => {
    const h = await headerOf(
      buildRaw(
        '{"__metadat\\u0061__":{"k":"v"},"a":{"dtype":"F\\u00332","shape":[4],"data_offsets":[0,16]}}',
        16,
      ),
    );
    expect(h.tensors.get('a')!.dtype).toBe('F32');
    expect(h.metadata?.get('k')).toBe('v');
  });
  it('unknown extra fields are ignored, even 125 levels deep (127 containers)', async () => {
    const deep = '['.repeat(125) + ']'.repeat(125);
    const h = await headerOf(
      buildRaw(`{"a":${f32('[0,16]', `,"x":${deep},"y":{"z":-0.5e-3},"w":true`)}}`, 16),
    );
    expect(h.tensors.size).toBe(1);
  });
  it('names: empty, NUL via escape, __proto__, non-ASCII, surrogate pair', async () => {
    const h = await headerOf(
      buildRaw(
        `{"":${f32('[0,16]')},"\\u0000":${f32('[16,32]')},"__proto__":${f32('[32,48]')},"é":${f32('[48,64]')},"\\ud83d\\ude00":${f32('[64,80]')}}`,
        80,
      ),
    );
    expect([...h.tensors.keys()]).toEqual(['', '\0', '__proto__', 'é', '😀']);
  });
  it('order-dependent overflow: [0, 2^64-1, 2] and [2^64-1, 0] are accepted', async () => {
    const h = await headerOf(
      buildRaw(
        `{"a":{"dtype":"U8","shape":[0,${U64_MAX},2],"data_offsets":[0,0]},"b":{"dtype":"U8","shape":[${U64_MAX},0],"data_offsets":[0,0]}}`,
      ),
    );
    expect(h.tensors.get('b')!.shape).toEqual([18446744073709551615n, 0n]);
    expect(h.tensors.get('a')!.numel).toBe(0);
  });
  it('JSON key order is irrelevant; tensors come back in offset order', async () => {
    const h = await headerOf(buildRaw(`{"second":${f32('[16,32]')},"first":${f32('[0,16]')}}`, 32));
    expect([...h.tensors.keys()]).toEqual(['first', 'second']);
    expect(h.tensors.get('second')!.dataOffsets).toEqual([16, 32]);
  });
  it('F4 [1,2] in 1 byte and F6 [4] in 3 bytes', async () => {
    const h = await headerOf(
      buildRaw(
        '{"a":{"dtype":"F4","shape":[1,2],"data_offsets":[0,1]},"b":{"dtype":"F6_E3M2","shape":[4],"data_offsets":[1,4]}}',
        4,
      ),
    );
    expect(h.tensors.size).toBe(2);
  });
});
