// Rewrites a safetensors file with renamed tensors into a temporary file in the same folder that is renamed
// over the original only when complete. When the new header fits in the old one (renames that drop adapter
// names, prefixes or wrappers only shorten keys), the file is copied by the kernel (copy_file_range, at disk
// speed) and the header is overwritten in place, padded with spaces to the old length (JSON whitespace the
// format allows); otherwise a new header is written and the data section streamed after it in bounded chunks.
// Shard indexes get the same treatment: only the renamed `weight_map` keys change, every other byte is kept.
//
// The temporary file has a random name and is created with O_CREAT|O_EXCL ('wx'): a symlink or file planted
// under that name (the Action fixes pull-request content) makes the open fail instead of being followed or
// overwritten. Leftovers of an interrupted run are reported, never deleted: a file named like ours may still be
// someone else's (committed to the repository, or another fix running right now), so a person decides.
import { randomBytes } from 'node:crypto';
import {
  constants,
  copyFile,
  type FileHandle,
  lstat,
  open,
  readdir,
  readFile,
  rename,
  stat,
  unlink,
} from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { openSafetensors, type SafetensorsHeader } from '../safetensors/index.js';
import { JsonCursor } from '../safetensors/json-tokenizer.js';
import { encodeHeader, type HeaderEntry } from '../safetensors/write.js';

const COPY_CHUNK_BYTES = 8 * 1024 * 1024;
const TEMP_MARK = '.adapter-lint-';

export interface RewriteHooks {
  /** Called after each data chunk is written (tests use it to fail or stop mid-write). */
  readonly afterChunk?: (bytesCopied: number) => void | Promise<void>;
}

/** A fresh temporary path for rewriting `path`: `.<name>.adapter-lint-<16 hex>.tmp` in the same folder. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}${TEMP_MARK}${randomBytes(8).toString('hex')}.tmp`);
}

/** True for names our rewrites of `target` use: the random form, and the fixed `.X.adapter-lint-tmp` of old. */
export function isTemporaryNameFor(target: string, name: string): boolean {
  const stem = `.${basename(target)}${TEMP_MARK}`;
  if (!name.startsWith(stem)) return false;
  const rest = name.slice(stem.length);
  return rest === 'tmp' || /^[0-9a-f]{16}\.tmp$/.test(rest);
}

export interface Leftover {
  readonly path: string;
  /** `file` for a regular file (a partial copy), otherwise what it is (it was not followed). */
  readonly kind: 'file' | 'symlink' | 'other';
}

/** Temporary files named like ours for `target`, left by an interrupted rewrite (or planted). */
export async function findLeftoverTemporaries(target: string): Promise<Leftover[]> {
  const folder = dirname(target);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const found: Leftover[] = [];
  for (const name of names.sort()) {
    if (!isTemporaryNameFor(target, name)) continue;
    const path = join(folder, name);
    try {
      const info = await lstat(path);
      found.push({ path, kind: info.isFile() ? 'file' : info.isSymbolicLink() ? 'symlink' : 'other' });
    } catch {
      // Gone in the meantime.
    }
  }
  return found;
}

/** A complete, checked temporary file waiting to replace its target. */
export interface PreparedRewrite {
  readonly target: string;
  readonly temporary: string;
  /** Tensors (or weight_map entries) renamed. */
  readonly renamed: number;
  /** Put the temporary file in place (atomic rename). */
  commit(): Promise<void>;
  /** Remove the temporary file (after a failure elsewhere in the same adapter). */
  discard(): Promise<void>;
}

/**
 * Writes the renamed copy of `path` to a new temporary file and checks it with the strict reader; the original
 * is not touched. The copy keeps the original's permission bits.
 */
export async function prepareTensorRename(
  path: string,
  renames: ReadonlyMap<string, string>,
  hooks: RewriteHooks = {},
): Promise<PreparedRewrite> {
  const source = await openSafetensors(path);
  try {
    let renamed = 0;
    const entries: HeaderEntry[] = [];
    for (const info of source.header.tensors.values()) {
      const name = renames.get(info.name) ?? info.name;
      if (name !== info.name) renamed++;
      entries.push({ name, dtype: info.dtype, shape: info.shape, dataOffsets: info.dataOffsets });
    }
    const dataLength = source.header.fileSize - source.header.dataStart;
    const compact = encodeHeader(entries, source.header.metadata);
    const temporary =
      compact.length <= source.header.dataStart
        ? await copyTemporary(path, async (write) => {
            await hooks.afterChunk?.(dataLength);
            await write(encodeHeader(entries, source.header.metadata, source.header.headerLength), 0);
          })
        : await writeTemporary(path, async (write) => {
            await write(compact, 0);
            let copied = 0;
            while (copied < dataLength) {
              const length = Math.min(COPY_CHUNK_BYTES, dataLength - copied);
              const chunk = await source.readBytes(source.header.dataStart + copied, length);
              await write(chunk, compact.length + copied);
              copied += length;
              await hooks.afterChunk?.(copied);
            }
          });
    try {
      // Never put a file in place that the strict reader would refuse, or that does not hold exactly the
      // planned tensors (the original could have been replaced between reading its header and copying it).
      const check = await openSafetensors(temporary);
      try {
        assertHolds(check.header, entries, dataLength);
      } finally {
        await check.close();
      }
    } catch (error) {
      await unlink(temporary).catch(() => {});
      throw error;
    }
    return prepared(path, temporary, renamed);
  } finally {
    await source.close();
  }
}

