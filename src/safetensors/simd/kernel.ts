// The WebAssembly SIMD scan kernel: instantiated lazily, once per thread, synchronously. Linear memory:
// a small result area, a fixed scratch area that foreign chunks are copied into (piece by piece), then
// leased slots that callers fill themselves (file reads land there directly, so no copy). Memory grows
// only while no slot is leased, because growing detaches every view of the old buffer.
import { SCAN_KERNEL_BASE64 } from './scan-kernel-wasm.js';
import { instantiateBase64, WASM_PAGE_BYTES, type WasmMemory } from './wasm-module.js';

export type KernelDtype = 'F32' | 'BF16' | 'F16' | 'F64';

/** What the kernel reports for one chunk. */
export interface KernelChunkStats {
  readonly min: number;
  readonly max: number;
  readonly sumSquares: number;
  /** False when the chunk holds a NaN or Inf: the caller must rescan it exactly. */
  readonly allFinite: boolean;
}

type KernelExport = (pointer: number, count: number, out: number) => void;

const SCRATCH_START = 64;
/** A multiple of every element size; small enough to stay in cache between the copy and the scan. */
const SCRATCH_BYTES = 1024 * 1024 - 64;
const SLOTS_START = SCRATCH_START + SCRATCH_BYTES;
const MAX_SLOT_BYTES = 256 * 1024 * 1024;
const EXPORT_NAMES: Record<KernelDtype, string> = {
  F32: 'scan_f32',
  BF16: 'scan_bf16',
  F16: 'scan_f16',
  F64: 'scan_f64',
};
const ELEMENT_BYTES: Record<KernelDtype, number> = { F32: 4, BF16: 2, F16: 2, F64: 8 };

class ScanKernel {
  private results: Float64Array;
  private flags: Int32Array;
  private readonly slots: { offset: number; size: number; busy: boolean }[] = [];

  constructor(
    private readonly memory: WasmMemory,
    private readonly exports: Record<KernelDtype, KernelExport>,
  ) {
    this.results = new Float64Array(memory.buffer, 0, 3);
    this.flags = new Int32Array(memory.buffer, 24, 1);
    this.grow(SLOTS_START);
  }

  private grow(bytes: number): void {
    if (bytes <= this.memory.buffer.byteLength) return;
    this.memory.grow(Math.ceil((bytes - this.memory.buffer.byteLength) / WASM_PAGE_BYTES));
    this.results = new Float64Array(this.memory.buffer, 0, 3);
    this.flags = new Int32Array(this.memory.buffer, 24, 1);
  }

  /**
   * A slot of `byteLength` bytes in linear memory for the caller to fill, as an offset; null when it would
   * need memory to grow while another slot is leased, or past MAX_SLOT_BYTES in all. Give it back with
   * `release`. Views of it (`view`) stay valid until then.
   */
  lease(byteLength: number): number | null {
    const size = Math.ceil(byteLength / 64) * 64;
    const free = this.slots.find((slot) => !slot.busy && slot.size >= size);
    if (free !== undefined) {
      free.busy = true;
      return free.offset;
    }
    const last = this.slots[this.slots.length - 1];
    const offset = last === undefined ? SLOTS_START : last.offset + last.size;
    const fits = offset + size <= this.memory.buffer.byteLength;
    if (offset + size > SLOTS_START + MAX_SLOT_BYTES || (!fits && this.slots.some((s) => s.busy)))
      return null;
    this.grow(offset + size);
    this.slots.push({ offset, size, busy: true });
    return offset;
  }

  release(offset: number): void {
    const slot = this.slots.find((s) => s.offset === offset);
    if (slot !== undefined) slot.busy = false;
  }

  view(offset: number, byteLength: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, offset, byteLength);
  }

  /**
   * Scan whole elements of `chunk` (its length must be a multiple of the element size). A chunk inside a
   * leased slot is scanned where it is; any other is copied through the scratch area piece by piece.
   */
  scan(dtype: KernelDtype, chunk: Uint8Array): KernelChunkStats {
    if (chunk.buffer === this.memory.buffer) return this.run(dtype, chunk.byteOffset, chunk.length);
    const scratch = new Uint8Array(this.memory.buffer, SCRATCH_START, SCRATCH_BYTES);
    let min = Infinity;
    let max = -Infinity;
    let sumSquares = 0;
    let allFinite = true;
    for (let at = 0; at < chunk.length || at === 0; at += SCRATCH_BYTES) {
      const piece = chunk.subarray(at, at + SCRATCH_BYTES);
      scratch.set(piece);
      const stats = this.run(dtype, SCRATCH_START, piece.length);
      if (chunk.length <= SCRATCH_BYTES) return stats;
      // Math.min/max order -0 below +0 like the kernel.
      min = Math.min(min, stats.min);
      max = Math.max(max, stats.max);
      sumSquares += stats.sumSquares;
      allFinite &&= stats.allFinite;
    }
    return { min, max, sumSquares, allFinite };
  }

  private run(dtype: KernelDtype, pointer: number, byteLength: number): KernelChunkStats {
    this.exports[dtype](pointer, byteLength / ELEMENT_BYTES[dtype], 0);
    const [min, max, sumSquares] = this.results as unknown as [number, number, number];
    return { min, max, sumSquares, allFinite: this.flags[0] === 0 && Number.isFinite(sumSquares) };
  }
}

let kernel: ScanKernel | null | undefined;

function instantiate(): ScanKernel | null {
  // Null where simd128 is unsupported: the callers then keep the plain JS scanners.
  const exported = instantiateBase64(SCAN_KERNEL_BASE64);
  if (exported === null) return null;
  const functions = {} as Record<KernelDtype, KernelExport>;
  for (const [dtype, name] of Object.entries(EXPORT_NAMES)) {
    functions[dtype as KernelDtype] = exported[name] as KernelExport;
  }
  return new ScanKernel(exported.memory as WasmMemory, functions);
}

/** The thread's kernel, or null when WebAssembly SIMD is unavailable. */
export function scanKernel(): ScanKernel | null {
  if (kernel === undefined) kernel = instantiate();
  return kernel;
}

export type { ScanKernel };
