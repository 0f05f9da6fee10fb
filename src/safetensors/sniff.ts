// What a file is, decided from its first bytes (its name only says which reader would load it).
import { SafetensorsError } from './errors.js';
import { ioError, openForReading, readFully } from './file.js';
import { MAX_HEADER_SIZE } from './header.js';
import type { FileKind } from './types.js';

const SNIFF_BYTES = 1024;
const LFS_PREFIX = 'version https://git-lfs.github.com/spec/v1';

/** Decide what a file is from its first bytes. Throws SafetensorsError (IoError) if it cannot be read. */
export async function sniffFile(path: string): Promise<FileKind> {
  const fh = await openForReading(path);
  try {
    const { size } = await fh.stat({ bigint: true });
    const head = new Uint8Array(Number(size < BigInt(SNIFF_BYTES) ? size : BigInt(SNIFF_BYTES)));
    await readFully(fh, path, head, 0);
    return sniffBytes(head, size, { safetensorsName: path.endsWith('.safetensors') });
  } catch (error) {
    throw error instanceof SafetensorsError ? error : ioError(path, error);
  } finally {
    await fh.close().catch(() => {});
  }
}

/**
 * Classify from the first bytes of a file and its total size. `safetensorsName`: the file is named
 * `.safetensors`, so the reference reader is what would load it (a `.bin` is loaded by torch.load).
 */
export function sniffBytes(
  head: Uint8Array,
  fileSize: number | bigint,
  options: { readonly safetensorsName?: boolean } = {},
): FileKind {
  const size = BigInt(fileSize);
  if (size === 0n) return { kind: 'empty' };
  // A pickle needs only its 2-byte protocol marker; a tiny one is still a pickle, not a short safetensors.
  if (size < 8n) return isPickle(head) ? pickle(head) : { kind: 'too-small', size: Number(size) };
  // Structure first: a valid length prefix can contain bytes that look like another format's magic.
  if (looksLikeSafetensors(head, size)) return { kind: 'safetensors' };
  const lfs = parseLfsPointer(head);
  if (lfs !== null) return lfs;
  // A .safetensors file whose length prefix the reference reader takes as a header length: it parses the
  // file and names the defect, so this is a broken safetensors file, not a pickle or zip (real ones have
  // prefixes far above the limit).
  const prefix = Buffer.from(head.buffer, head.byteOffset, 8).readBigUInt64LE(0);
  if (options.safetensorsName && prefix <= BigInt(MAX_HEADER_SIZE)) return { kind: 'unknown' };
  if (isPickle(head)) return pickle(head);
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return { kind: 'zip' };
  return { kind: 'unknown' };
}

function isPickle(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x80 && head[1]! >= 2 && head[1]! <= 5;
}

function pickle(head: Uint8Array): FileKind {
  return { kind: 'pickle', protocol: head[1]! };
}

function looksLikeSafetensors(head: Uint8Array, size: bigint): boolean {
  if (head.length < 8) return false;
  const n = Buffer.from(head.buffer, head.byteOffset, 8).readBigUInt64LE(0);
  if (n < 2n || n > BigInt(MAX_HEADER_SIZE) || 8n + n > size) return false;
  const end = Math.min(head.length, 8 + Number(n));
  for (let i = 8; i < end; i++) {
    const c = head[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    return c === 0x7b;
  }
  // Only whitespace within the bytes we looked at: still plausibly a padded header.
  return end < 8 + Number(n);
}

function parseLfsPointer(head: Uint8Array): FileKind | null {
  const text = Buffer.from(head.buffer, head.byteOffset, head.length).toString('latin1');
  if (!text.startsWith(LFS_PREFIX)) return null;
  const result: { kind: 'lfs-pointer'; oid?: string; size?: number } = { kind: 'lfs-pointer' };
  for (const line of text.split('\n')) {
    const oid = /^oid ([a-z0-9]+:[0-9a-f]+)$/.exec(line);
    if (oid) result.oid = oid[1]!;
    const size = /^size (\d{1,16})$/.exec(line);
    if (size) result.size = Number(size[1]);
  }
  return result;
}
