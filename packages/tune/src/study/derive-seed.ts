/** lowbias32, Chris Wellons's bijective 32-bit integer hash. */
function mix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** FNV-1a over a string's UTF-16 code units. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/** The 32-bit words of a number: itself when an unsigned 32-bit integer, else its IEEE bits. */
function numberWords(value: number): readonly number[] {
  if (Number.isInteger(value) && value >= 0 && value < 2 ** 32) return [value];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return [view.getUint32(0), view.getUint32(4)];
}

/**
 * A 32-bit seed derived from a study seed and labels (a trial number, a hyperparameter
 * name): the same parts always give the same seed, on every platform, and changing any part
 * gives an unrelated one. Trials are seeded with `deriveSeed(studySeed, trialNumber)`, so a
 * trial's training run does not depend on which worker ran it or when.
 *
 * @category Studies
 *
 * @example
 * ```ts
 * deriveSeed(0, 7); // the seed of trial 7 in a study with seed 0
 * deriveSeed(0, 7, 'learningRate'); // the random sampler's stream for one hyperparameter
 * ```
 */
export function deriveSeed(...parts: readonly (number | string)[]): number {
  let state = 0x6a09e667;
  for (const part of parts) {
    const words = typeof part === 'string' ? [hashString(part), part.length] : numberWords(part);
    for (const word of words) state = mix32((state + 0x9e3779b9) ^ word);
    state = mix32(state ^ (typeof part === 'string' ? 0x5bd1e995 : 0x27d4eb2f));
  }
  return state;
}
