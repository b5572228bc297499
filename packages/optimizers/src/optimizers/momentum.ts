import { option, zerosLike } from '@deeptune/core';
import { defineOptimizer } from '../optimizer/define-optimizer.js';
import type { Optimizer } from '../optimizer/optimizer.js';

/**
 * The `momentum` optimizer plugin: gradient descent with momentum, in the course's form by
 * default, or PyTorch's form (`form: 'pytorch'`), optionally with Nesterov momentum.
 *
 * @remarks
 * ```text
 * course form (default):   v ← β·v + (1 − β)·dW       W ← W − α·v
 * PyTorch form:            v ← β·v + dW               W ← W − α·v
 * Nesterov (either form):  W ← W − α·(β·v + c·dW)     with the updated v, c = 1 − β (course) or 1 (PyTorch)
 * v starts at 0; β = momentum (default 0.9).
 * ```
 * The course's v is exactly (1 − β) times PyTorch's, so the course form with learning
 * rate α takes the same steps as the PyTorch form with learning rate α·(1 − β) (β = 0.9:
 * course α = 0.1 ≡ PyTorch lr = 0.01). The PyTorch form equals
 * `torch.optim.SGD(params, lr, momentum=β, nesterov=…)` (dampening 0).
 * @see https://pytorch.org/docs/stable/generated/torch.optim.SGD.html
 * @see https://proceedings.mlr.press/v28/sutskever13.html (momentum and Nesterov, Sutskever et al.)
 * @category Optimizers/Built-in
 */
export const momentumPlugin = defineOptimizer({
  name: 'momentum',
  description: 'Gradient descent with momentum: v ← β·v + (1 − β)·dW, W ← W − α·v.',
  defaults: { learningRate: 0.01 },
  hyperparameters: {
    /** Momentum β, the weight of the velocity average. */
    momentum: option.number({
      default: 0.9,
      min: 0,
      exclusiveMax: 1,
      description: 'Momentum β, the weight of the velocity average.',
    }),
    /** 'course': v ← β·v + (1 − β)·dW; 'pytorch': v ← β·v + dW. */
    form: option.enum(['course', 'pytorch'], {
      default: 'course',
      description: "'course': v ← β·v + (1 − β)·dW; 'pytorch': v ← β·v + dW.",
    }),
    /** Use Nesterov momentum. */
    nesterov: option.boolean({ default: false, description: 'Use Nesterov momentum.' }),
  },
  init: (param) => ({ velocity: zerosLike(param).data }),
  update: ({ param, grad, state, hp }) => {
    const alpha = hp.learningRate;
    const beta = hp.momentum;
    const v = state.velocity;
    // c is the weight of dW in the velocity update: (1 − β) in the course, 1 in PyTorch.
    const course = hp.form === 'course';
    const c = course ? 1 - beta : 1;
    if (hp.nesterov) {
      for (let i = 0; i < param.length; i++) {
        const g = grad[i]!;
        const vi = beta * v[i]! + c * g;
        v[i] = vi;
        param[i] = param[i]! - alpha * (course ? beta * vi + c * g : g + beta * vi);
      }
    } else {
      for (let i = 0; i < param.length; i++) {
        const vi = beta * v[i]! + c * grad[i]!;
        v[i] = vi;
        param[i] = param[i]! - alpha * vi;
      }
    }
  },
});

/**
 * Creates a gradient-descent-with-momentum optimizer (course form by default). Options are
 * validated exactly as `registry.create('optimizer', 'momentum', options)` does.
 *
 * @param options - `learningRate` (default 0.01), `momentum` β in [0, 1) (default 0.9),
 * `form` (`'course'` or `'pytorch'`), `nesterov` (default false), and the framework options.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when a number is out of range,
 * e.g. `optimizer 'momentum': option 'momentum' must be in [0, 1), got 1`.
 * @category Optimizers/Built-in
 *
 * @example
 * ```ts
 * // the course's form: v ← 0.9·v + 0.1·dW, W ← W − 0.1·v
 * const optimizer = momentum({ learningRate: 0.1, momentum: 0.9 }).addParameters(
 *   model.namedParameters(),
 * );
 * // the same steps as torch.optim.SGD(params, lr=0.01, momentum=0.9), here with Nesterov
 * const torchLike = momentum({ learningRate: 0.01, momentum: 0.9, form: 'pytorch', nesterov: true });
 * ```
 */
export function momentum(...options: Parameters<typeof momentumPlugin.create>): Optimizer {
  return momentumPlugin.create(...options);
}
