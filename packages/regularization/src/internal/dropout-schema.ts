import { option, Rng } from '@deeptune/core';

/**
 * The `keepProb` settings shared by `Dropout` (one number) and `withDropout` (one per layer).
 * @internal
 */
export const keepProbRange = { exclusiveMin: 0, max: 1 } as const;

/**
 * The `rng` option shared by `Dropout` and `withDropout`.
 * @internal
 */
export const rngOption = option.custom({
  typeName: 'an Rng',
  check: (value: unknown): value is Rng => Rng.isRng(value),
  optional: true,
  description: 'Generator of the masks; default: split from the default generator.',
});

/**
 * The options schema of the `dropout` layer: the one description of its options, used by
 * the plugin entry and by the `Dropout` constructor alike.
 * @internal
 */
export const dropoutSchema = {
  /** The probability of keeping each unit, in (0, 1]. */
  keepProb: option.number({
    ...keepProbRange,
    description: 'Probability of keeping each unit (not a drop rate); 1 turns dropout off.',
  }),
  /** The generator of the masks. */
  rng: rngOption,
};

/**
 * The `where` of the messages of the `dropout` layer, as the registry writes it.
 * @internal
 */
export const DROPOUT_WHERE = "layer 'dropout'";
