// Worker-side positioned reads of whole rows of a 2-D view of a tensor into one reusable buffer. Reads are
// synchronous, on the worker's own thread: weights mostly come from the page cache, where a read is a copy
// done by the CPU anyway, and a copy into a small buffer on the thread that then scans it leaves the rows
// in that core's cache (measured: ~20% faster checks than 4 MiB asynchronous reads run ahead on libuv's
// threads, and less system time). Workers run side by side, so one waiting on a disk does not stop others.
// Files are opened and closed synchronously too: a tile is milliseconds of work, and event-loop turns count.
import { closeSync, openSync } from 'node:fs';
import { decodeToFloat32 } from '../safetensors/decode.js';
import { readFully, readFullySync } from '../safetensors/file.js';
import type { Dtype } from '../safetensors/types.js';
import type { FileHandles } from './file-handles.js';
import type { WeightDtype } from './float-formats.js';
import type { TensorLocation } from './task-types.js';

const BYTES: Record<WeightDtype, number> = { F16: 2, BF16: 2, F32: 4, F64: 8 };

/** Typed views over the same bytes; only the one matching the dtype is meaningful. */
export interface RowChunk {
  readonly firstRow: number;
  readonly rowCount: number;
  readonly bytes: Buffer;
  readonly u16: Uint16Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
}

export class RowReader {
  private readonly buffer: Buffer;
  private readonly rowBytes: number;

  private constructor(
    private readonly fd: number,
    private readonly location: TensorLocation,
    readonly cols: number,
    readonly rowsPerChunk: number,
    into: Buffer | undefined,
  ) {
    this.rowBytes = cols * BYTES[location.dtype as WeightDtype];
    // Not from Node's shared pool, so typed views are aligned.
    this.buffer = into ?? Buffer.allocUnsafeSlow(this.rowBytes * rowsPerChunk);
  }

  /** Rows that fit in `chunkBytes` (at least one). */
  static rowsPerChunk(location: TensorLocation, cols: number, chunkBytes: number): number {
    const rowBytes = cols * BYTES[location.dtype as WeightDtype];
    return Math.max(1, Math.floor(chunkBytes / Math.max(1, rowBytes)));
  }

  /**
   * `into`, when given, is where rows land (8-byte aligned, holding `rowsPerChunk` rows), e.g. kernel
   * memory; otherwise the reader allocates its buffer itself.
   */
  static open(location: TensorLocation, cols: number, chunkBytes: number, into?: Buffer): RowReader {
    const rowBytes = cols * BYTES[location.dtype as WeightDtype];
    const rowsPerChunk = into
      ? Math.floor(into.length / Math.max(1, rowBytes))
      : RowReader.rowsPerChunk(location, cols, chunkBytes);
    return new RowReader(openSync(location.path, 'r'), location, cols, rowsPerChunk, into);
  }

  /**
   * Rows [firstRow, firstRow + rowCount) into the buffer; rowCount must not exceed rowsPerChunk. The chunk
   * stays valid until the next read.
   */
  read(firstRow: number, rowCount: number): RowChunk {
    const length = rowCount * this.rowBytes;
    const bytes = this.buffer.subarray(0, length);
    readFullySync(this.fd, this.location.path, bytes, this.location.start + firstRow * this.rowBytes);
    const ab = this.buffer.buffer;
    const at = this.buffer.byteOffset;
    return {
      firstRow,
      rowCount,
      bytes,
      u16: new Uint16Array(ab, at, length >>> 1),
      f32: new Float32Array(ab, at, length >>> 2),
      f64: new Float64Array(ab, at, length >>> 3),
    };
  }

  close(): void {
    closeSync(this.fd);
  }
}

let decodeScratch = new Float32Array(0);

/**
 * Reads a whole (small) tensor as f64 values, for LoRA factors and magnitude vectors, into `alloc`ed floats.
 * The file's bytes land in a second `alloc`ed array (reused memory, where the allocator reuses), and are
 * widened by TypedArray.set.
 */
export async function readSmallTensor(
  location: TensorLocation,
  alloc: (length: number) => Float64Array,
  files: FileHandles,
): Promise<Float64Array> {
  const count = location.dims.reduce((a, b) => a * b, 1);
  const out = alloc(count);
  const raw = location.dtype === 'F64' ? out : alloc(Math.ceil(location.byteLength / 8));
  const bytes = new Uint8Array(raw.buffer, raw.byteOffset, location.byteLength);
  await readFully(await files.get(location.path), location.path, bytes, location.start);
  if (location.dtype === 'F32') {
    out.set(new Float32Array(raw.buffer, raw.byteOffset, count));
  } else if (location.dtype !== 'F64') {
    if (decodeScratch.length < count) decodeScratch = new Float32Array(count);
    decodeToFloat32(location.dtype as Dtype, bytes, decodeScratch, count);
    out.set(decodeScratch.subarray(0, count));
  }
  return out;
}
