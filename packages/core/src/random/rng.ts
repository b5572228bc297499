import { ConfigError } from '../errors/config-error.js';
import { describeValue } from '../format/describe-value.js';
import { portableLog } from '../math/portable-log.js';
import { SPLITMIX32_GAMMA, expandSeedWords, mix32, seedWords } from './splitmix32.js';
import { defineBrand } from '../copies/define-brand.js';

const rngBrand = defineBrand<Rng>('deeptune.core.Rng', 'an Rng');

/**
 * The complete state of an {@link Rng}: a plain, JSON-serialisable object.
 *
 * Save it with `rng.getState()` (for example in a training checkpoint) and continue the exact
 * same stream later with `rng.setState(state)` or `Rng.fromState(state)`.
 *
 * @category Random
 */
export interface RngState {
  /** The generator algorithm; always `'xoshiro128**'`. */
  readonly algorithm: 'xoshiro128**';
  /** The four 32-bit state words of xoshiro128**, each an integer in [0, 2^32), not all zero. */
  readonly s: readonly [number, number, number, number];
  /**
   * The second value of the last Marsaglia polar pair, still to be returned by `normal` (as a
   * standard normal, before `mean` and `std` are applied), or `null` when there is none.
   */
  readonly spareNormal: number | null;
}

const TWO_POW_32 = 4294967296;
/** 2^-53: scales a 53-bit integer into [0, 1). */
const TWO_POW_MINUS_53 = 1.1102230246251565e-16;
/** 2^26: shifts the upper 27 random bits of `nextFloat` above the lower 26. */
const TWO_POW_26 = 67108864;

/** Rotates the 32-bit integer `x` left by `k` bits. */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Throws a {@link ConfigError} unless `seed` is a finite number.
 * @internal
 */
export function assertSeed(where: string, seed: unknown): asserts seed is number {
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new ConfigError(
      `${where}: seed must be a finite number, got ${describeValue(seed)}. ` +
        'Hint: use an integer such as 0 or 42.',
    );
  }
}

/** Throws unless `low < high`, both finite, with a finite width. */
function assertInterval(where: string, low: number, high: number): void {
  if (
    typeof low !== 'number' ||
    typeof high !== 'number' ||
    !Number.isFinite(low) ||
    !Number.isFinite(high) ||
    !(low < high) ||
    !Number.isFinite(high - low)
  ) {
    throw new ConfigError(
      `${where}: low and high must be finite numbers with low < high and a finite width ` +
        `high - low, got low=${describeValue(low)}, high=${describeValue(high)}.`,
    );
  }
}

/** Throws unless `mean` is finite and `std` is finite and non-negative. */
function assertNormalParameters(where: string, mean: number, std: number): void {
  if (typeof mean !== 'number' || !Number.isFinite(mean)) {
    throw new ConfigError(`${where}: mean must be a finite number, got ${describeValue(mean)}.`);
  }
  if (typeof std !== 'number' || !Number.isFinite(std) || std < 0) {
    throw new ConfigError(
      `${where}: std must be a finite number >= 0, got ${describeValue(std)}. ` +
        'Hint: std is the standard deviation, not the variance.',
    );
  }
}

/** Throws unless `out` is a Float32Array or a Float64Array. */
function assertFloatArray(where: string, out: unknown): void {
  if (!(out instanceof Float32Array) && !(out instanceof Float64Array)) {
    throw new ConfigError(
      `${where}: out must be a Float32Array or a Float64Array, got ${describeValue(out)}.`,
    );
  }
}

/**
 * A seeded pseudo-random number generator that gives bit-identical streams on every platform.
 *
 * The generator is xoshiro128** (Blackman and Vigna, 2018): 128 bits of state in four 32-bit
 * words, period 2^128 − 1, and good statistical quality, using only 32-bit integer operations
 * (`Math.imul`, shifts, xor) that ECMAScript defines exactly. A number seed is expanded into
 * the state with SplitMix32, so nearby seeds (0, 1, 2, …) give unrelated streams. Floats and
 * samples are built only from exactly specified operations (+ − × ÷, `Math.sqrt`) and a
 * portable logarithm, never `Math.log`/`Math.exp`/`Math.cos`, so the same seed gives the same
 * numbers, bit for bit, in Node and in every browser.
 *
 * ```text
 * next():  result = rotl(s1 · 5, 7) · 9;  t = s1 << 9
 *          s2 ^= s0;  s3 ^= s1;  s1 ^= s2;  s0 ^= s3;  s2 ^= t;  s3 = rotl(s3, 11)
 * ```
 *
 * Use {@link Rng.split} to give separate consumers (weight init, shuffling, dropout) their own
 * independent, reproducible streams, and {@link Rng.getState} / {@link Rng.setState} to save
 * and restore a generator exactly (including a pending normal sample).
 *
 * @see https://prng.di.unimi.it/xoshiro128starstar.c
 * @category Random
 *
 * @example
 * ```ts
 * const rng = new Rng(42);
 * const weights = new Float32Array(784 * 128);
 * rng.fillNormal(weights, 0, Math.sqrt(2 / 784)); // He initialisation
 * const order = rng.split().permutation(60000); // an epoch's shuffle, own stream
 * const state = rng.getState(); // plain JSON, e.g. for a checkpoint
 * Rng.fromState(state).nextFloat() === rng.nextFloat(); // true
 * ```
 */
