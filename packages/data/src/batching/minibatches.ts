import {
  ConfigError,
  DTypeError,
  ShapeError,
  gather,
  option,
  validateOptions,
  type Augmentation,
  type Rng,
  formatShape,
} from '@deeptune/core';
import type { Dataset } from '../dataset/dataset.js';
import { resolveRng } from '../internal/resolve-rng.js';
import { rngOption } from '../internal/rng-option.js';
import type { Batch } from './batch.js';

/** The options schema of {@link minibatches}: the one place its options are checked. */
const minibatchSchema = {
  batchSize: option.number({ integer: true, min: 1, description: 'Examples per batch.' }),
  shuffle: option.boolean({
    default: true,
    description: 'Visit the examples in a new order each epoch.',
  }),
  rng: rngOption,
  seed: option.number({
    optional: true,
    description: 'A seed for a new generator, instead of rng.',
  }),
  dropLast: option.boolean({ default: false, description: 'Drop the last, smaller batch.' }),
  augment: option.custom({
    typeName: 'an Augmentation (batch, rng) => Tensor',
    check: (value: unknown): value is Augmentation => typeof value === 'function',
    optional: true,
    description: 'A data augmentation applied to the inputs of every batch.',
  }),
};

/**
 * Options of {@link minibatches}.
 *
 * @category Mini-batches
 */
export interface MinibatchOptions {
  /**
   * The number of examples per batch: m (the dataset size) is batch gradient descent, 1 is
   * stochastic gradient descent, anything in between is mini-batch gradient descent
   * (typically a power of two such as 64, 128, 256, 512).
   */
  readonly batchSize: number;
  /**
   * Whether to visit the examples in a new random order each epoch.
   * @defaultValue `true`
   */
  readonly shuffle?: boolean;
  /**
   * The generator for the shuffle and the augmentation. Give `rng` or `seed`, not both.
   * @defaultValue `getDefaultRng()` from `@deeptune/core` (seeded with 0 until re-seeded; never the clock)
   */
  readonly rng?: Rng;
  /** A seed for a new generator `new Rng(seed)`, as an alternative to `rng`. */
  readonly seed?: number;
  /**
   * Whether to drop the last batch when it has fewer than `batchSize` examples.
   * @defaultValue `false` (the last, smaller batch is kept, without any warning)
   */
  readonly dropLast?: boolean;
  /**
   * A data augmentation applied to the inputs of every batch, with the same generator;
   * e.g. `randomShift` or `horizontalFlip` from `@deeptune/regularization`. It must keep
   * the number of examples and the dtype.
   */
  readonly augment?: Augmentation;
}

/**
 * The batches of one dataset: iterate it once per epoch.
 *
 * @category Mini-batches
 */
export interface Minibatches extends Iterable<Batch> {
  /** The number of batches per epoch: ⌈m / batchSize⌉, or ⌊m / batchSize⌋ with `dropLast`. */
  readonly count: number;
  /** The batch size this iterable was created with. */
  readonly batchSize: number;
}

/**
 * Splits a dataset into mini-batches for one or more epochs of gradient descent.
 *
 * Each time the result is iterated is one epoch, one pass over the data: with `shuffle`
 * (the default) a new permutation `rng.permutation(m)` is drawn at the start of the
 * iteration, then batch `t` holds the examples at positions `t·batchSize … (t+1)·batchSize − 1`
 * of that order (selected with `gather`). `batchSize = m` gives one batch (batch gradient
 * descent), `batchSize = 1` gives m batches of one example (stochastic gradient descent).
 * When `batchSize` does not divide m, the last batch is smaller (kept unless `dropLast`),
 * with no warning. When `augment` is given, it transforms each batch's inputs with the same
 * generator, after the shuffle. Everything is deterministic for a given generator state.
 *
 * @param data - the dataset to iterate.
 * @param options - see {@link MinibatchOptions}.
 * @returns a re-iterable {@link Minibatches}; the data is read when iterating.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `batchSize` is not an integer ≥ 1
 *   (`minibatches: option 'batchSize' must be an integer >= 1, got 0`).
 * @throws {@link @deeptune/core!ConfigError} for an option of the wrong type or an unknown
 *   option, both `rng` and `seed`, or `dropLast` with `batchSize > m` (which would give no
 *   batch at all).
 * @throws {@link @deeptune/core!ShapeError} or {@link @deeptune/core!DTypeError} (while
 *   iterating) when `augment` changes the number of examples or the dtype.
 * @category Mini-batches
 *
 * @example
 * ```ts
 * import { Rng } from '@deeptune/core';
 * import { minibatches } from '@deeptune/data';
 *
 * const batches = minibatches(train, { batchSize: 64, rng: new Rng(0) });
 * for (let epoch = 0; epoch < 10; epoch++) {
 *   for (const { inputs, targets } of batches) {
 *     // forward, backward, update
 *   }
 * }
 * ```
 */
export function minibatches(data: Dataset, options: MinibatchOptions): Minibatches {
  const where = 'minibatches';
  const {
    batchSize,
    shuffle,
    dropLast,
    augment,
    rng: givenRng,
    seed,
  } = validateOptions(where, minibatchSchema, options);
  const m = data.size;
  if (dropLast && batchSize > m) {
    throw new ConfigError(
      `${where}: batchSize ${batchSize} is larger than the ${m} examples and dropLast is true, ` +
        'so there would be no batch at all. Hint: use a smaller batchSize or dropLast: false.',
    );
  }
  const rng = shuffle || augment !== undefined ? resolveRng(where, givenRng, seed) : null;
  const count = dropLast ? Math.floor(m / batchSize) : Math.ceil(m / batchSize);
  const { inputs, targets } = data;

  function* epoch(): Generator<Batch> {
    let order: Int32Array;
    if (shuffle) order = rng!.permutation(m);
    else {
      order = new Int32Array(m);
      for (let i = 0; i < m; i++) order[i] = i;
    }
    for (let index = 0; index < count; index++) {
      const start = index * batchSize;
      const indices = order.subarray(start, Math.min(start + batchSize, m));
      const size = indices.length;
      let batchInputs = gather(inputs, indices);
      if (augment !== undefined) {
        const augmented = augment(batchInputs, rng!);
        if (augmented.shape[0] !== size) {
          throw new ShapeError(
            `${where}: augment returned ${formatShape(augmented.shape)} for a batch of ${size} examples ` +
              `${formatShape(batchInputs.shape)}; expected the same number of examples.`,
          );
        }
        if (augmented.dtype !== batchInputs.dtype) {
          throw new DTypeError(
            `${where}: augment returned ${augmented.dtype} for a ${batchInputs.dtype} batch; expected the same dtype.`,
          );
        }
        batchInputs = augmented;
      }
      yield Object.freeze({ inputs: batchInputs, targets: gather(targets, indices), index, size });
    }
  }

  return Object.freeze({ count, batchSize, [Symbol.iterator]: epoch });
}
