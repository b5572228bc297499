import type { Dataset } from '../dataset/dataset.js';
import { generate } from './generate.js';
import type { SyntheticOptions } from './synthetic-options.js';

/**
 * The XOR problem: four Gaussian clusters at (±1, ±1); the class is 1 when the signs of the
 * two coordinates differ (an exclusive or), else 0.
 *
 * Each example picks one of its class's two corners with equal probability; `noise` is the
 * spread of the clusters. The smallest problem no linear model can solve. Inputs are
 * `[m, 2]`, targets class indices `[m]` (0 and 1, alternating). Same options and generator
 * state → bit-identical points on every platform.
 *
 * @param options - `m`; `noise` (default 0.3); `rng` or `seed`; `dtype`.
 * @returns the dataset.
 * @throws {@link @deeptune/core!ConfigError} for an option of the wrong type, an unknown
 *   `dtype`, an unknown option (such as `classes`: xor has exactly 2), or both `rng` and
 *   `seed`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} for an `m` that is not an integer
 *   in [1, 1000000], or a negative or non-finite `noise`, with the message of the `xor` dataset plugin
 *   (`dataset 'xor': option 'm' must be an integer in [1, 1000000], got 0`).
 * @category Synthetic datasets
 *
 * @example
 * ```ts
 * const data = xor({ m: 200, noise: 0.3, seed: 0 });
 * ```
 */
export function xor(options: SyntheticOptions): Dataset {
  return generate(
    {
      name: 'xor',
      defaultNoise: 0.3,
      defaultClasses: 2,
      multiClass: false,
      point: ({ label, rng }) => {
        const x = rng.nextFloat() < 0.5 ? -1 : 1;
        // class 0: same signs (x, x); class 1: opposite signs (x, −x)
        return [x, label === 0 ? x : -x];
      },
    },
    options,
  );
}
