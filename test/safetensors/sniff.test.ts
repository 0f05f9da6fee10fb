import { afterAll, describe, expect, it } from 'vitest';
import { sniffFile } from '../../src/safetensors/index.js';
import { buildRaw, buildSafetensors } from '../helpers/safetensors.js';
import { makeTempDir } from './tmp-files.js';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

const oid = 'sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393';
const lfs = `version https://git-lfs.github.com/spec/v1\noid ${oid}\nsize 12345\n`;

describe('sniffFile decides by bytes, never by name', () => {
  it.each([
    ['empty', new Uint8Array(0), { kind: 'empty' }],
    ['5 bytes', new Uint8Array(5), { kind: 'too-small', size: 5 }],
    [
      'a 5-byte pickle (protocol 4, the int 1)',
      Buffer.from([0x80, 0x04, 0x4b, 0x01, 0x2e]),
      { kind: 'pickle', protocol: 4 },
    ],
    ['LFS pointer', Buffer.from(lfs), { kind: 'lfs-pointer', oid, size: 12345 }],
    [
      'pickle protocol 2',
      Buffer.from([0x80, 0x02, 0x7d, 0x71, 0x00, 0x28, 0x58, 0x01, 0x00]),
      { kind: 'pickle', protocol: 2 },
    ],
    [
      'pickle protocol 5',
      Buffer.from([0x80, 0x05, 0x95, 0x2d, 0, 0, 0, 0, 0, 0, 0]),
      { kind: 'pickle', protocol: 5 },
    ],
    // The reference reader takes these 8 bytes as a header length (640, 896) and parses: a broken
    // safetensors file (AL101 with the reference's error), not a pickle or a zip.
    [
      'pickle-like bytes under a small length prefix',
      Buffer.from([0x80, 0x02, 0, 0, 0, 0, 0, 0, 0x7b, 0x7d]),
      { kind: 'unknown' },
    ],
    [
      'zip-like bytes under a small length prefix',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x5b, 0x5d]),
      { kind: 'unknown' },
    ],
    ['zip (torch .pt archive)', Buffer.from('PK\x03\x04archive/data.pkl....', 'latin1'), { kind: 'zip' }],
    ['safetensors', buildSafetensors([{ name: 'a', shape: [2] }]), { kind: 'safetensors' }],
    ['safetensors with leading whitespace', buildRaw('\n {}'), { kind: 'safetensors' }],
    ['random text', Buffer.from('hello world, not a model'), { kind: 'unknown' }],
    ['0x80 with protocol 9', Buffer.from([0x80, 0x09, 0, 0, 0, 0, 0, 0, 0]), { kind: 'unknown' }],
  ] as const)('%s', async (_name, bytes, kind) => {
    // Every file gets the .safetensors name: the name must not matter.
    expect(await sniffFile(tmp.write(`${_name.replace(/\W/g, '_')}.safetensors`, bytes))).toEqual(kind);
  });

  it('a valid length prefix whose first bytes are 0x80 0x02 is still safetensors (structure first)', async () => {
    const header = `{"a":{"dtype":"U8","shape":[0],"data_offsets":[0,0]}}`.padEnd(0x0280, ' ');
    const bytes = buildRaw(header);
    expect([bytes[0], bytes[1]]).toEqual([0x80, 0x02]);
    expect(await sniffFile(tmp.write('tricky.bin', bytes))).toEqual({ kind: 'safetensors' });
  });

  it('a missing file is an IoError', async () => {
    await expect(sniffFile(`${tmp.dir}/nope`)).rejects.toMatchObject({ code: 'IoError' });
  });
});
