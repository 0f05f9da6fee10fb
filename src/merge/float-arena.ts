// Reusable float arrays for prepared factors. Fresh memory is costly to touch (a page fault per 4 KiB: in
// the VMs CI runs on, ~1 ms per MiB for an ArrayBuffer and ~3 ms for a SharedArrayBuffer, more than the
// work done with it), so each module's arrays go back to a free list when its tasks are over.
import type { FloatAllocator } from './factors.js';

/** Bytes of free arrays kept for reuse; beyond this, released arrays are left to the garbage collector. */
const KEEP_BYTES = 64 * 1024 * 1024;

export class FloatArena {
  private static readonly arenas = new Map<boolean, FloatArena>();

  /** The process's arena for shared (SharedArrayBuffer) or local arrays: kept from one run to the next. */
  static of(shared: boolean): FloatArena {
    let arena = FloatArena.arenas.get(shared);
    if (!arena) {
      arena = new FloatArena(shared);
      FloatArena.arenas.set(shared, arena);
    }
    return arena;
  }

  /** Free buffers by size class (bytes rounded up to a quarter of their power of two: ≤ 25% unused). */
  private readonly free = new Map<number, ArrayBufferLike[]>();
  private freeBytes = 0;

  private constructor(private readonly shared: boolean) {}

  /** An allocator whose arrays (reused ones hold old values) are listed in `taken`, to give back with `release`. */
  allocator(taken: Float64Array[]): FloatAllocator {
    return (length) => {
      const array = this.take(length);
      taken.push(array);
      return array;
    };
  }

  release(arrays: readonly Float64Array[]): void {
    for (const array of arrays) {
      const buffer = array.buffer;
      if (this.freeBytes + buffer.byteLength > KEEP_BYTES) continue;
      const list = this.free.get(buffer.byteLength) ?? [];
      list.push(buffer);
      this.free.set(buffer.byteLength, list);
      this.freeBytes += buffer.byteLength;
    }
  }

  private take(length: number): Float64Array {
    const bytes = Math.max(64, length * 8);
    const unit = 2 ** Math.max(4, Math.floor(Math.log2(bytes)) - 2);
    const size = Math.ceil(bytes / unit) * unit;
    const buffer = this.free.get(size)?.pop();
    if (buffer) {
      this.freeBytes -= size;
      return new Float64Array(buffer, 0, length);
    }
    return new Float64Array(this.shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size), 0, length);
  }
}
