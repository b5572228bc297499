import { portableSinCos } from '@deeptune/core';
import type { Dataset } from '../dataset/dataset.js';
import { generate } from './generate.js';
import type { MultiClassSyntheticOptions } from './synthetic-options.js';

/** The radius of the circle on which the blob centres lie. */
const CENTRE_RADIUS = 2;

/**
 * Isotropic Gaussian blobs, one per class, with centres evenly spaced on a circle of
 * radius 2 (class c at angle c / classes turns); `noise` is each blob's standard deviation.
 *
 * A linearly separable warm-up for softmax regression. Inputs are `[m, 2]`, targets class
 * indices `[m]`. Same options and generator state → bit-identical points on every platform.
 *
 * @param options - `m`; `noise` (default 0.5); `classes` (default 3); `rng` or `seed`; `dtype`.
 * @returns the dataset.
 * @throws {@link @deeptune/core!ConfigError} for an option of the wrong type, an unknown
 *   `dtype` or option, or both `rng` and `seed`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} for an `m` that is not an integer
 *   in [1, 1000000], a `classes` that is not an integer ≥ 2, or a negative or non-finite `noise`, with
 *   the message of the `blobs` dataset plugin
 *   (`dataset 'blobs': option 'classes' must be an integer >= 2, got 1`).
 * @category Synthetic datasets
 *
 * @example
 * ```ts
 * const data = blobs({ m: 300, classes: 3, noise: 0.5, seed: 0 });
 * ```
 */
export function blobs(options: MultiClassSyntheticOptions): Dataset {
  return generate(
    {
      name: 'blobs',
      defaultNoise: 0.5,
      defaultClasses: 3,
      multiClass: true,
      point: ({ label }, classes) => {
        const [sin, cos] = portableSinCos(label / classes);
        return [CENTRE_RADIUS * cos, CENTRE_RADIUS * sin];
      },
    },
    options,
  );
}
