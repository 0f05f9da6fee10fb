// The one error type of the reader: a code per defect (the reference reader's variant names, plus our
// stricter DuplicateTensorName and IoError), the file, and the byte offset where the defect was found.

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
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SafetensorsError';
  }
}
