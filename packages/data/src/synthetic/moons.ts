import { portableSinCos } from '@deeptune/core';
import type { Dataset } from '../dataset/dataset.js';
import { generate } from './generate.js';
import type { SyntheticOptions } from './synthetic-options.js';

/**
 * Two interleaving half-moons (as scikit-learn's `make_moons`), plus Gaussian noise.
 *
 * Class 0 lies on the upper half circle `(cos t, sin t)`, class 1 on the lower one
 * `(1 − cos t, 0.5 − sin t)`, with t uniform in [0, π]. Inputs are `[m, 2]`, targets class
 * indices `[m]` (0 and 1, alternating). Same options and generator state → bit-identical
 * points on every platform.
 *
 * @param options - `m`; `noise` (default 0.1); `rng` or `seed`; `dtype`.
 * @returns the dataset.
 * @throws {@link @deeptune/core!ConfigError} for an option of the wrong type, an unknown
 *   `dtype`, an unknown option (such as `classes`: moons has exactly 2), or both `rng` and
 *   `seed`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} for an `m` that is not an integer
 *   in [1, 1000000], or a negative or non-finite `noise`, with the message of the `moons` dataset plugin
 *   (`dataset 'moons': option 'm' must be an integer in [1, 1000000], got 0`).
 * @category Synthetic datasets
 *
 * @example
 * ```ts
 * const data = moons({ m: 1000, noise: 0.2, seed: 0 });
 * ```
 */
export function moons(options: SyntheticOptions): Dataset {
  return generate(
    {
      name: 'moons',
      defaultNoise: 0.1,
      defaultClasses: 2,
      multiClass: false,
      point: ({ label, rng }) => {
        const [sin, cos] = portableSinCos(rng.nextFloat() / 2);
        return label === 0 ? [cos, sin] : [1 - cos, 0.5 - sin];
      },
    },
    options,
  );
}