export class Rng {
  /** The xoshiro128** state words (stored as signed 32-bit integers). */
  readonly #state = new Int32Array(4);
  /** Whether a spare standard normal from the last polar pair is pending. */
  #hasSpare = false;
  /** The pending spare standard normal (meaningful only when `#hasSpare`). */
  #spare = 0;

  static {
    rngBrand.mark(this.prototype);
  }

  /**
   * Whether `value` is a generator of this or of a compatible copy of `@deeptune/core` (a
   * plugin's own install); use it instead of `instanceof`, which only knows this copy.
   *
   * @throws {@link IncompatibleCopyError} when `value` is a generator of an incompatible copy.
   */
  static isRng(value: unknown): value is Rng {
    return rngBrand.is(value);
  }

  /**
   * Creates a generator from a seed.
   *
   * The seed is turned into 32-bit words (an integer in [0, 2^32) is used as is; other safe
   * integers as their 64-bit two's complement; anything else by its IEEE-754 bits) and
   * expanded into the 128-bit state with SplitMix32. Distinct 32-bit integer seeds always give
   * distinct states; other seeds are hashed into one of 2^32 SplitMix32 starting points.
   *
   * @param seed - any finite number; integers such as `0` or `42` are typical.
   * @throws {@link ConfigError} if `seed` is not a finite number (NaN, ±Infinity, a string…).
   */
  constructor(seed: number) {
    assertSeed('Rng', seed);
    this.#state.set(expandSeedWords(seedWords(seed)));
  }

  /**
   * Creates a generator that continues from a saved state.
   *
   * @param state - a state from {@link Rng.getState}, possibly after a JSON round trip.
   * @returns a new generator whose stream continues exactly where the saved one stopped.
   * @throws {@link ConfigError} naming the bad field if `state` is malformed.
   */
  static fromState(state: RngState): Rng {
    const rng = new Rng(0);
    rng.setState(state);
    return rng;
  }

  /**
   * The next 32 random bits, as an integer.
   *
   * One step of xoshiro128** (see the class summary).
   *
   * @returns an integer in [0, 2^32 − 1].
   */
  nextUint32(): number {
    const state = this.#state;
    const s0 = state[0];
    const s1 = state[1];
    const s2 = state[2] ^ s0;
    const s3 = state[3] ^ s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    state[0] = s0 ^ s3;
    state[1] = s1 ^ s2;
    state[2] = s2 ^ (s1 << 9);
    state[3] = rotl(s3, 11);
    return result;
  }

  /**
   * A uniform random double in [0, 1) with 53 random bits.
   *
   * Uses two 32-bit draws, `a` and `b`: `((a >>> 5) · 2^26 + (b >>> 6)) · 2^−53`, so every
   * multiple of 2^−53 in [0, 1) is equally likely (the `genrand_res53` construction). All
   * operations are exact.
   *
   * @returns a double in [0, 1).
   */
  nextFloat(): number {
    const upper = this.nextUint32() >>> 5;
    const lower = this.nextUint32() >>> 6;
    return (upper * TWO_POW_26 + lower) * TWO_POW_MINUS_53;
  }

  /**
   * A uniform random double in [low, high).
   *
   * Computes `low + (high − low) · u` with `u = nextFloat()`. When rounding would give exactly
   * `high` (possible for some bounds), the draw is rejected and repeated, so the result is
   * always below `high`.
   *
   * @param low - the inclusive lower bound; finite.
   * @param high - the exclusive upper bound; finite, greater than `low`.
   * @returns a double in [low, high).
   * @throws {@link ConfigError} unless `low < high`, both finite, and `high − low` is finite.
   */
  uniform(low = 0, high = 1): number {
    assertInterval('Rng.uniform', low, high);
    return this.#uniform(low, high - low, high);
  }

