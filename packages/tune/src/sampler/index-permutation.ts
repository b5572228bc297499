/** lowbias32, Chris Wellons's bijective 32-bit integer hash. */
function mix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** Feistel rounds; four make a balanced Feistel network a good pseudo-random permutation. */
const ROUNDS = 4;

/**
 * The largest `size` {@link permuteIndex} accepts: 2^32.
 *
 * @category Samplers
 */
export const MAX_PERMUTATION_SIZE = 2 ** 32;

/**
 * Position `index` of a seeded pseudo-random permutation of 0, 1, …, size − 1, computed
 * without building the permutation (so a grid of millions of points costs nothing).
 *
 * @remarks
 * A balanced four-round Feistel network on the smallest even number of bits b (≥ 2) with
 * 2^b ≥ size, keyed by `seed`, is a bijection of [0, 2^b); "cycle walking" (apply it again
 * while the result is ≥ size) turns it into a bijection of [0, size). Since 2^b < 4·size,
 * fewer than 4 steps are needed on average. Integer arithmetic only, so every platform
 * gives the same permutation.
 *
 * @param index - an integer in [0, size).
 * @param size - an integer in [1, 2^32].
 * @param seed - a 32-bit seed.
 * @category Samplers
 *
 * @example
 * ```ts
 * const order = [0, 1, 2, 3, 4].map((i) => permuteIndex(i, 5, 42)); // 0…4 in some order
 * ```
 */
export function permuteIndex(index: number, size: number, seed: number): number {
  let bits = 2;
  while (2 ** bits < size) bits += 2;
  const half = bits / 2;
  const halfSize = 2 ** half;
  const mask = halfSize - 1;
  const keys: number[] = [];
  let key = mix32(seed ^ 0x3c6ef372);
  for (let round = 0; round < ROUNDS; round++) {
    key = mix32(key + 0x9e3779b9);
    keys.push(key);
  }
  let x = index;
  do {
    let left = Math.floor(x / halfSize);
    let right = x % halfSize;
    for (const roundKey of keys) {
      const next = (left ^ (mix32(right ^ roundKey) & mask)) >>> 0;
      left = right;
      right = next;
    }
    x = left * halfSize + right;
  } while (x >= size);
  return x;
}
