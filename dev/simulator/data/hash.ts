/**
 * Deterministic noise. Every simulated number derives from integers (ids, day numbers,
 * indices) through these functions, so the data set is identical on every run and machine.
 */

// Local bindings: global lookups are slow inside sandboxed contexts such as test runners.
const imul = Math.imul;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) fixed by its integer arguments. */
export function unit(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    // Split so values above 2^32 (none expected today) still influence the hash.
    const lo = p | 0;
    const hi = Math.floor(p / 0x100000000) | 0;
    h = fmix32((h ^ imul(lo, 0xcc9e2d51)) + imul(hi, 0x1b873593) + 0x6b43a9b5);
  }
  return h / 0x100000000;
}

/** unit() for exactly four small integers, without the argument array (hot path). */
export function unit4(a: number, b: number, c: number, d: number): number {
  let h = fmix32((0x9e3779b9 ^ imul(a | 0, 0xcc9e2d51)) + 0x6b43a9b5);
  h = fmix32((h ^ imul(b | 0, 0xcc9e2d51)) + 0x6b43a9b5);
  h = fmix32((h ^ imul(c | 0, 0xcc9e2d51)) + 0x6b43a9b5);
  h = fmix32((h ^ imul(d | 0, 0xcc9e2d51)) + 0x6b43a9b5);
  return h / 0x100000000;
}

/** A uniform number in [lo, hi) fixed by its integer arguments. */
export function between(lo: number, hi: number, ...parts: number[]): number {
  return lo + (hi - lo) * unit(...parts);
}

/** A small seeded generator (mulberry32) for sequences, e.g. which requests fail. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  };
}
