import { defineOptimizer } from '../optimizer/define-optimizer.js';
import type { Optimizer } from '../optimizer/optimizer.js';
import { adamHyperparameters, adamInit, adamUpdate } from './adam-rule.js';

/**
 * The `adamw` optimizer plugin: Adam with decoupled weight decay, default λ = 0.01, with
 * PyTorch's semantics.
 *
 * @remarks
 * ```text
 * W ← W·(1 − α·λ)                    decoupled: not part of the gradient
 * then the Adam update:  W ← W − α·m̂/(√v̂ + ε)
 * ```
 * This equals `torch.optim.AdamW(params, lr=α, betas=(β₁, β₂), eps=ε, weight_decay=λ)` on
 * the weights. The default parameter groups exempt biases and batch-norm γ/β from the
 * decay (in PyTorch this takes a separate parameter group with `weight_decay=0`).
 * @see https://arxiv.org/abs/1711.05101 (Decoupled weight decay regularization, Loshchilov & Hutter)
 * @see https://pytorch.org/docs/stable/generated/torch.optim.AdamW.html
 * @category Optimizers/Built-in
 */
export const adamwPlugin = defineOptimizer({
  name: 'adamw',
  description: 'AdamW: Adam with decoupled weight decay W ← W·(1 − α·λ).',
  defaults: { learningRate: 0.001, weightDecay: 0.01 },
  hyperparameters: adamHyperparameters,
  init: adamInit,
  update: adamUpdate,
});

/**
 * Creates an AdamW optimizer. Options are validated exactly as
 * `registry.create('optimizer', 'adamw', options)` does.
 *
 * @param options - as for `adam`, with `weightDecay` defaulting to 0.01.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when a number is out of range.
 * @category Optimizers/Built-in
 *
 * @example
 * ```ts
 * const optimizer = adamw({ learningRate: 1e-3, weightDecay: 0.05 }).addParameters(
 *   model.namedParameters(),
 * );
 * // the same as adam({ learningRate: 1e-3, weightDecay: 0.05 }); biases, γ and β are not decayed
 * optimizer.parameterGroups.map((group) => [group.name, group.weightDecay]);
 * // [['no-weight-decay', 0], ['default', 0.05]]
 * ```
 */
export function adamw(...options: Parameters<typeof adamwPlugin.create>): Optimizer {
  return adamwPlugin.create(...options);
}
