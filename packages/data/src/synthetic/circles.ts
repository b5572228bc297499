import { portableSinCos } from '@deeptune/core';
import type { Dataset } from '../dataset/dataset.js';
import { generate } from './generate.js';
import type { MultiClassSyntheticOptions } from './synthetic-options.js';

/**
 * Concentric circles: class c lies on the circle of radius (c + 1) / classes around the
 * origin, at a uniformly random angle, plus Gaussian noise.
 *
 * Not linearly separable: a classic demo that logistic regression fails and a small network
 * with one hidden layer succeeds. Inputs are `[m, 2]`, targets class indices `[m]`; example
 * i belongs to class `i mod classes`. Same options and generator state → bit-identical
 * points on every platform.
 *
 * @param options - `m`; `noise` (default 0.05); `classes` (default 2); `rng` or `seed`; `dtype`.
 * @returns the dataset.
 * @throws {@link @deeptune/core!ConfigError} for an option of the wrong type, an unknown
 *   `dtype` or option, or both `rng` and `seed`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} for an `m` that is not an integer
 *   in [1, 1000000], a `classes` that is not an integer ≥ 2, or a negative or non-finite `noise`, with
 *   the message of the `circles` dataset plugin
 *   (`dataset 'circles': option 'classes' must be an integer >= 2, got 1`).
 * @category Synthetic datasets
 *
 * @example
 * ```ts
 * const data = circles({ m: 400, noise: 0.05, seed: 1 }); // inner ring class 0, outer class 1
 * ```
 */
export function circles(options: MultiClassSyntheticOptions): Dataset {
  return generate(
    {
      name: 'circles',
      defaultNoise: 0.05,
      defaultClasses: 2,
      multiClass: true,
      point: ({ label, rng }, classes) => {
        const radius = (label + 1) / classes;
        const [sin, cos] = portableSinCos(rng.nextFloat());
        return [radius * cos, radius * sin];
      },
    },
    options,
  );
}
