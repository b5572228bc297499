import {
  definePlugin,
  option,
  type NamedParameter,
  type Regularizer,
  type Tensor,
} from '@deeptune/core';
import { sumOverWeights } from '../internal/penalty-inputs.js';

/** Options of {@link l1}. */
export interface L1Options {
  /** The strength λ: a finite number ≥ 0 (0 turns the penalty off). */
  readonly lambda: number;
}

/** The options schema of the `l1` regularizer plugin. */
const l1Schema = {
  /** The strength λ ≥ 0. */
  lambda: option.number({
    min: 0,
    description: 'Strength λ ≥ 0 of the penalty (λ / m) · Σ |W|.',
  }),
};

/** Builds the regularizer from a validated λ. */
function createL1(lambda: number): Regularizer {
  return Object.freeze({
    name: 'l1',
    lambda,
    penalty(parameters: readonly NamedParameter[], batchSize: number): Tensor {
      const total = sumOverWeights('l1.penalty', parameters, batchSize, (w) => w.abs().sum());
      return total.mul(lambda / batchSize);
    },
  });
}

/**
 * The `l1` regularizer as a registry entry: `registry.create('regularizer', 'l1', { lambda })`.
 *
 * Option `lambda` (required): a number ≥ 0. The registry reports a value out of range as an
 * {@link @deeptune/core!InvalidHyperparameterError} and any other invalid option as a
 * {@link @deeptune/core!ConfigError}, naming the plugin and the option.
 */
export const l1Plugin = definePlugin({
  kind: 'regularizer',
  name: 'l1',
  description: 'L1 penalty: (λ / m) · Σ |W| over the weight matrices; favours sparse weights.',
  options: l1Schema,
  create: ({ lambda }) => createL1(lambda),
});

/**
 * L1 regularization: penalises the sum of the absolute values of every weight, scaled by
 * λ / m; it pushes many weights to exactly zero (sparse weights).
 *
 * Only parameters with role `'weight'` are penalised — biases and batch norm's γ and β are
 * not. The gradient comes from autograd; |w| has no derivative at 0, and the subgradient
 * used there is 0. m is the number of examples in the batch.
 *
 * @remarks
 * ```text
 * penalty        = (λ / m) · Σ_l Σ_ij |W[l]_ij|
 * ∂penalty/∂W[l] = (λ / m) · sign(W[l])      (sign(0) = 0)
 * ```
 * The pull towards 0 has the same size λ/m for every non-zero weight however small it is
 * (L2's pull (λ/m)·w fades as w shrinks), which is why L1 drives weights all the way to
 * zero. Some texts write the L1 term as (λ / 2m)·‖W‖₁; the constant factor only rescales λ.
 *
 * @param options - `lambda`, the strength λ ≥ 0.
 * @returns a {@link @deeptune/core!Regularizer} named `'l1'`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `lambda` is negative, NaN or
 *   infinite (`regularizer 'l1': option 'lambda' must be >= 0, got -1`, the message
 *   `registry.create('regularizer', 'l1', …)` gives).
 * @throws {@link @deeptune/core!ConfigError} when `lambda` is missing or an unknown option
 *   is given.
 *
 * @example
 * ```ts
 * const { cost } = computeCost({ model, loss, regularizers: [l1({ lambda: 0.01 })], inputs, targets });
 * cost.backward(); // each weight's gradient includes (λ/m)·sign(W)
 * ```
 */
export const l1: (options: L1Options) => Regularizer = l1Plugin.create;
