import { Rng } from '@deeptune/core';
import { deriveSeed } from '../study/derive-seed.js';

/** Primes found so far, grown on demand by trial division. */
const primes: number[] = [2];

/**
 * The j-th prime, from j = 0: 2, 3, 5, 7, 11, …, the base of the Halton sequence's
 * dimension j.
 *
 * @param j - an integer ≥ 0.
 * @category Samplers
 *
 * @example
 * ```ts
 * [0, 1, 2, 3].map(nthPrime); // [2, 3, 5, 7]
 * ```
 */
export function nthPrime(j: number): number {
  for (let candidate = primes[primes.length - 1]! + 1; primes.length <= j; candidate++) {
    let isPrime = true;
    for (const p of primes) {
      if (p * p > candidate) break;
      if (candidate % p === 0) {
        isPrime = false;
        break;
      }
    }
    if (isPrime) primes.push(candidate);
  }
  return primes[j]!;
}

/** One dimension's scrambling: its base, digit count and one permutation per digit. */
interface DimensionScramble {
  readonly base: number;
  /** The number of digits used: the largest K with base^K ≤ 2^53. */
  readonly digits: number;
  /** base^digits, the denominator. */
  readonly scale: number;
  /** The permutation of 0…base − 1 applied to digit position k (k = 0 most significant). */
  readonly permutations: readonly Int32Array[];
}

const MAX_CACHED = 256;
const scrambles = new Map<string, DimensionScramble>();

function scrambleOf(seed: number, dimension: number): DimensionScramble {
  const cacheKey = `${seed}:${dimension}`;
  const cached = scrambles.get(cacheKey);
  if (cached !== undefined) return cached;
  const base = nthPrime(dimension);
  let digits = 0;
  let scale = 1;
  while (scale * base <= 2 ** 53) {
    scale *= base;
    digits++;
  }
  const rng = new Rng(deriveSeed(seed, 'halton', dimension));
  const permutations: Int32Array[] = [];
  for (let k = 0; k < digits; k++) permutations.push(rng.permutation(base));
  const scramble: DimensionScramble = { base, digits, scale, permutations };
  if (scrambles.size >= MAX_CACHED) scrambles.clear();
  scrambles.set(cacheKey, scramble);
  return scramble;
}

/**
 * Coordinate `dimension` of point `index` of a scrambled Halton sequence, in [0, 1).
 *
 * @remarks
 * Dimension j uses the j-th prime b as its base: the index's base-b digits a₀ (least
 * significant), a₁, … are mirrored behind the radix point, u = Σₖ πₖ(aₖ) b^−(k+1), where
 * each digit position k of each dimension has its own random permutation πₖ of 0…b − 1
 * ("random digit permutation" scrambling, as in SciPy's `qmc.Halton(scramble=True)`),
 * drawn from `Rng(deriveSeed(seed, 'halton', j))`. All K digit positions are permuted,
 * K being the largest with b^K ≤ 2^53, leading zeros of the index included, so each point
 * is uniformly distributed on [0, 1) while the sequence keeps Halton's stratification: any
 * b^m consecutive indices put exactly one point in each interval [i/b^m, (i + 1)/b^m).
 * Scrambling also breaks the strong correlation between dimensions with large primes that
 * the plain Halton sequence has.
 *
 * The numerator Σₖ πₖ(aₖ) b^(K−1−k) is an integer below 2^53, computed exactly, and divided
 * once by b^K (correctly rounded), so the result is the same on every platform and below 1.
 *
 * @param index - an integer ≥ 0 (only its K lowest base-b digits count).
 * @param dimension - an integer ≥ 0.
 * @param seed - a 32-bit seed.
 * @category Samplers
 *
 * @example
 * ```ts
 * const u = scrambledHalton(1, 0, 42); // in [0, 1); the same every time
 * ```
 */
export function scrambledHalton(index: number, dimension: number, seed: number): number {
  const { base, digits, scale, permutations } = scrambleOf(seed, dimension);
  let rest = index;
  let numerator = 0;
  for (let k = 0; k < digits; k++) {
    const digit = rest % base;
    rest = (rest - digit) / base;
    numerator = numerator * base + permutations[k]![digit]!;
  }
  return numerator / scale;
}
