/*
 * The two 32-bit words of a double, read and written through one shared scratch buffer, for
 * the ports of fdlibm in this folder (fdlibm's `__HI(x)` and `__LO(x)`). Reading and writing
 * typed arrays is exactly specified, so these give the same bits on every JavaScript engine.
 *
 * The functions keep nothing between calls: each one writes the scratch double and reads it
 * back before returning, so callers may interleave them freely.
 */

/** Scratch double shared with its two 32-bit halves (no allocation per call). */
const scratch = new Float64Array(1);
const scratchWords = new Int32Array(scratch.buffer);
/** Typed arrays use the platform's byte order; find which 32-bit half holds sign and exponent. */
const HIGH = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;
const LOW = 1 - HIGH;

/**
 * The high 32-bit word of `x` (sign, 11 exponent bits, top 20 mantissa bits) as a signed
 * integer, so that `highWord(x) < 0` exactly when the sign bit is set: fdlibm's `__HI(x)`.
 *
 * @param x - any number.
 * @returns the high word, in [−2^31, 2^31).
 * @internal
 * @example
 * ```ts
 * highWord(1); // 0x3ff00000
 * ```
 */
export function highWord(x: number): number {
  scratch[0] = x;
  return scratchWords[HIGH];
}

/**
 * The low 32-bit word of `x` (the bottom 32 mantissa bits) as a signed integer: fdlibm's
 * `__LO(x)` read through an `int`.
 *
 * @param x - any number.
 * @returns the low word, in [−2^31, 2^31).
 * @internal
 * @example
 * ```ts
 * lowWord(1 + 2 ** -52); // 1
 * ```
 */
export function lowWord(x: number): number {
  scratch[0] = x;
  return scratchWords[LOW];
}

/**
 * The double whose high and low 32-bit words are `high` and `low` (each taken modulo 2^32).
 *
 * @param high - the high word (sign, exponent, top 20 mantissa bits).
 * @param low - the low word.
 * @returns the double with those bits.
 * @internal
 * @example
 * ```ts
 * fromWords(0x40000000, 0); // 2
 * ```
 */
export function fromWords(high: number, low: number): number {
  scratchWords[HIGH] = high;
  scratchWords[LOW] = low;
  return scratch[0];
}

/**
 * `x` with its high word replaced by `high` and its low word kept: fdlibm's `__HI(x) = high`.
 *
 * @param x - any number.
 * @param high - the new high word.
 * @returns the double with the new high word.
 * @internal
 * @example
 * ```ts
 * withHighWord(1.5, 0x40000000); // 3 (exponent of 2, mantissa of 1.5)
 * ```
 */
export function withHighWord(x: number, high: number): number {
  scratch[0] = x;
  scratchWords[HIGH] = high;
  return scratch[0];
}

/**
 * `x` with its low 32 bits cleared: fdlibm's `__LO(x) = 0`, which splits a double into a
 * head with 21 significant bits, so products of two heads are exact.
 *
 * @param x - any number.
 * @returns `x` truncated towards zero to its high word.
 * @internal
 * @example
 * ```ts
 * clearLowWord(1 + 2 ** -52); // 1
 * ```
 */
export function clearLowWord(x: number): number {
  scratch[0] = x;
  scratchWords[LOW] = 0;
  return scratch[0];
}

/**
 * `x · 2^k` by adding `k` to the exponent field: fdlibm's `__HI(x) += k << 20`. Exact, and
 * only valid when both `x` and the result are normal (no overflow, no subnormal result).
 *
 * @param x - a normal number.
 * @param k - the power of two, an integer such that `x · 2^k` is normal.
 * @returns `x · 2^k`.
 * @internal
 * @example
 * ```ts
 * addToExponent(1.5, 3); // 12
 * ```
 */
export function addToExponent(x: number, k: number): number {
  scratch[0] = x;
  scratchWords[HIGH] += k << 20;
  return scratch[0];
}
