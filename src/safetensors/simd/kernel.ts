// The WebAssembly SIMD scan kernel: instantiated lazily, once per thread, synchronously. Chunks are copied
// into linear memory after a small result area; memory grows when a larger chunk arrives.
import { SCAN_KERNEL_BASE64 } from './scan-kernel-wasm.js';

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

// The project's TypeScript lib has no WebAssembly declarations; these are the few pieces used here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: Record<string, unknown> };
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

const RESULT_BYTES = 64;
const PAGE_BYTES = 65536;
const EXPORT_NAMES: Record<KernelDtype, string> = {
  F32: 'scan_f32',
  BF16: 'scan_bf16',
  F16: 'scan_f16',
  F64: 'scan_f64',
};
const ELEMENT_BYTES: Record<KernelDtype, number> = { F32: 4, BF16: 2, F16: 2, F64: 8 };

class ScanKernel {
  private bytes: Uint8Array;
  private results: Float64Array;
  private flags: Int32Array;

  constructor(
    private readonly memory: WasmMemory,
    private readonly exports: Record<KernelDtype, KernelExport>,
  ) {
    this.bytes = new Uint8Array(memory.buffer);
    this.results = new Float64Array(memory.buffer, 0, 3);
    this.flags = new Int32Array(memory.buffer, 24, 1);
  }

  private reserve(byteLength: number): void {
    const needed = RESULT_BYTES + byteLength;
    if (needed <= this.memory.buffer.byteLength) return;
    this.memory.grow(Math.ceil((needed - this.memory.buffer.byteLength) / PAGE_BYTES));
    this.bytes = new Uint8Array(this.memory.buffer);
    this.results = new Float64Array(this.memory.buffer, 0, 3);
    this.flags = new Int32Array(this.memory.buffer, 24, 1);
  }

  /** Scan whole elements of `chunk` (its length must be a multiple of the element size). */
  scan(dtype: KernelDtype, chunk: Uint8Array): KernelChunkStats {
    this.reserve(chunk.length);
    this.bytes.set(chunk, RESULT_BYTES);
    this.exports[dtype](RESULT_BYTES, chunk.length / ELEMENT_BYTES[dtype], 0);
    const [min, max, sumSquares] = this.results as unknown as [number, number, number];
    return { min, max, sumSquares, allFinite: this.flags[0] === 0 && Number.isFinite(sumSquares) };
  }
}

let kernel: ScanKernel | null | undefined;

function instantiate(): ScanKernel | null {
  if (wasm === undefined) return null;
  const binary = Buffer.from(SCAN_KERNEL_BASE64, 'base64');
  // validate() is false where simd128 is unsupported: the callers then keep the plain JS scanners.
  if (!wasm.validate(binary)) return null;
  const instance = new wasm.Instance(new wasm.Module(binary));
  const exported = instance.exports;
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
