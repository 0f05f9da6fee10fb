// Deterministic randomness for row samples and probe vectors (same fixture → same numbers, any thread count).

/** mulberry32: uniform [0, 1). */
export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string, for seeding from a module name. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** `count` distinct integers from [0, n), ascending (all of them when count >= n). */
export function sampleIndices(n: number, count: number, seed: number): number[] {
  if (count >= n) return Array.from({ length: n }, (_, i) => i);
  const next = rng(seed);
  const chosen = new Set<number>();
  // Floyd's algorithm: exactly `count` draws.
  for (let j = n - count; j < n; j++) {
    const t = Math.floor(next() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** Rademacher probe vectors (entries ±1), `count` of length `n`: 32 entries from each 32-bit draw. */
export function probeVectors(count: number, n: number, seed: number): Float64Array[] {
  const next = rng(seed);
  return Array.from({ length: count }, () => {
    const x = new Float64Array(n);
    let bits = 0;
    for (let j = 0; j < n; j++) {
      if ((j & 31) === 0) bits = next() * 4294967296;
      x[j] = (bits >>> (j & 31)) & 1 ? -1 : 1;
    }
    return x;
  });
}
