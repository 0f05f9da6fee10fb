import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveInsideRoot } from '../../src/safetensors/safe-path.js';
import { makeTempDir } from './tmp-files.js';

const tmp = makeTempDir('st-safe-path-');
afterAll(() => tmp.remove());
const root = join(tmp.dir, 'root');
const outside = join(tmp.dir, 'outside');
mkdirSync(join(root, 'sub'), { recursive: true });
mkdirSync(join(root, '..dots'), { recursive: true });
mkdirSync(outside);
writeFileSync(join(root, 'sub', 'a.safetensors'), 'x');
writeFileSync(join(root, '..dots', 'b.safetensors'), 'x');
writeFileSync(join(outside, 'secret.safetensors'), 'x');
symlinkSync(join(outside, 'secret.safetensors'), join(root, 'link-out.safetensors'));
symlinkSync(join(root, 'sub', 'a.safetensors'), join(root, 'link-in.safetensors'));
symlinkSync(outside, join(root, 'dir-out'));
mkdirSync(join(root, 'outside-data'));
symlinkSync('gone.safetensors', join(root, 'outside-data', 'dangling.safetensors'));
symlinkSync('loop-b', join(root, 'loop-a'));
symlinkSync('loop-a', join(root, 'loop-b'));

describe('resolveInsideRoot', () => {
  it('resolves files inside the root, relative or absolute', async () => {
    expect(await resolveInsideRoot(root, 'sub/a.safetensors')).toMatchObject({ ok: true });
    const abs = await resolveInsideRoot(root, join(root, 'sub', 'a.safetensors'));
    expect(abs.ok && abs.realPath.endsWith(join('sub', 'a.safetensors'))).toBe(true);
    expect(await resolveInsideRoot(root, '..dots/b.safetensors')).toMatchObject({ ok: true });
  });
  it('follows a symlink that stays inside', async () => {
    const r = await resolveInsideRoot(root, 'link-in.safetensors');
    expect(r.ok && r.realPath.endsWith(join('sub', 'a.safetensors'))).toBe(true);
  });
  it('refuses a symlink to a file outside the root', async () => {
    const r = await resolveInsideRoot(root, 'link-out.safetensors');
    expect(r).toMatchObject({ ok: false, kind: 'outside' });
    expect(!r.ok && r.reason).toContain('outside');
  });
  it('refuses a path through a symlinked directory outside the root', async () => {
    expect(await resolveInsideRoot(root, 'dir-out/secret.safetensors')).toMatchObject({
      ok: false,
      kind: 'outside',
    });
  });
  it('refuses ../ traversal', async () => {
    expect(await resolveInsideRoot(root, '../outside/secret.safetensors')).toMatchObject({
      ok: false,
      kind: 'outside',
    });
  });
  it('a missing file is ok:false, kind missing, with a reason', async () => {
    const r = await resolveInsideRoot(root, 'missing.safetensors');
    expect(r).toEqual({ ok: false, kind: 'missing', reason: 'missing.safetensors does not exist' });
  });
  it('a dangling symlink is missing, whatever words its path holds', async () => {
    const r = await resolveInsideRoot(root, 'outside-data/dangling.safetensors');
    expect(r).toEqual({
      ok: false,
      kind: 'missing',
      reason: 'outside-data/dangling.safetensors does not exist',
    });
  });
  it('a symlink loop is unresolvable, and a missing root is bad-root', async () => {
    expect(await resolveInsideRoot(root, 'loop-a')).toEqual({
      ok: false,
      kind: 'unresolvable',
      reason: 'loop-a cannot be resolved: ELOOP',
    });
    expect(await resolveInsideRoot(join(tmp.dir, 'no-root'), 'a')).toMatchObject({
      ok: false,
      kind: 'bad-root',
    });
  });
});
