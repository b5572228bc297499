/**
 * The SplitMix32 increment: 2^32 divided by the golden ratio, `0x9e3779b9`.
 *
 * Consecutive SplitMix32 states differ by this odd constant, so the state visits all 2^32
 * values before repeating.
 * @internal
 */
export const SPLITMIX32_GAMMA = 0x9e3779b9;

/**
 * The SplitMix32 output function: a bijective 32-bit integer hash.
 *
 * Chris Wellons's two-round multiply–xorshift hash (the improved `lowbias32` found by his
 * hash-prospector): `z ^= z >>> 16; z *= 0x21f0aaad; z ^= z >>> 15; z *= 0x735a2d97;
 * z ^= z >>> 15`. Every step is invertible, so distinct inputs give distinct outputs, and one
 * flipped input bit flips about half of the output bits.
 *
 * @param value - a 32-bit integer (signed or unsigned; only the low 32 bits are used).
 * @returns the hash as an unsigned 32-bit integer.
 * @internal
 */
export function mix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/**
 * Expands 32-bit seed words into the four state words of xoshiro128** with SplitMix32.
 *
 * Algorithm: the SplitMix32 state starts at `words[0]`; each further word is absorbed by
 * drawing one SplitMix32 output and xor-ing the word into it to form the new state. Four
 * SplitMix32 outputs then form the xoshiro128** state:
 *
 * ```text
 * state = words[0]
 * for w in words[1..]:  state = mix32(state + γ) ^ w
 * for k in 0..3:        state = state + γ;  s[k] = mix32(state)        (γ = 0x9e3779b9)
 * ```
 *
 * For a single word this is exactly the common SplitMix32 generator seeded with that word.
 * Because `mix32` is a bijection and the four states are distinct, at most one of the four
 * outputs can be zero, so the xoshiro128** state is never all zero (its one forbidden value).
 *
 * @param words - one or more 32-bit integers.
 * @returns the four state words, as unsigned 32-bit integers.
 * @internal
 */
export function expandSeedWords(words: readonly number[]): [number, number, number, number] {
  let state = words[0]! | 0;
  for (let index = 1; index < words.length; index++) {
    state = mix32((state + SPLITMIX32_GAMMA) | 0) ^ (words[index]! | 0);
  }
  const result: [number, number, number, number] = [0, 0, 0, 0];
  for (let k = 0; k < 4; k++) {
    state = (state + SPLITMIX32_GAMMA) | 0;
    result[k] = mix32(state);
  }
  return result;
}

/** Marks seeds that are not safe integers, so their bit patterns never collide with those. */
const NON_INTEGER_TAG = 0x6e6f6e69; // 'noni'

/**
 * Turns a finite number seed into the 32-bit words that {@link expandSeedWords} absorbs.
 *
 * - an integer in [0, 2^32) → `[seed]` (so `new Rng(n)` is plain SplitMix32 seeded with n);
 * - any other safe integer (negative, or ≥ 2^32) → its 64-bit two's complement `[low, high]`;
 * - anything else (fractions, integers beyond 2^53) → the IEEE-754 bits `[low, high, tag]`.
 *
 * `-0` counts as `0`. The caller validates that `seed` is finite.
 *
 * @param seed - a finite number.
 * @returns the seed words.
 * @internal
 */
export function seedWords(seed: number): number[] {
  if (Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff) return [seed >>> 0];
  if (Number.isSafeInteger(seed)) {
    const high = Math.floor(seed / 4294967296);
    const low = seed - high * 4294967296; // exact: |seed| < 2^53
    return [low >>> 0, high >>> 0];
  }
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, seed, true); // explicit little-endian: platform independent
  return [view.getUint32(0, true), view.getUint32(4, true), NON_INTEGER_TAG];
}