  /** Unchecked `uniform` given the precomputed `width = high - low`. */
  #uniform(low: number, width: number, high: number): number {
    for (;;) {
      const value = low + width * this.nextFloat();
      if (value < high) return value;
    }
  }

  /**
   * A normally distributed random double.
   *
   * Marsaglia's polar method: draw `u, v` uniform in (−1, 1) until `s = u² + v²` lies in
   * (0, 1); then `u·f` and `v·f`, with `f = sqrt(−2·ln(s)/s)`, are two independent standard
   * normals. The first is returned and the second is kept as a spare for the next call (it is
   * part of {@link RngState}). `ln` is the portable fdlibm logarithm and `sqrt` is correctly
   * rounded, so results are bit-identical everywhere. The result is `mean + std · z`.
   *
   * @param mean - the mean; finite.
   * @param std - the standard deviation; finite and ≥ 0.
   * @returns a sample of N(mean, std²).
   * @throws {@link ConfigError} if `mean` is not finite or `std` is negative or not finite.
   */
  normal(mean = 0, std = 1): number {
    assertNormalParameters('Rng.normal', mean, std);
    return mean + std * this.#standardNormal();
  }

  /** The next standard normal sample (polar method with a cached spare). */
  #standardNormal(): number {
    if (this.#hasSpare) {
      this.#hasSpare = false;
      return this.#spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.nextFloat() - 1; // exact: a multiple of 2^-52 in [-1, 1)
      v = 2 * this.nextFloat() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * portableLog(s)) / s);
    this.#spare = v * factor;
    this.#hasSpare = true;
    return u * factor;
  }

  /**
   * A uniform random integer in [0, n), without modulo bias.
   *
   * Rejection sampling: draw `x = nextUint32()` until `x < 2^32 − (2^32 mod n)` (the largest
   * multiple of `n` that fits in 32 bits), then return `x mod n`. Each draw is accepted with
   * probability above 1/2.
   *
   * @param n - the number of possible values; an integer in [1, 2^32].
   * @returns an integer in [0, n).
   * @throws {@link ConfigError} unless `n` is an integer in [1, 2^32].
   */
  int(n: number): number {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new ConfigError(
        `Rng.int: n must be an integer in [1, 2^32], got ${describeValue(n)}. ` +
          'Hint: int(n) returns values in [0, n).',
      );
    }
    return this.#intBelow(n);
  }

  /** Unchecked `int`. */
  #intBelow(n: number): number {
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /**
   * Shuffles an array in place, every order being equally likely.
   *
   * Fisher–Yates (Durstenfeld's version): for `i` from `length − 1` down to 1, swap element `i`
   * with element `int(i + 1)`.
   *
   * @param array - the array to shuffle; it is modified.
   * @returns the same array, shuffled.
   * @throws {@link ConfigError} if `array` is not an array.
   */
  shuffle<T>(array: T[]): T[] {
    if (!Array.isArray(array)) {
      throw new ConfigError(`Rng.shuffle: array must be an array, got ${describeValue(array)}.`);
    }
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.#intBelow(i + 1);
      const held = array[i]!;
      array[i] = array[j]!;
      array[j] = held;
    }
    return array;
  }

  /**
   * A random permutation of `0, 1, …, n − 1`.
   *
   * Fills `[0, 1, …, n − 1]` and shuffles it with the same Fisher–Yates loop as
   * {@link Rng.shuffle}, so `permutation(n)` equals `shuffle([0, …, n − 1])` from the same state.
   *
   * @param n - the length; an integer in [0, 2^31].
   * @returns a new Int32Array holding each of `0 … n − 1` once.
   * @throws {@link ConfigError} unless `n` is an integer in [0, 2^31].
   */
  permutation(n: number): Int32Array {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 2147483648) {
      throw new ConfigError(
        `Rng.permutation: n must be an integer in [0, 2^31], got ${describeValue(n)}.`,
      );
    }
    const result = new Int32Array(n);
    for (let i = 0; i < n; i++) result[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.#intBelow(i + 1);
      const held = result[i];
      result[i] = result[j];
      result[j] = held;
    }
    return result;
  }

  /**
   * Fills `out` with uniform random values in [low, high).
   *
   * Element `i` is exactly what the `i`-th of `out.length` consecutive `uniform(low, high)`
   * calls would return, then stored in `out`. A Float32Array holds the float32 rounding of the
   * float64 values (so a float32 and a float64 array filled from the same state agree up to
   * that rounding); that rounding can give `Math.fround(high)`.
   *
   * @param out - the array to fill; modified in place.
   * @param low - the inclusive lower bound; finite.
   * @param high - the exclusive upper bound; finite, greater than `low`.
   * @throws {@link ConfigError} if `out` is not a float array or the bounds are invalid.
   */
  fillUniform(out: Float32Array | Float64Array, low = 0, high = 1): void {
    assertFloatArray('Rng.fillUniform', out);
    assertInterval('Rng.fillUniform', low, high);
    const width = high - low;
    const length = out.length;
    for (let i = 0; i < length; i++) out[i] = this.#uniform(low, width, high);
  }

  /**
   * Fills `out` with normally distributed random values.
   *
   * Element `i` is exactly what the `i`-th of `out.length` consecutive `normal(mean, std)`
   * calls would return (including the use and caching of the spare polar value), then stored
   * in `out` (rounded to float32 for a Float32Array).
   *
   * @param out - the array to fill; modified in place.
   * @param mean - the mean; finite.
   * @param std - the standard deviation; finite and ≥ 0.
   * @throws {@link ConfigError} if `out` is not a float array, `mean` is not finite, or `std`
   * is negative or not finite.
   */
  fillNormal(out: Float32Array | Float64Array, mean = 0, std = 1): void {
    assertFloatArray('Rng.fillNormal', out);
    assertNormalParameters('Rng.fillNormal', mean, std);
    const length = out.length;
    for (let i = 0; i < length; i++) out[i] = mean + std * this.#standardNormal();
  }

  /**
   * Derives an independent child generator and advances this one.
   *
   * Four 32-bit draws `d0 … d3` from this generator each go through one SplitMix32 step,
   * `s[k] = mix32(d[k] + (k + 1)·γ)` with γ = 0x9e3779b9, to form the child's 128-bit state
   * (redrawing in the 2^−128 case of an all-zero state). The child's stream is a non-linear
   * function of this generator's output, so it is statistically unrelated to both the parent's
   * continuation and other children, yet fully determined by the parent's state: the same
   * seed and the same sequence of calls give the same children. The child starts without a
   * spare normal; this generator keeps its own.
   *
   * @returns a new generator with its own stream.
   *
   * @example
   * ```ts
   * const root = new Rng(0);
   * const initRng = root.split(); // weight initialisation
   * const shuffleRng = root.split(); // mini-batch order
   * const dropoutRng = root.split(); // dropout masks
   * ```
   */
  split(): Rng {
    const child = new Rng(0);
    const childState = child.#state;
    let allZero = true;
    while (allZero) {
      for (let k = 0; k < 4; k++) {
        childState[k] = mix32(this.nextUint32() + (k + 1) * SPLITMIX32_GAMMA);
      }
      allZero = (childState[0] | childState[1] | childState[2] | childState[3]) === 0;
    }
    return child;
  }

  /**
   * The complete state of this generator, as a plain JSON-serialisable object.
   *
   * @returns a fresh object; changing it does not affect this generator.
   */
  getState(): RngState {
    const state = this.#state;
    return {
      algorithm: 'xoshiro128**',
      s: [state[0] >>> 0, state[1] >>> 0, state[2] >>> 0, state[3] >>> 0],
      spareNormal: this.#hasSpare ? this.#spare : null,
    };
  }

  /**
   * Restores a state saved by {@link Rng.getState}; the stream continues exactly from there.
   *
   * The state is validated first (it may come from a file); on error this generator is left
   * unchanged.
   *
   * @param state - a state from {@link Rng.getState}, possibly after a JSON round trip.
   * @throws {@link ConfigError} naming the bad field: `state` not an object, `algorithm` not
   * `'xoshiro128**'`, `s` not four integers in [0, 2^32) or all zero, `spareNormal` neither
   * `null` nor a finite number.
   */
  setState(state: RngState): void {
    const where = 'Rng.setState';
    const candidate: unknown = state;
    if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
      throw new ConfigError(
        `${where}: state must be an object from rng.getState(), got ${describeValue(candidate)}.`,
      );
    }
    const record = candidate as Record<string, unknown>;
    if (record['algorithm'] !== 'xoshiro128**') {
      throw new ConfigError(
        `${where}: state.algorithm must be 'xoshiro128**', got ${describeValue(record['algorithm'])}.`,
      );
    }
    const words = record['s'];
    if (!Array.isArray(words) || words.length !== 4) {
      throw new ConfigError(
        `${where}: state.s must be an array of 4 integers in [0, 2^32), got ${describeValue(words)}.`,
      );
    }
    for (let k = 0; k < 4; k++) {
      const word: unknown = words[k];
      if (typeof word !== 'number' || !Number.isInteger(word) || word < 0 || word >= TWO_POW_32) {
        throw new ConfigError(
          `${where}: state.s[${k}] must be an integer in [0, 2^32), got ${describeValue(word)}.`,
        );
      }
    }
    if (words.every((word) => word === 0)) {
      throw new ConfigError(
        `${where}: state.s must not be all zero (xoshiro128** would only ever return 0).`,
      );
    }
    const spare = record['spareNormal'];
    if (spare !== null && (typeof spare !== 'number' || !Number.isFinite(spare))) {
      throw new ConfigError(
        `${where}: state.spareNormal must be null or a finite number, got ${describeValue(spare)}.`,
      );
    }
    for (let k = 0; k < 4; k++) this.#state[k] = words[k] as number;
    this.#hasSpare = typeof spare === 'number';
    this.#spare = typeof spare === 'number' ? spare : 0;
  }
}