function assertHolds(header: SafetensorsHeader, entries: readonly HeaderEntry[], dataLength: number): void {
  const same =
    header.fileSize - header.dataStart === dataLength &&
    header.tensors.size === entries.length &&
    entries.every((e) => {
      const t = header.tensors.get(e.name);
      return (
        t !== undefined &&
        t.dtype === e.dtype &&
        t.dataOffsets[0] === e.dataOffsets[0] &&
        t.dataOffsets[1] === e.dataOffsets[1] &&
        t.shape.length === e.shape.length &&
        t.shape.every((d, i) => d === BigInt(e.shape[i]!))
      );
    });
  if (!same)
    throw new Error('the rewritten file does not hold the planned tensors (did the file change meanwhile?)');
}

/**
 * Renames tensors of `path` per `renames` (old name -> new name). Tensor bytes and `__metadata__` are kept;
 * the original stays intact on any failure. Returns the number of tensors renamed.
 */
export async function rewriteTensorNames(
  path: string,
  renames: ReadonlyMap<string, string>,
  hooks: RewriteHooks = {},
): Promise<number> {
  const rewrite = await prepareTensorRename(path, renames, hooks);
  await rewrite.commit();
  return rewrite.renamed;
}

/**
 * The shard index at `path` with its `weight_map` keys renamed: only the renamed key strings change, so every
 * other field (metadata, total_size, formatting) is kept byte for byte. Fails when a key to rename is missing.
 */
export async function prepareIndexRename(
  path: string,
  renames: ReadonlyMap<string, string>,
): Promise<PreparedRewrite> {
  const bytes = await readFile(path);
  const edits: Array<{ start: number; end: number; text: Buffer }> = [];
  const seen = new Set<string>();
  const cursor = new JsonCursor(bytes);
  cursor.readObject((key) => {
    if (key !== 'weight_map') {
      cursor.skipValue();
      return;
    }
    cursor.readObject((tensor, keyIndex) => {
      const to = renames.get(tensor);
      if (to !== undefined) {
        const keyEnd = new JsonCursor(bytes);
        keyEnd.pos = keyIndex;
        keyEnd.readString();
        edits.push({ start: keyIndex, end: keyEnd.pos, text: Buffer.from(JSON.stringify(to), 'utf8') });
        seen.add(tensor);
      }
      cursor.skipValue();
    });
  });
  cursor.expectEnd();
  const missing = [...renames.keys()].filter((k) => !seen.has(k));
  if (missing.length > 0) {
    throw new Error(
      `the index has no weight_map entry ${JSON.stringify(missing[0])} (it changed meanwhile?)`,
    );
  }
  const parts: Buffer[] = [];
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    parts.push(Buffer.from(bytes.subarray(at, edit.start)), edit.text);
    at = edit.end;
  }
  parts.push(Buffer.from(bytes.subarray(at)));
  const text = Buffer.concat(parts);
  const temporary = await writeTemporary(path, (write) => write(text, 0));
  try {
    checkIndexText(bytes, await readFile(temporary), renames);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
  return prepared(path, temporary, edits.length);
}

/** The rewritten index must parse and hold the same weight_map entries under the new names. */
function checkIndexText(
  original: Uint8Array,
  rewritten: Uint8Array,
  renames: ReadonlyMap<string, string>,
): void {
  const entries = (bytes: Uint8Array): Array<[string, unknown]> => {
    const parsed: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
    const map = (parsed as { weight_map?: unknown } | null)?.weight_map;
    if (typeof map !== 'object' || map === null) throw new Error('the index has no weight_map');
    return Object.entries(map);
  };
  const expected = entries(original).map(([k, v]) => JSON.stringify([renames.get(k) ?? k, v]));
  const actual = entries(rewritten).map(([k, v]) => JSON.stringify([k, v]));
  if (JSON.stringify(expected.sort()) !== JSON.stringify(actual.sort())) {
    throw new Error('the rewritten index does not hold the expected weight_map');
  }
}

function prepared(target: string, temporary: string, renamed: number): PreparedRewrite {
  return {
    target,
    temporary,
    renamed,
    commit: () => rename(temporary, target),
    discard: () => unlink(temporary).catch(() => {}),
  };
}

type Write = (bytes: Uint8Array, position: number) => Promise<void>;

/** A new temporary file beside `target`, filled by `fill`, synced, with `target`'s permission bits. */
async function writeTemporary(target: string, fill: (write: Write) => Promise<void>): Promise<string> {
  const temporary = temporaryPathFor(target);
  // 'wx': O_EXCL refuses an existing name, symlinks included, so nothing is written through a planted link.
  const out = await open(temporary, 'wx', 0o600);
  return finishTemporary(target, temporary, out, fill);
}

/** A kernel copy of `target` beside it, then patched by `fill`, synced, with `target`'s permission bits. */
async function copyTemporary(target: string, fill: (write: Write) => Promise<void>): Promise<string> {
  const temporary = temporaryPathFor(target);
  // COPYFILE_EXCL creates the copy with O_EXCL: a planted name (a symlink included) fails and is left alone.
  await copyFile(target, temporary, constants.COPYFILE_EXCL);
  let out: FileHandle;
  try {
    out = await open(temporary, 'r+');
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
  return finishTemporary(target, temporary, out, fill);
}

async function finishTemporary(
  target: string,
  temporary: string,
  out: FileHandle,
  fill: (write: Write) => Promise<void>,
): Promise<string> {
  try {
    try {
      const { mode } = await stat(target);
      await fill(async (bytes, position) => {
        let done = 0;
        while (done < bytes.length) {
          const { bytesWritten } = await out.write(bytes, done, bytes.length - done, position + done);
          done += bytesWritten;
        }
      });
      await out.chmod(mode & 0o7777);
      await out.sync();
    } finally {
      await out.close();
    }
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
  return temporary;
}
