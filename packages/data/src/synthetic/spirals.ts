import { portableSinCos } from '@deeptune/core';
import type { Dataset } from '../dataset/dataset.js';
import { generate } from './generate.js';
import type { MultiClassSyntheticOptions } from './synthetic-options.js';

/** How many turns each arm makes from the centre to radius 1. */
const TURNS_PER_ARM = 0.75;

/**
 * Interleaved spiral arms, one per class (the CS231n spiral), plus Gaussian noise.
 *
 * The j-th of the n points of class c has radius r = (j + 0.5) / n and angle
 * `c / classes + 0.75 · r` turns, so the arms start at the centre, wind three quarters of a
 * turn outwards and never cross. Hard for linear models, easy for a two-layer network.
 * Inputs are `[m, 2]`, targets class indices `[m]`. Same options and generator state →
 * bit-identical points on every platform.
 *
 * @param options - `m`; `noise` (default 0.05); `classes` (default 3); `rng` or `seed`; `dtype`.
 * @returns the dataset.
 * @throws {@link @deeptune/core!ConfigError} for an option of the wrong type, an unknown
 *   `dtype` or option, or both `rng` and `seed`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} for an `m` that is not an integer
 *   in [1, 1000000], a `classes` that is not an integer ≥ 2, or a negative or non-finite `noise`, with
 *   the message of the `spirals` dataset plugin
 *   (`dataset 'spirals': option 'classes' must be an integer >= 2, got 1`).
 * @category Synthetic datasets
 *
 * @example
 * ```ts
 * const data = spirals({ m: 300, classes: 3, noise: 0.05, seed: 0 });
 * ```
 */
export function spirals(options: MultiClassSyntheticOptions): Dataset {
  return generate(
    {
      name: 'spirals',
      defaultNoise: 0.05,
      defaultClasses: 3,
      multiClass: true,
      point: ({ label, position, count }, classes) => {
        const radius = (position + 0.5) / count;
        const [sin, cos] = portableSinCos(label / classes + TURNS_PER_ARM * radius);
        return [radius * cos, radius * sin];
      },
    },
    options,
  );
}
