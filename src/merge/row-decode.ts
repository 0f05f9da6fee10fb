// Decoding rows of a chunk to f64 for the exact paths (the fast paths read the bits directly).
import { tablesFor, type WeightDtype } from './float-formats.js';
import type { RowChunk } from './row-reader.js';

/** out[j] = value of element (row, j) of the chunk, for a tensor of `dtype` with `cols` columns. */
export function decodeRow(
  dtype: WeightDtype,
  chunk: RowChunk,
  row: number,
  cols: number,
  out: Float64Array,
): void {
  const offset = (row - chunk.firstRow) * cols;
  switch (dtype) {
    case 'F16':
    case 'BF16': {
      const table = tablesFor(dtype).value;
      const u16 = chunk.u16;
      for (let j = 0; j < cols; j++) out[j] = table[u16[offset + j]!]!;
      return;
    }
    case 'F32':
      for (let j = 0; j < cols; j++) out[j] = chunk.f32[offset + j]!;
      return;
    case 'F64':
      for (let j = 0; j < cols; j++) out[j] = chunk.f64[offset + j]!;
      return;
  }
}
