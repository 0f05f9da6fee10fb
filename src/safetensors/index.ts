// Public API of the strict streaming safetensors reader. STUB: signatures are the contract; the reader
// helper replaces the bodies (and may split them into files re-exported from here).
import type { Dtype, FileKind, SafetensorsHeader, TensorInfo, TensorStats } from './types.js';

export type { Dtype, FileKind, SafetensorsHeader, TensorInfo, TensorStats } from './types.js';

/** Reference reader variant names, plus our stricter and I/O codes. */
export type SafetensorsErrorCode =
  | 'HeaderTooSmall'
  | 'HeaderTooLarge'
  | 'InvalidHeaderLength'
  | 'InvalidHeader'
  | 'InvalidHeaderDeserialization'
  | 'InvalidOffset'
  | 'ValidationOverflow'
  | 'MisalignedSlice'
  | 'TensorInvalidInfo'
  | 'MetadataIncompleteBuffer'
  | 'DuplicateTensorName'
  | 'IoError';

export class SafetensorsError extends Error {
  constructor(
    readonly code: SafetensorsErrorCode,
    message: string,
    readonly file: string,
    /** Byte offset in the file where the defect was found, when known. */
    readonly offset: number | null = null,
    /** Finer reason inside a code, e.g. `json.trailing-characters`, `schema.missing-field`, `dtype.unknown`. */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'SafetensorsError';
  }
}

export interface SafetensorsFile {
  readonly path: string;
  readonly header: SafetensorsHeader;
  /** Positioned read of exactly `length` bytes at absolute `position` (loops over short reads). */
  readBytes(position: number, length: number): Promise<Buffer>;
  /** A tensor's bytes in bounded chunks (default 4 MiB). */
  rawChunks(tensor: TensorInfo, chunkBytes?: number): AsyncGenerator<Uint8Array>;
  /** A float tensor decoded to f32 in bounded chunks; `offset` is the flat element index of values[0]. */
  floatChunks(
    tensor: TensorInfo,
    chunkElements?: number,
  ): AsyncGenerator<{ readonly offset: number; readonly values: Float32Array }>;
  /** Decode elements [first, first + count) of a float tensor (e.g. whole rows of a 2-D tensor). */
  readFloat32(tensor: TensorInfo, first?: number, count?: number): Promise<Float32Array>;
  /** One pass over the tensor's bytes: zero, NaN/Inf, min/max/absmax, sum of squares. */
  scan(tensor: TensorInfo): Promise<TensorStats>;
  close(): Promise<void>;
}

/** Open and fully validate a file's header (never reads the data section). Throws SafetensorsError. */
export async function openSafetensors(_path: string): Promise<SafetensorsFile> {
  throw new Error('not implemented');
}

/** Validate header JSON bytes (the N bytes after the length prefix) against a file size. Throws SafetensorsError. */
export function parseHeader(_json: Uint8Array, _fileSize: number | bigint, _file: string): SafetensorsHeader {
  throw new Error('not implemented');
}

/** Decide what a file is from its first bytes. */
export async function sniffFile(_path: string): Promise<FileKind> {
  throw new Error('not implemented');
}

export function isFloatDtype(_dtype: Dtype): boolean {
  throw new Error('not implemented');
}

export function dtypeBits(_dtype: Dtype): number {
  throw new Error('not implemented');
}
