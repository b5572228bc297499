import { defineOptimizer } from '../optimizer/define-optimizer.js';
import type { Optimizer } from '../optimizer/optimizer.js';

/**
 * The `sgd` optimizer plugin: plain gradient descent, `W ← W − α·dW`.
 *
 * Whether this is batch, mini-batch or stochastic gradient descent depends only on the
 * batch size the training loop feeds it. Same as `torch.optim.SGD(params, lr)` without
 * momentum.
 *
 * @remarks
 * ```text
 * W ← W − α·dW
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.optim.SGD.html
 * @category Optimizers/Built-in
 */
export const sgdPlugin = defineOptimizer({
  name: 'sgd',
  description: 'Gradient descent: W ← W − α·dW.',
  defaults: { learningRate: 0.01 },
  init: () => ({}),
  update: ({ param, grad, hp }) => {
    const alpha = hp.learningRate;
    for (let i = 0; i < param.length; i++) param[i] = param[i]! - alpha * grad[i]!;
  },
});

/**
 * Creates a plain gradient-descent optimizer: `W ← W − α·dW`. Options are validated exactly
 * as `registry.create('optimizer', 'sgd', options)` does.
 *
 * @param options - `learningRate` (default 0.01) and the framework options `weightDecay`,
 * `clipNorm`, `clipValue`, `groups`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when a number is out of range
 * (e.g. `learningRate <= 0`); {@link @deeptune/core!ConfigError} for unknown options or
 * wrong types.
 * @category Optimizers/Built-in
 *
 * @example
 * ```ts
 * const optimizer = sgd({ learningRate: 0.1 }).addParameters(model.namedParameters());
 * optimizer.zeroGrad();
 * computeCost({ model, loss: softmaxCrossEntropy, inputs, targets }).cost.backward();
 * optimizer.step(); // W ← W − 0.1·dW for every parameter
 * ```
 */
export function sgd(...options: Parameters<typeof sgdPlugin.create>): Optimizer {
  return sgdPlugin.create(...options);
}
