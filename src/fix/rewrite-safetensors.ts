// Rewrites a safetensors file with renamed tensors: a new header, then the data section copied unchanged in
// bounded chunks, into a temporary file in the same folder that is renamed over the original only when complete.
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { openSafetensors } from '../safetensors/index.js';
import { encodeHeader, type HeaderEntry } from '../safetensors/write.js';

const COPY_CHUNK_BYTES = 8 * 1024 * 1024;

export interface RewriteHooks {
  /** Called after each data chunk is written (tests use it to fail or stop mid-write). */
  readonly afterChunk?: (bytesCopied: number) => void | Promise<void>;
}

/** The temporary file used while rewriting `path`; a leftover one means an earlier rewrite was interrupted. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.adapter-lint-tmp`);
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
  const source = await openSafetensors(path);
  const temporary = temporaryPathFor(path);
  let renamed = 0;
  try {
    const entries: HeaderEntry[] = [];
    for (const info of source.header.tensors.values()) {
      const name = renames.get(info.name) ?? info.name;
      if (name !== info.name) renamed++;
      entries.push({ name, dtype: info.dtype, shape: info.shape, dataOffsets: info.dataOffsets });
    }
    const header = encodeHeader(entries, source.header.metadata);
    const out = await open(temporary, 'w');
    try {
      await out.write(header, 0, header.length, 0);
      const dataLength = source.header.fileSize - source.header.dataStart;
      let copied = 0;
      while (copied < dataLength) {
        const length = Math.min(COPY_CHUNK_BYTES, dataLength - copied);
        const chunk = await source.readBytes(source.header.dataStart + copied, length);
        await out.write(chunk, 0, chunk.length, header.length + copied);
        copied += length;
        await hooks.afterChunk?.(copied);
      }
      await out.sync();
    } finally {
      await out.close();
    }
    // Never put a file in place that the strict reader would refuse.
    await (await openSafetensors(temporary)).close();
    await rename(temporary, path);
    return renamed;
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  } finally {
    await source.close();
  }
}
