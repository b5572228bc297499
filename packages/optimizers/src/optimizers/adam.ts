import { defineOptimizer } from '../optimizer/define-optimizer.js';
import type { Optimizer } from '../optimizer/optimizer.js';
import { adamHyperparameters, adamInit, adamUpdate } from './adam-rule.js';

/**
 * The `adam` optimizer plugin: momentum and RMSprop combined, with bias-corrected moments.
 *
 * @remarks
 * ```text
 * m ← β₁·m + (1 − β₁)·dW            v ← β₂·v + (1 − β₂)·dW²       (m, v start at 0)
 * m̂ = m / (1 − β₁ᵗ)                 v̂ = v / (1 − β₂ᵗ)
 * W ← W − α·m̂ / (√v̂ + ε)
 * ```
 * t counts this parameter's updates from 1. ε is added after the square root, as in
 * PyTorch: this equals `torch.optim.Adam(params, lr=α, betas=(β₁, β₂), eps=ε)`. Defaults:
 * α = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-8. Unlike `torch.optim.Adam`'s `weight_decay`
 * (an L2 term added to the gradient), `weightDecay` here is always decoupled, so `adam`
 * with `weightDecay` is `adamw`; for an L2 penalty use a regularizer in the cost.
 * @see https://arxiv.org/abs/1412.6980 (Adam, Kingma & Ba)
 * @see https://pytorch.org/docs/stable/generated/torch.optim.Adam.html
 * @category Optimizers/Built-in
 */
export const adamPlugin = defineOptimizer({
  name: 'adam',
  description: 'Adam: bias-corrected momentum and RMSprop, W ← W − α·m̂/(√v̂ + ε).',
  defaults: { learningRate: 0.001 },
  hyperparameters: adamHyperparameters,
  init: adamInit,
  update: adamUpdate,
});

/**
 * Creates an Adam optimizer. Options are validated exactly as
 * `registry.create('optimizer', 'adam', options)` does.
 *
 * @param options - `learningRate` (default 0.001), `beta1` and `beta2` in [0, 1) (defaults
 * 0.9 and 0.999), `epsilon` > 0 (default 1e-8), and the framework options.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when a number is out of range,
 * e.g. `optimizer 'adam': option 'beta1' must be in [0, 1), got 1.2`.
 * @category Optimizers/Built-in
 *
 * @example
 * ```ts
 * const optimizer = adam({ learningRate: 3e-4 }).addParameters(model.namedParameters());
 * ```
 */
export function adam(...options: Parameters<typeof adamPlugin.create>): Optimizer {
  return adamPlugin.create(...options);
}
