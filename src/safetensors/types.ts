// The public shapes of the safetensors reader. Everything else in the project reads files through these.

/** The 22 dtype names the reference reader accepts (exact, case-sensitive). */
export type Dtype =
  | 'BOOL'
  | 'F4'
  | 'F6_E2M3'
  | 'F6_E3M2'
  | 'U8'
  | 'I8'
  | 'F8_E5M2'
  | 'F8_E4M3'
  | 'F8_E8M0'
  | 'F8_E4M3FNUZ'
  | 'F8_E5M2FNUZ'
  | 'I16'
  | 'U16'
  | 'F16'
  | 'BF16'
  | 'I32'
  | 'U32'
  | 'F32'
  | 'C64'
  | 'F64'
  | 'I64'
  | 'U64';

/** One tensor entry of a validated header. Offsets are absolute file offsets (data start already added). */
export interface TensorInfo {
  readonly name: string;
  readonly dtype: Dtype;
  /** The shape exactly as written (a dimension may exceed 2^53 when another is 0). */
  readonly shape: readonly bigint[];
  /** The shape as numbers; exact for every tensor with at least one element. */
  readonly dims: readonly number[];
  /** Number of elements (product of the shape). */
  readonly numel: number;
  /** Absolute byte offset of the first byte in the file. */
  readonly start: number;
  /** Byte length of the tensor's data. */
  readonly byteLength: number;
  /** data_offsets as written, relative to the data section. */
  readonly dataOffsets: readonly [number, number];
}

export interface SafetensorsHeader {
  /** N, the JSON header length in bytes. */
  readonly headerLength: number;
  /** File offset of the data section (8 + N). */
  readonly dataStart: number;
  /** File size in bytes. */
  readonly fileSize: number;
  /** `__metadata__`, or null when absent. */
  readonly metadata: ReadonlyMap<string, string> | null;
  /** Tensors by name, in data-offset order. A Map because a tensor may be named `__proto__`. */
  readonly tensors: ReadonlyMap<string, TensorInfo>;
}

/** Result of a one-pass value scan of a tensor. */
export interface TensorStats {
  readonly elements: number;
  /** Every value is zero (+0 and -0 alike; for integers every byte is 0). Vacuously true for 0 elements. */
  readonly allZero: boolean;
  readonly nanCount: number;
  readonly posInfCount: number;
  readonly negInfCount: number;
  /** Flat index of the first NaN or Inf, or -1. */
  readonly firstNonFinite: number;
  /** Over finite values; NaN when there are none or the dtype is not a float type. */
  readonly min: number;
  readonly max: number;
  readonly absMax: number;
  /** Sum of squares of finite values in float64 (for Frobenius norms); NaN for non-float dtypes. */
  readonly sumSquares: number;
}

/** What a file is, decided from its bytes (never from its name alone). */
export type FileKind =
  | { kind: 'safetensors' }
  | { kind: 'lfs-pointer'; oid?: string; size?: number }
  | { kind: 'pickle'; protocol: number }
  | { kind: 'zip' }
  | { kind: 'empty' }
  | { kind: 'too-small'; size: number }
  | { kind: 'unknown' };
