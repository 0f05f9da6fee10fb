// An open, validated safetensors file: positioned reads only, tensors in bounded chunks.
import { readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { decodeToFloat32 } from './decode.js';
import { dtypeBits, isDecodableDtype } from './dtypes.js';
import { SafetensorsError } from './errors.js';
import { MAX_HEADER_SIZE, parseHeader } from './header.js';
import { chunkBuffersFor, createScanner, scanStep } from './scan.js';
import type { SafetensorsHeader, TensorInfo, TensorStats } from './types.js';

export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
/**
 * Chunk buffers per tensor scan: one being scanned while the others are read. 3 measured better than 2
 * (the read of chunk i+2 is already queued when chunk i+1 lands) and no worse than 4 on 2 cores.
 */
const SCAN_DEPTH = 3;

export interface SafetensorsFile {
  readonly path: string;
  readonly header: SafetensorsHeader;
  /** Positioned read of exactly `length` bytes at absolute `position` (loops over short reads). */
  readBytes(position: number, length: number): Promise<Buffer>;
  /** A tensor's bytes in bounded chunks (default 4 MiB). Each chunk is a fresh buffer. */
  rawChunks(tensor: TensorInfo, chunkBytes?: number): AsyncGenerator<Uint8Array>;
  /** A float tensor decoded to f32 in bounded chunks; `offset` is the flat element index of values[0]. */
  floatChunks(
    tensor: TensorInfo,
    chunkElements?: number,
  ): AsyncGenerator<{ readonly offset: number; readonly values: Float32Array }>;
  /** Decode elements [first, first + count) of a float tensor (e.g. whole rows of a 2-D tensor). */
  readFloat32(tensor: TensorInfo, first?: number, count?: number): Promise<Float32Array>;
  /** One pass over the tensor's bytes: zero, NaN/Inf, min/max/absmax, sum of squares. */
  scan(tensor: TensorInfo, chunkBytes?: number): Promise<TensorStats>;
  /**
   * `scan` of each tensor, in order, with the same results, but pipelined: reads run ahead across tensor
   * boundaries, so no tensor waits for its first chunk. A failing read rejects after all reads settled.
   * `synchronous`: the same chunks read on the calling thread instead, each scanned as soon as read; for
   * worker threads, which run side by side (a page-cache read is a CPU copy anyway, and one on the scanning
   * thread saves the hand-off to libuv's threads: measured ~35% more throughput on two workers).
   */
  scanAll(
    tensors: readonly TensorInfo[],
    chunkBytes?: number,
    options?: { readonly synchronous?: boolean },
  ): Promise<TensorStats[]>;
  close(): Promise<void>;
}

export function ioError(file: string, error: unknown, offset: number | null = null): SafetensorsError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return new SafetensorsError('IoError', message, file, offset, code ? `io.${code}` : 'io', { cause: error });
}

/** Fill `target` from `position`, looping over short reads; a read of 0 bytes before the end is an error. */
export async function readFully(
  fh: FileHandle,
  file: string,
  target: Uint8Array,
  position: number,
): Promise<void> {
  let done = 0;
  while (done < target.length) {
    let bytesRead: number;
    try {
      ({ bytesRead } = await fh.read(target, done, target.length - done, position + done));
    } catch (error) {
      throw ioError(file, error, position + done);
    }
    if (bytesRead === 0) throw truncated(file, position + done);
    done += bytesRead;
  }
}

function truncated(file: string, offset: number): SafetensorsError {
  return new SafetensorsError(
    'IoError',
    'unexpected end of file: the file changed or was truncated while reading',
    file,
    offset,
    'io.truncated',
  );
}

/** `readFully` on the calling thread: for workers whose reads come from the page cache (see row-reader). */
export function readFullySync(fd: number, file: string, target: Uint8Array, position: number): void {
  let done = 0;
  while (done < target.length) {
    let bytesRead: number;
    try {
      bytesRead = readSync(fd, target, done, target.length - done, position + done);
    } catch (error) {
      throw ioError(file, error, position + done);
    }
    if (bytesRead === 0) throw truncated(file, position + done);
    done += bytesRead;
  }
}

/** Open a file for reading; a failure is a SafetensorsError (IoError) naming the file. */
export async function openForReading(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    throw ioError(path, error);
  }
}

/** Open and fully validate a file's header (never reads the data section). Throws SafetensorsError. */
export async function openSafetensors(path: string): Promise<SafetensorsFile> {
  const fh = await openForReading(path);
  try {
    const header = await readHeader(fh, path);
    return new OpenSafetensorsFile(path, fh, header);
  } catch (error) {
    await fh.close().catch(() => {});
    throw error;
  }
}

