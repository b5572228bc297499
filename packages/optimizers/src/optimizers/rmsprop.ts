import { option, zerosLike } from '@deeptune/core';
import { defineOptimizer } from '../optimizer/define-optimizer.js';
import type { Optimizer } from '../optimizer/optimizer.js';

/**
 * The `rmsprop` optimizer plugin: divides each step by a running root mean square of the
 * gradient, so that steep and flat directions move at similar speeds.
 *
 * @remarks
 * ```text
 * S ← β₂·S + (1 − β₂)·dW²          (element-wise; S starts at 0)
 * W ← W − α·dW / (√S + ε)
 * ```
 * ε is added after the square root, as in PyTorch: this equals
 * `torch.optim.RMSprop(params, lr=α, alpha=β₂, eps=ε)` (PyTorch calls β₂ `alpha`; Keras
 * calls it `rho`). Defaults are PyTorch's: α = 0.01, β₂ = 0.99, ε = 1e-8 (Keras uses
 * α = 0.001 and β₂ = 0.9, Hinton's value).
 * @see https://www.cs.toronto.edu/~tijmen/csc321/slides/lecture_slides_lec6.pdf (Hinton, lecture 6e)
 * @see https://pytorch.org/docs/stable/generated/torch.optim.RMSprop.html
 * @category Optimizers/Built-in
 */
export const rmspropPlugin = defineOptimizer({
  name: 'rmsprop',
  description: 'RMSprop: S ← β₂·S + (1 − β₂)·dW², W ← W − α·dW/(√S + ε).',
  defaults: { learningRate: 0.01 },
  hyperparameters: {
    /** Weight β₂ of the average of squared gradients (PyTorch alpha). */
    beta2: option.number({
      default: 0.99,
      min: 0,
      exclusiveMax: 1,
      description: 'Weight β₂ of the average of squared gradients (PyTorch alpha).',
    }),
    /** ε added to √S for numerical stability. */
    epsilon: option.number({
      default: 1e-8,
      exclusiveMin: 0,
      description: 'ε added to √S for numerical stability.',
    }),
  },
  init: (param) => ({ s: zerosLike(param).data }),
  update: ({ param, grad, state, hp }) => {
    const alpha = hp.learningRate;
    const beta2 = hp.beta2;
    const epsilon = hp.epsilon;
    const s = state.s;
    for (let i = 0; i < param.length; i++) {
      const g = grad[i]!;
      const si = s[i]! * beta2 + (1 - beta2) * (g * g);
      s[i] = si;
      param[i] = param[i]! - alpha * (g / (Math.sqrt(si) + epsilon));
    }
  },
});

/**
 * Creates an RMSprop optimizer. Options are validated exactly as
 * `registry.create('optimizer', 'rmsprop', options)` does.
 *
 * @param options - `learningRate` (default 0.01), `beta2` in [0, 1) (default 0.99),
 * `epsilon` > 0 (default 1e-8), and the framework options.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when a number is out of range.
 * @category Optimizers/Built-in
 *
 * @example
 * ```ts
 * // S ← 0.999·S + 0.001·dW², W ← W − 0.001·dW / (√S + ε)
 * const optimizer = rmsprop({ learningRate: 1e-3, beta2: 0.999 }).addParameters(
 *   model.namedParameters(),
 * );
 * ```
 */
export function rmsprop(...options: Parameters<typeof rmspropPlugin.create>): Optimizer {
  return rmspropPlugin.create(...options);
}
