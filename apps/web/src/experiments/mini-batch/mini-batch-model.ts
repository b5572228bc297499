import { Dense, Rng, Sequential } from 'deeptune';

/** The seed offset of the generator that shuffles the mini-batches. */
export const SHUFFLE_SEED_OFFSET = 1_000_003;

/**
 * The network the three runs train: 2 inputs → `hiddenUnits` tanh units → `classes`
 * logits, initialised from `new Rng(seed)` (the same weights for every run of a seed).
 */
export function buildMiniBatchModel(
  hiddenUnits: number,
  classes: number,
  seed: number,
): Sequential {
  const rng = new Rng(seed);
  return new Sequential([
    new Dense({ inputs: 2, units: hiddenUnits, activation: 'tanh', rng }),
    new Dense({ inputs: hiddenUnits, units: classes, rng }),
  ]);
}

/** Optimizer steps per epoch for `batchSize` out of `m` examples: ⌈m / batchSize⌉. */
export function iterationsPerEpoch(m: number, batchSize: number): number {
  return Math.ceil(m / Math.min(batchSize, m));
}
