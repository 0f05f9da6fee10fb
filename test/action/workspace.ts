// Temporary repositories of generated adapters for the end-to-end tests.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { llamaLora, writeAdapterFolder } from '../helpers/adapters.js';

export async function makeWorkspace(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'adapter-lint-workspace-'));
}

/** A well-formed PEFT adapter: no errors. */
export async function writeCleanAdapter(workspace: string, path: string): Promise<void> {
  await writeAdapterFolder(join(workspace, path), { tensors: llamaLora(1) });
}

/** A PEFT adapter whose weights file is cut short: one AL101 error on its weights. */
export async function writeBrokenAdapter(workspace: string, path: string): Promise<void> {
  await writeAdapterFolder(join(workspace, path), { tensors: llamaLora(1) });
  await writeFile(
    join(workspace, path, 'adapter_model.safetensors'),
    Buffer.from([16, 0, 0, 0, 0, 0, 0, 0, 0x7b]),
  );
}

/** A PEFT adapter checked out without `lfs: true`: its weights are a Git LFS pointer (AL102). */
export async function writeLfsPointerAdapter(workspace: string, path: string): Promise<void> {
  await writeAdapterFolder(join(workspace, path), { tensors: llamaLora(1) });
  const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${'a'.repeat(64)}\nsize 123456\n`;
  await writeFile(join(workspace, path, 'adapter_model.safetensors'), pointer);
}
