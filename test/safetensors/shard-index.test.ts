import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readShardIndex, type ShardIndex } from '../../src/safetensors/index.js';
import { buildSafetensors } from '../helpers/safetensors.js';
import { makeTempDir } from './tmp-files.js';

const tmp = makeTempDir('st-shards-');
afterAll(() => tmp.remove());
let caseNo = 0;

const shard1 = buildSafetensors([
  { name: 'a', shape: [2] },
  { name: 'b', shape: [3] },
]);
const shard2 = buildSafetensors([{ name: 'c', dtype: 'BF16', shape: [4] }]);
const dataBytes = 8 + 12 + 8;

/** A fresh folder with two shards and the given index text (object → JSON). */
async function check(
  index: object | string,
  extraFiles: Record<string, Uint8Array> = {},
): Promise<ShardIndex> {
  const dir = join(tmp.dir, `case-${caseNo++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'model-00001-of-00002.safetensors'), shard1);
  writeFileSync(join(dir, 'model-00002-of-00002.safetensors'), shard2);
  for (const [name, bytes] of Object.entries(extraFiles)) writeFileSync(join(dir, name), bytes);
  const indexPath = join(dir, 'model.safetensors.index.json');
  writeFileSync(indexPath, typeof index === 'string' ? index : JSON.stringify(index));
  return readShardIndex(indexPath, dir);
}

const good = {
  metadata: { total_size: dataBytes },
  weight_map: {
    a: 'model-00001-of-00002.safetensors',
    b: 'model-00001-of-00002.safetensors',
    c: 'model-00002-of-00002.safetensors',
  },
};
const codes = (r: ShardIndex) => r.problems.map((p) => `${p.severity}:${p.code}`);

describe('readShardIndex', () => {
  it('a consistent index has no problems and resolves both shards', async () => {
    const r = await check(good);
    expect(codes(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.shards.map((s) => [s.name, s.header?.tensors.size])).toEqual([
      ['model-00001-of-00002.safetensors', 2],
      ['model-00002-of-00002.safetensors', 1],
    ]);
    expect(r.weightMap.get('c')).toBe('model-00002-of-00002.safetensors');
    expect(r.totalSize).toBe(BigInt(dataBytes));
  });
  it('total_size as a string of digits is read; a mismatch is only a warning', async () => {
    const r = await check({ ...good, metadata: { total_size: String(dataBytes + 1) } });
    expect(codes(r)).toEqual(['warning:index.total-size']);
    expect(r.ok).toBe(true);
  });
  it('duplicate weight_map keys are an error', async () => {
    const text = `{"weight_map":{"a":"model-00001-of-00002.safetensors","a":"model-00002-of-00002.safetensors"}}`;
    expect(codes(await check(text))).toEqual(['error:index.duplicate-key']);
  });
  it('invalid JSON, wrong types and a missing weight_map are errors', async () => {
    expect(codes(await check('{"weight_map":{}'))).toEqual(['error:index.invalid-json']);
    expect(codes(await check({ weight_map: [] }))).toEqual(['error:index.schema']);
    expect(codes(await check({ weight_map: { a: 3 } }))).toEqual(['error:index.schema']);
    expect(codes(await check({ metadata: {} }))).toEqual(['error:index.schema']);
    expect(codes(await check({ metadata: { total_size: -1 }, weight_map: {} }))).toEqual([
      'error:index.schema',
    ]);
  });
  it('nesting deeper than 64 is refused', async () => {
    const deep = '['.repeat(70) + ']'.repeat(70);
    expect(codes(await check(`{"x":${deep},"weight_map":{}}`))).toEqual(['error:index.invalid-json']);
  });
  it.each([
    ['../model-00001-of-00002.safetensors'],
    ['sub/model.safetensors'],
    ['sub\\model.safetensors'],
    ['/etc/passwd.safetensors'],
    ['https://example.com/x.safetensors'],
    ['model.bin'],
    ['C:model.safetensors'],
    ['a\u0000.safetensors'],
  ])('shard name %j is refused', async (name) => {
    const r = await check({ weight_map: { ...good.weight_map, z: name } });
    expect(codes(r)).toContain('error:shard.bad-name');
    expect(r.shards.find((s) => s.name === name)?.path).toBeNull();
  });
  it('a missing shard and a shard symlinked outside the folder are refused', async () => {
    const outside = join(tmp.dir, 'outside.safetensors');
    writeFileSync(outside, shard2);
    const dir = join(tmp.dir, `case-${caseNo}`);
    mkdirSync(dir);
    symlinkSync(outside, join(dir, 'model-00002-of-00002.safetensors'));
    writeFileSync(join(dir, 'model-00001-of-00002.safetensors'), shard1);
    writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify(good));
    caseNo++;
    const linked = await readShardIndex(join(dir, 'model.safetensors.index.json'), dir);
    expect(codes(linked)).toEqual(['error:shard.unresolvable']);
    const missing = await check({
      weight_map: { ...good.weight_map, c: 'model-00003-of-00003.safetensors' },
    });
    expect(codes(missing)).toContain('error:shard.unresolvable');
  });
  it('an invalid shard reports the reader error', async () => {
    const r = await check(good, { 'model-00002-of-00002.safetensors': new Uint8Array(3) });
    expect(codes(r)).toEqual(['error:shard.invalid']);
    expect(r.problems[0]!.error?.code).toBe('HeaderTooSmall');
  });
  it('two-way agreement: missing from a shard, unlisted, listed under another shard', async () => {
    const r = await check({
      weight_map: {
        a: 'model-00001-of-00002.safetensors',
        c: 'model-00001-of-00002.safetensors',
        ghost: 'model-00002-of-00002.safetensors',
      },
    });
    expect(codes(r).sort()).toEqual([
      'error:shard.tensor-missing',
      'error:shard.tensor-missing',
      'error:shard.tensor-unlisted',
      'error:shard.tensor-unlisted',
    ]);
    expect(
      r.problems
        .filter((p) => p.code === 'shard.tensor-unlisted')
        .map((p) => p.tensor)
        .sort(),
    ).toEqual(['b', 'c']);
  });
  it('a tensor in two shards is an error', async () => {
    const twin = buildSafetensors([{ name: 'a', shape: [2] }]);
    const r = await check(
      { weight_map: { ...good.weight_map, x: 'model-00002-of-00002.safetensors' } },
      { 'model-00002-of-00002.safetensors': twin },
    );
    expect(codes(r)).toContain('error:shard.tensor-in-two-shards');
  });
  it('numbering: gaps, a disagreeing total, and mixed names are errors', async () => {
    const gap = await check(
      { weight_map: { a: 'model-00001-of-00003.safetensors', c: 'model-00003-of-00003.safetensors' } },
      {
        'model-00001-of-00003.safetensors': buildSafetensors([{ name: 'a', shape: [1] }]),
        'model-00003-of-00003.safetensors': buildSafetensors([{ name: 'c', shape: [1] }]),
      },
    );
    expect(codes(gap)).toEqual(['error:shard.numbering']);
    expect(gap.problems[0]!.message).toContain('missing 2');
    const totals = await check(
      { weight_map: { a: 'model-00001-of-00002.safetensors', c: 'model-00002-of-00003.safetensors' } },
      {
        'model-00001-of-00002.safetensors': buildSafetensors([{ name: 'a', shape: [1] }]),
        'model-00002-of-00003.safetensors': buildSafetensors([{ name: 'c', shape: [1] }]),
      },
    );
    expect(codes(totals)).toEqual(['error:shard.numbering']);
  });
});
