// A tensor scanner that runs the WebAssembly SIMD kernel on each chunk and hands the rare chunk holding a
// NaN or Inf to an exact JS scanner, which also keeps the flat index of the first one. That scanner is
// created only when such a chunk arrives: for BF16/F16 it is a 64 Ki-bin histogram whose setup and final
// pass would otherwise cost about as much as scanning a few MiB, for every tensor.
import type { TensorScanner } from '../scan.js';
import type { TensorStats } from '../types.js';
import type { KernelDtype, ScanKernel } from './kernel.js';

/** A JS scanner that can also be told to step over elements scanned elsewhere. */
export interface ExactScanner extends TensorScanner {
  advance(elements: number): void;
}

const ELEMENT_BYTES: Record<KernelDtype, number> = { F32: 4, BF16: 2, F16: 2, F64: 8 };

/** What the exact scanner would report had it seen only finite chunks (only these fields are read). */
const NO_NON_FINITE = {
  nanCount: 0,
  posInfCount: 0,
  negInfCount: 0,
  firstNonFinite: -1,
  min: Number.NaN,
  max: Number.NaN,
  absMax: Number.NaN,
  sumSquares: Number.NaN,
} as const;

export class SimdScanner implements TensorScanner {
  readonly chunkMultiple: number;
  private readonly elementBytes: number;
  private min = Infinity;
  private max = -Infinity;
  private sumSquares = 0;
  private exact: ExactScanner | null = null;
  /** Elements (f32 components for C64) scanned by the kernel before the exact scanner existed. */
  private skipped = 0;

  constructor(
    readonly kernel: ScanKernel,
    private readonly dtype: KernelDtype,
    private readonly numel: number,
    /** Makes the exact scanner, on the first chunk holding a NaN or Inf. */
    private readonly createExact: () => ExactScanner,
    /** C64 runs as F32 components: no min/max are reported. */
    private readonly complex = false,
  ) {
    this.elementBytes = ELEMENT_BYTES[dtype];
    // Chunks must hold whole elements of the tensor's dtype: 8 bytes for C64, else the kernel's element.
    this.chunkMultiple = complex ? 8 : this.elementBytes;
  }

  update(chunk: Uint8Array): void {
    const stats = this.kernel.scan(this.dtype, chunk);
    if (!stats.allFinite) {
      if (this.exact === null) {
        this.exact = this.createExact();
        this.exact.advance(this.skipped);
      }
      this.exact.update(chunk);
      return;
    }
    // Math.min/max match the kernel's order of -0 and +0.
    this.min = Math.min(this.min, stats.min);
    this.max = Math.max(this.max, stats.max);
    this.sumSquares += stats.sumSquares;
    // For C64 these are f32 components, which is what the exact scanner counts too.
    const elements = Math.floor(chunk.length / this.elementBytes);
    if (this.exact === null) this.skipped += elements;
    else this.exact.advance(elements);
  }

  result(): TensorStats {
    const exact = this.exact?.result() ?? NO_NON_FINITE;
    let { min, max, sumSquares } = this;
    // The exact scanner reports NaN min/max/sum when it saw no finite value (or none at all).
    if (!Number.isNaN(exact.absMax)) {
      sumSquares += exact.sumSquares;
      if (!this.complex) {
        min = Math.min(min, exact.min);
        max = Math.max(max, exact.max);
      } else {
        max = Math.max(max, exact.absMax);
        min = Math.min(min, -exact.absMax);
      }
    }
    const nonFinite = exact.nanCount + exact.posInfCount + exact.negInfCount;
    const anyFinite = min <= max;
    return {
      elements: this.numel,
      allZero: nonFinite === 0 && (!anyFinite || (min === 0 && max === 0)),
      nanCount: exact.nanCount,
      posInfCount: exact.posInfCount,
      negInfCount: exact.negInfCount,
      firstNonFinite: exact.firstNonFinite,
      min: anyFinite && !this.complex ? min : Number.NaN,
      max: anyFinite && !this.complex ? max : Number.NaN,
      absMax: anyFinite ? Math.max(Math.abs(min), Math.abs(max)) : Number.NaN,
      sumSquares: anyFinite ? sumSquares : Number.NaN,
    };
  }
}
