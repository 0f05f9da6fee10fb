// Resolve a path (symlinks included) and refuse anything that lands outside the root being linted (AL107).
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Why a path was refused: `outside` it resolves outside the root (AL107); `missing` it, or the target of a
 * link on the way, does not exist (a dangling symlink); `unresolvable` realpath failed otherwise (a link
 * loop, no permission); `bad-root` the root itself cannot be resolved.
 */
export type PathRefusalKind = 'outside' | 'missing' | 'unresolvable' | 'bad-root';

export type ResolvedPath =
  | { readonly ok: true; readonly realPath: string }
  | { readonly ok: false; readonly kind: PathRefusalKind; readonly reason: string };

/** `p` may be relative to `root`. Both are resolved with realpath; a missing file is `ok: false`. */
export async function resolveInsideRoot(root: string, p: string): Promise<ResolvedPath> {
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch (error) {
    return { ok: false, kind: 'bad-root', reason: `root ${root} cannot be resolved: ${errorCode(error)}` };
  }
  const candidate = resolve(root, p);
  let realPath: string;
  try {
    realPath = await realpath(candidate);
  } catch (error) {
    const code = errorCode(error);
    return code === 'ENOENT'
      ? { ok: false, kind: 'missing', reason: `${p} does not exist` }
      : { ok: false, kind: 'unresolvable', reason: `${p} cannot be resolved: ${code}` };
  }
  if (!isInside(realRoot, realPath)) {
    return { ok: false, kind: 'outside', reason: `${p} resolves to ${realPath}, outside ${realRoot}` };
  }
  return { ok: true, realPath };
}

/** True when `target` is `root` or below it (both already absolute and resolved). */
export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? String(error);
}