async function readHeader(fh: FileHandle, path: string): Promise<SafetensorsHeader> {
  let size: bigint;
  try {
    const stats = await fh.stat({ bigint: true });
    if (!stats.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    size = stats.size;
  } catch (error) {
    throw ioError(path, error);
  }
  if (size < 8n) throw new SafetensorsError('HeaderTooSmall', 'header too small', path, 0, 'length.small');
  const prefix = new Uint8Array(8);
  await readFully(fh, path, prefix, 0);
  const n = Buffer.from(prefix.buffer).readBigUInt64LE(0);
  if (n > BigInt(MAX_HEADER_SIZE)) {
    throw new SafetensorsError('HeaderTooLarge', `header too large: ${n} bytes`, path, 0, 'length.large');
  }
  if (8n + n > size) {
    throw new SafetensorsError(
      'InvalidHeaderLength',
      `invalid header length: ${n} bytes declared, file has ${size - 8n} after the prefix`,
      path,
      0,
      'length.past-eof',
    );
  }
  const json = new Uint8Array(Number(n));
  await readFully(fh, path, json, 8);
  return parseHeader(json, size, path);
}

class OpenSafetensorsFile implements SafetensorsFile {
  private closed = false;

  constructor(
    readonly path: string,
    private readonly fh: FileHandle,
    readonly header: SafetensorsHeader,
  ) {}

  private checkOpen(): void {
    if (this.closed) throw new SafetensorsError('IoError', 'file is closed', this.path, null, 'io.closed');
  }

  async readBytes(position: number, length: number): Promise<Buffer> {
    this.checkOpen();
    if (!Number.isSafeInteger(position) || !Number.isSafeInteger(length) || position < 0 || length < 0) {
      throw new RangeError(`invalid read range ${position}+${length}`);
    }
    if (position + length > this.header.fileSize) {
      throw new RangeError(
        `read ${position}+${length} past the end of the file (${this.header.fileSize} bytes)`,
      );
    }
    const buffer = Buffer.allocUnsafeSlow(length);
    await readFully(this.fh, this.path, buffer, position);
    return buffer;
  }

  private tensorRange(tensor: TensorInfo): void {
    const own = this.header.tensors.get(tensor.name);
    if (own === undefined || own.start !== tensor.start || own.byteLength !== tensor.byteLength) {
      throw new RangeError(`tensor ${JSON.stringify(tensor.name)} does not belong to ${this.path}`);
    }
  }

  async *rawChunks(tensor: TensorInfo, chunkBytes = DEFAULT_CHUNK_BYTES): AsyncGenerator<Uint8Array> {
    this.checkOpen();
    this.tensorRange(tensor);
    const step = Math.max(1, Math.floor(chunkBytes));
    for (let done = 0; done < tensor.byteLength; ) {
      const length = Math.min(step, tensor.byteLength - done);
      const chunk = new Uint8Array(length);
      await readFully(this.fh, this.path, chunk, tensor.start + done);
      done += length;
      yield chunk;
    }
  }

  async *floatChunks(
    tensor: TensorInfo,
    chunkElements = DEFAULT_CHUNK_BYTES / 4,
  ): AsyncGenerator<{ readonly offset: number; readonly values: Float32Array }> {
    this.checkOpen();
    this.tensorRange(tensor);
    assertDecodable(tensor);
    const elementBytes = dtypeBits(tensor.dtype) / 8;
    const step = Math.max(1, Math.floor(chunkElements));
    for (let offset = 0; offset < tensor.numel; offset += step) {
      const count = Math.min(step, tensor.numel - offset);
      const bytes = new Uint8Array(count * elementBytes);
      await readFully(this.fh, this.path, bytes, tensor.start + offset * elementBytes);
      const values = new Float32Array(count);
      decodeToFloat32(tensor.dtype, bytes, values, count);
      yield { offset, values };
    }
  }

  async readFloat32(tensor: TensorInfo, first = 0, count = tensor.numel - first): Promise<Float32Array> {
    this.checkOpen();
    this.tensorRange(tensor);
    assertDecodable(tensor);
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(count) || first < 0 || count < 0) {
      throw new RangeError(`invalid element range ${first}+${count}`);
    }
    if (first + count > tensor.numel) {
      throw new RangeError(`elements ${first}..${first + count} outside tensor of ${tensor.numel}`);
    }
    const elementBytes = dtypeBits(tensor.dtype) / 8;
    const bytes = new Uint8Array(count * elementBytes);
    await readFully(this.fh, this.path, bytes, tensor.start + first * elementBytes);
    const values = new Float32Array(count);
    decodeToFloat32(tensor.dtype, bytes, values, count);
    return values;
  }

  async scan(tensor: TensorInfo, chunkBytes = DEFAULT_CHUNK_BYTES): Promise<TensorStats> {
    const [stats] = await this.scanAll([tensor], chunkBytes);
    return stats!;
  }

  async scanAll(
    tensors: readonly TensorInfo[],
    chunkBytes = DEFAULT_CHUNK_BYTES,
    options: { readonly synchronous?: boolean } = {},
  ): Promise<TensorStats[]> {
    this.checkOpen();
    for (const tensor of tensors) this.tensorRange(tensor);
    // Each tensor is cut into the chunks a scan of it alone would use (so every result is the same), but
    // the reads run ahead across tensor boundaries: the next tensor's first chunks are read while this
    // one's last are scanned. SCAN_DEPTH buffers in a ring, each as large as the largest chunk.
    const plans = tensors.map((tensor) => {
      const step = scanStep(tensor.dtype, chunkBytes);
      return { tensor, step, chunks: Math.ceil(tensor.byteLength / step) };
    });
    const total = plans.reduce((sum, plan) => sum + plan.chunks, 0);
    const size = plans.reduce((max, plan) => Math.max(max, Math.min(plan.step, plan.tensor.byteLength)), 0);
    if (options.synchronous) return this.scanAllSynchronously(plans, size);
    const depth = Math.min(SCAN_DEPTH, total);
    // With the SIMD kernel the buffers live in its memory, so a chunk is scanned where the read put it.
    const buffers = chunkBuffersFor(
      tensors.map((tensor) => tensor.dtype),
      depth,
      size,
    );
    // The read cursor: tensor, chunk within it, and reads started in all (the ring index).
    let readPlan = 0;
    let readChunk = 0;
    let issued = 0;
    const pending: Promise<Uint8Array>[] = [];
    const start = (): void => {
      while (readChunk >= plans[readPlan]!.chunks) {
        readPlan++;
        readChunk = 0;
      }
      const { tensor, step } = plans[readPlan]!;
      const done = readChunk * step;
      const target = buffers.view(issued % depth, Math.min(step, tensor.byteLength - done));
      const read = readFully(this.fh, this.path, target, tensor.start + done).then(() => target);
      // A later read may fail while an earlier one is awaited: handled here so it is not reported as an
      // unhandled rejection (awaiting it still throws; on an error the finally below settles it).
      read.catch(() => {});
      pending.push(read);
      readChunk++;
      issued++;
    };
    const results: TensorStats[] = [];
    try {
      while (issued < depth) start();
      for (const { tensor, chunks } of plans) {
        // Made only now: a JS fallback scanner may hold a large histogram.
        const scanner = createScanner(tensor.dtype, tensor.numel);
        for (let index = 0; index < chunks; index++) {
          const chunk = await pending.shift()!;
          scanner.update(chunk);
          // The buffer just scanned is free again: start the read that will use it.
          if (issued < total) start();
        }
        results.push(scanner.result());
      }
    } finally {
      // On an error, reads still in flight must finish before their buffers are given back.
      await Promise.allSettled(pending);
      buffers.release();
    }
    return results;
  }

  private scanAllSynchronously(
    plans: readonly { readonly tensor: TensorInfo; readonly step: number; readonly chunks: number }[],
    size: number,
  ): TensorStats[] {
    const buffers = chunkBuffersFor(
      plans.map(({ tensor }) => tensor.dtype),
      1,
      size,
    );
    try {
      return plans.map(({ tensor, step, chunks }) => {
        const scanner = createScanner(tensor.dtype, tensor.numel);
        for (let index = 0; index < chunks; index++) {
          const done = index * step;
          const chunk = buffers.view(0, Math.min(step, tensor.byteLength - done));
          readFullySync(this.fh.fd, this.path, chunk, tensor.start + done);
          scanner.update(chunk);
        }
        return scanner.result();
      });
    } finally {
      buffers.release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.fh.close();
  }
}

function assertDecodable(tensor: TensorInfo): void {
  if (!isDecodableDtype(tensor.dtype)) {
    throw new TypeError(
      `tensor ${JSON.stringify(tensor.name)}: dtype ${tensor.dtype} cannot be decoded to f32`,
    );
  }
}
