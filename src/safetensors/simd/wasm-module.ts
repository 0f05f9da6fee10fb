// Synchronous instantiation of a committed base64 WebAssembly module, or null where WebAssembly or one of
// the features it uses (simd128) is unavailable, so callers can keep a plain JS path.

// The project's TypeScript lib has no WebAssembly declarations; these are the few pieces used here.
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: Record<string, unknown> };
}

export const WASM_PAGE_BYTES = 65536;

/** The module's exports, or null when this runtime cannot run it. */
export function instantiateBase64(base64: string): Record<string, unknown> | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return null;
  const binary = Buffer.from(base64, 'base64');
  if (!wasm.validate(binary)) return null;
  return new wasm.Instance(new wasm.Module(binary)).exports;
}
