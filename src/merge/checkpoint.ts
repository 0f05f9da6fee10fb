// Locating base and merged weights: a .safetensors file, a shard index, or a folder holding either
// (transformers and diffusers names, or diffusers component subfolders). Problems become FileProblems.
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { DIFFUSERS_COMPONENTS } from '../adapter/diffusers-key.js';
import { invalidSafetensors } from '../adapter/load.js';
import { openSafetensors, readShardIndex, sniffFile } from '../safetensors/index.js';
import type { TensorInfo } from '../safetensors/types.js';
import type { FileProblem } from '../types.js';

export interface CheckpointTensor {
  /** Name in this catalog (component-prefixed for diffusers pipeline folders). */
  readonly name: string;
  /** Absolute path of the file holding it. */
  readonly path: string;
  /** Display path (relative to cwd, forward slashes). */
  readonly file: string;
  readonly info: TensorInfo;
}

export interface Checkpoint {
  readonly display: string;
  readonly tensors: ReadonlyMap<string, CheckpointTensor>;
  readonly problems: readonly FileProblem[];
  /** False when nothing could be read at all. */
  readonly readable: boolean;
}

const SINGLE_NAMES = ['model.safetensors', 'diffusion_pytorch_model.safetensors'];
const INDEX_NAMES = ['model.safetensors.index.json', 'diffusion_pytorch_model.safetensors.index.json'];
/** Pipeline folders that hold a component's weights (the adapter's component prefixes, plus the VAE). */
const COMPONENTS = [...DIFFUSERS_COMPONENTS, 'vae'];

export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

export async function openCheckpoint(cwd: string, pathArg: string): Promise<Checkpoint> {
  const path = resolve(cwd, pathArg);
  const tensors = new Map<string, CheckpointTensor>();
  const problems: FileProblem[] = [];
  const display = displayPath(cwd, path);
  const kind = await statKind(path);
  if (kind === null) {
    problems.push({ kind: 'unreadable', file: display, message: `no such file or folder: ${display}` });
  } else if (kind === 'file') {
    if (path.endsWith('.index.json')) await addSharded(cwd, path, '', tensors, problems);
    else await addFile(cwd, path, '', tensors, problems);
  } else {
    const found = await addFolder(cwd, path, '', tensors, problems);
    if (!found) {
      let any = false;
      for (const component of COMPONENTS) {
        const sub = join(path, component);
        if ((await statKind(sub)) === 'dir')
          any = (await addFolder(cwd, sub, `${component}.`, tensors, problems)) || any;
      }
      if (!any) {
        problems.push({
          kind: 'unreadable',
          file: display,
          message: `${display} holds no model.safetensors, diffusion_pytorch_model.safetensors or shard index`,
        });
      }
    }
  }
  return { display, tensors, problems, readable: tensors.size > 0 };
}

async function statKind(path: string): Promise<'file' | 'dir' | null> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : null;
  } catch {
    return null;
  }
}

async function addFolder(
  cwd: string,
  dir: string,
  prefix: string,
  tensors: Map<string, CheckpointTensor>,
  problems: FileProblem[],
): Promise<boolean> {
  for (const name of INDEX_NAMES) {
    if ((await statKind(join(dir, name))) === 'file') {
      await addSharded(cwd, join(dir, name), prefix, tensors, problems);
      return true;
    }
  }
  for (const name of SINGLE_NAMES) {
    if ((await statKind(join(dir, name))) === 'file') {
      await addFile(cwd, join(dir, name), prefix, tensors, problems);
      return true;
    }
  }
  // A folder with a single weights file under another name.
  const entries = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.safetensors'));
  if (entries.length === 1) {
    await addFile(cwd, join(dir, entries[0]!), prefix, tensors, problems);
    return true;
  }
  return false;
}

async function addFile(
  cwd: string,
  path: string,
  prefix: string,
  tensors: Map<string, CheckpointTensor>,
  problems: FileProblem[],
): Promise<void> {
  const file = displayPath(cwd, path);
  try {
    const kind = await sniffFile(path);
    if (kind.kind === 'lfs-pointer') {
      problems.push({ kind: 'lfs-pointer', file, oid: kind.oid, size: kind.size });
      return;
    }
    if (kind.kind === 'pickle' || kind.kind === 'zip') {
      problems.push({ kind: 'pickle', file, reason: 'base weights are a pickle: they are not loaded' });
      return;
    }
    const st = await openSafetensors(path);
    try {
      for (const info of st.header.tensors.values()) {
        tensors.set(prefix + info.name, { name: prefix + info.name, path, file, info });
      }
    } finally {
      await st.close();
    }
  } catch (error) {
    problems.push(invalidSafetensors(file, error));
  }
}

async function addSharded(
  cwd: string,
  indexPath: string,
  prefix: string,
  tensors: Map<string, CheckpointTensor>,
  problems: FileProblem[],
): Promise<void> {
  const file = displayPath(cwd, indexPath);
  const root = dirname(indexPath);
  try {
    const index = await readShardIndex(indexPath, root);
    for (const problem of index.problems) {
      if (problem.code === 'shard.invalid' && problem.error && problem.shard) {
        problems.push(
          invalidSafetensors(displayPath(cwd, join(root, basename(problem.shard))), problem.error),
        );
      } else {
        problems.push({
          kind: 'bad-shard-index',
          file,
          message: problem.message,
          severity: problem.severity,
        });
      }
    }
    for (const shard of index.shards) {
      if (!shard.path || !shard.header) continue;
      const shardFile = displayPath(cwd, shard.path);
      for (const info of shard.header.tensors.values()) {
        // The weight map decides which shard a tensor belongs to; a stray copy elsewhere is ignored.
        const owner = index.weightMap.get(info.name);
        if (owner !== undefined && owner !== shard.name) continue;
        tensors.set(prefix + info.name, {
          name: prefix + info.name,
          path: shard.path,
          file: shardFile,
          info,
        });
      }
    }
  } catch (error) {
    problems.push(invalidSafetensors(file, error));
  }
}
