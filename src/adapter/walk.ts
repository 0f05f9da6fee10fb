// Walk a folder for candidate files without ever following a symlink out of the root.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveInsideRoot } from '../safetensors/index.js';
import type { PathRefusalKind } from '../safetensors/safe-path.js';

export const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);
const MAX_DEPTH = 64;

export interface WalkEntry {
  /** Absolute path as found (not resolved). */
  readonly path: string;
  /** Why a symlink cannot be opened (it leads outside the root, or its target is missing), or null. */
  readonly refusal: { readonly kind: PathRefusalKind; readonly reason: string } | null;
}

/**
 * Files under `dir`. A symlink is resolved inside `root`: one that leads outside or dangles is returned with
 * its `refusal` (never opened, never descended into); a symlinked folder inside the root is not descended into (its
 * target is walked on its own when it lies under `dir`), a symlinked file inside the root is returned.
 */
export async function walkFolder(
  dir: string,
  root: string,
  skip: (absPath: string, isDir: boolean) => boolean,
): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  const visit = async (folder: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !skip(path, true)) await visit(path, depth + 1);
      } else if (entry.isSymbolicLink()) {
        // stat reads only metadata: it tells a linked folder (which could hide adapters) from a linked file.
        const linksFolder = await isDirectory(path);
        if (skip(path, linksFolder)) continue;
        const resolved = await resolveInsideRoot(root, path);
        if (!resolved.ok) out.push({ path, refusal: { kind: resolved.kind, reason: resolved.reason } });
        else if (!linksFolder) out.push({ path, refusal: null });
      } else if (entry.isFile()) {
        if (!skip(path, false)) out.push({ path, refusal: null });
      }
    }
  };
  await visit(dir, 0);
  return out;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
