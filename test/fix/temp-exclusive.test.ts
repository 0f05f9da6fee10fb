// The temporary file is created exclusively: whatever already sits at its name (here a symlink planted at the
// exact random name, which the mocked random source makes predictable) is neither followed nor overwritten.
import { lstat, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { rewriteTensorNames, temporaryPathFor } from '../../src/fix/rewrite-safetensors.js';
import { buildSafetensors } from '../helpers/safetensors.js';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, randomBytes: (size: number) => Buffer.alloc(size, 0xab) };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adapter-lint-excl-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('refuses to write through a symlink already at the temporary name', async () => {
  const victim = join(dir, 'victim.txt');
  await writeFile(victim, 'precious');
  const path = join(dir, 'adapter_model.safetensors');
  const original = buildSafetensors([{ name: 'x.lora_A.default.weight', shape: [2, 2], data: [1, 2, 3, 4] }]);
  await writeFile(path, original);
  const planted = temporaryPathFor(path);
  expect(planted).toBe(join(dir, `.adapter_model.safetensors.adapter-lint-${'ab'.repeat(8)}.tmp`));
  await symlink(victim, planted);

  await expect(
    rewriteTensorNames(path, new Map([['x.lora_A.default.weight', 'x.lora_A.weight']])),
  ).rejects.toThrow(/EEXIST/);
  expect(await readFile(victim, 'utf8')).toBe('precious');
  expect((await lstat(planted)).isSymbolicLink()).toBe(true);
  expect(Buffer.compare(await readFile(path), original)).toBe(0);
});
