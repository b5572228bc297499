/**
 * The seed parameter every page shares: the same bounds in the link and on the slider, and
 * "New seed" stays within them.
 */
export const SEED_PARAM = { kind: 'number', default: 1, min: 0, max: 999, integer: true } as const;

/** The seed after `seed` for a "New seed" button: the next one, wrapping to 0 after the last. */
export function nextSeed(seed: number): number {
  return seed >= SEED_PARAM.max ? SEED_PARAM.min : seed + 1;
}
