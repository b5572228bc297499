import type { Rng } from '@deeptune/core';

/**
 * `count` distinct flat indices in [0, size), chosen uniformly at random without replacement,
 * in ascending order.
 *
 * The first `count` steps of a Fisher–Yates shuffle of `0 … size − 1`, with the swapped
 * positions kept in a map, so it takes O(count) time and memory whatever the size. It draws
 * only through `rng.int`, so the choice is the same for a given generator state on every
 * platform.
 *
 * @param rng - the generator to draw from; it is advanced.
 * @param size - the number of elements; an integer ≥ 0 (at most 2^31 − 1).
 * @param count - how many to choose; an integer in [0, size].
 * @returns the chosen indices, sorted ascending.
 * @internal
 */
export function chooseCoordinates(rng: Rng, size: number, count: number): Int32Array {
  /** Positions of the virtual array `0 … size − 1` whose value a swap has changed. */
  const displaced = new Map<number, number>();
  const chosen = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(size - i);
    chosen[i] = displaced.get(j) ?? j;
    displaced.set(j, displaced.get(i) ?? i);
  }
  return chosen.sort();
}
