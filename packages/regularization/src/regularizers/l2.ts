import {
  definePlugin,
  option,
  type NamedParameter,
  type Regularizer,
  type Tensor,
} from '@deeptune/core';
import { sumOverWeights } from '../internal/penalty-inputs.js';

/** Options of {@link l2}. */
export interface L2Options {
  /** The strength λ: a finite number ≥ 0 (0 turns the penalty off). */
  readonly lambda: number;
}

/** The options schema of the `l2` regularizer plugin. */
const l2Schema = {
  /** The strength λ ≥ 0. */
  lambda: option.number({
    min: 0,
    description: 'Strength λ ≥ 0 of the penalty (λ / 2m) · Σ ‖W‖²_F.',
  }),
};

/** Builds the regularizer from a validated λ. */
function createL2(lambda: number): Regularizer {
  return Object.freeze({
    name: 'l2',
    lambda,
    penalty(parameters: readonly NamedParameter[], batchSize: number): Tensor {
      const total = sumOverWeights('l2.penalty', parameters, batchSize, (w) => w.square().sum());
      return total.mul(lambda / (2 * batchSize));
    },
  });
}

/**
 * The `l2` regularizer as a registry entry: `registry.create('regularizer', 'l2', { lambda })`.
 *
 * Option `lambda` (required): a number ≥ 0. The registry reports a value out of range as an
 * {@link @deeptune/core!InvalidHyperparameterError} and any other invalid option as a
 * {@link @deeptune/core!ConfigError}, naming the plugin and the option.
 */
export const l2Plugin = definePlugin({
  kind: 'regularizer',
  name: 'l2',
  description: 'L2 penalty (weight decay): (λ / 2m) · Σ ‖W‖²_F over the weight matrices.',
  options: l2Schema,
  create: ({ lambda }) => createL2(lambda),
});

/**
 * L2 regularization ("weight decay"): penalises the squared Frobenius norm of every weight
 * matrix, scaled by λ / 2m.
 *
 * Only parameters with role `'weight'` are penalised — biases and batch norm's γ and β are
 * not. The penalty is an ordinary differentiable tensor, so its gradient `(λ/m)·W` comes
 * from autograd when the cost J = data term + penalty is back-propagated (see
 * {@link @deeptune/core!computeCost}). m is the number of examples in the batch.
 *
 * @remarks
 * ```text
 * penalty      = (λ / 2m) · Σ_l ‖W[l]‖²_F,   ‖W‖²_F = Σ_i Σ_j W_ij²
 * ∂penalty/∂W[l] = (λ / m) · W[l]
 * ```
 * With gradient descent the extra gradient term shrinks every weight by a constant factor
 * before the data step, hence the name weight decay:
 * `W ← W − α·(dW_data + (λ/m)·W) = (1 − αλ/m)·W − α·dW_data`.
 *
 * Example: for one weight vector W = [3, 2, 1] and λ = 1, ‖W‖² = 9 + 4 + 1 = 14 and the
 * penalty is 14 / 2m = 7 / m.
 *
 * @param options - `lambda`, the strength λ ≥ 0.
 * @returns a {@link @deeptune/core!Regularizer} named `'l2'`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `lambda` is negative, NaN or
 *   infinite (`regularizer 'l2': option 'lambda' must be >= 0, got -1`, the message
 *   `registry.create('regularizer', 'l2', …)` gives).
 * @throws {@link @deeptune/core!ConfigError} when `lambda` is missing or an unknown option
 *   is given.
 *
 * @example
 * ```ts
 * import { computeCost } from '@deeptune/core';
 * import { l2 } from '@deeptune/regularization';
 *
 * const { cost, data, regularization } = computeCost({
 *   model,
 *   loss,
 *   regularizers: [l2({ lambda: 0.7 })],
 *   inputs,
 *   targets,
 * });
 * cost.backward(); // each weight's gradient includes (λ/m)·W
 * ```
 */
export const l2: (options: L2Options) => Regularizer = l2Plugin.create;
