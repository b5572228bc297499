import { NumericError } from '@deeptune/core';
import { checkClipLimit } from '../internal/check-options.js';
import type { GradientTransform, TransformStep } from './gradient-transform.js';

/**
 * Rescales all gradients of a step together when their global L2 norm exceeds `maxNorm`,
 * in place.
 *
 * This is what an optimizer's `clipNorm` option adds to its chain; the norm is taken over
 * every parameter that has a gradient, across groups, as `torch.nn.utils.clip_grad_norm_`
 * and optax's `clip_by_global_norm` do.
 *
 * @remarks
 * ```text
 * n = √(Σ over all gradients of dW²)
 * if n > c:   dW ← dW · c/n          (the direction is kept; the length becomes c)
 * ```
 * @see https://arxiv.org/abs/1211.5063 (gradient clipping by norm, Pascanu et al.)
 *
 * @param maxNorm - the largest global norm c, a finite number > 0.
 * @returns a stateless transform named `'clip-by-global-norm'`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `maxNorm` is not a finite
 * number > 0; at a step, {@link @deeptune/core!NumericError} when the norm is not finite.
 *
 * @example
 * ```ts
 * const optimizer = adam({ clipNorm: 1 });
 * optimizer.transforms.map((transform) => transform.name);
 * // ['learning-rate', 'clip-by-global-norm', 'weight-decay', 'adam']
 * chain(scheduleLearningRate(), clipByGlobalNorm(1)); // the same two pieces, by hand
 * ```
 * @category Optimizers/Transforms
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransform {
  const c = checkClipLimit('clipByGlobalNorm', 'maxNorm', maxNorm);
  return Object.freeze({
    name: 'clip-by-global-norm',
    update({ parameters, optimizer, step }: TransformStep): void {
      let squares = 0;
      for (let k = 0; k < parameters.length; k++) {
        const g = parameters[k]!.grad;
        for (let i = 0; i < g.length; i++) squares += g[i]! * g[i]!;
      }
      const norm = Math.sqrt(squares);
      if (!Number.isFinite(norm)) {
        throw new NumericError(
          `optimizer '${optimizer}': clipByGlobalNorm(${c}): the global gradient norm is ${String(norm)} at step ${step}; clipping cannot rescale it. Hint: lower the learning rate, or check the loss for NaN or overflow.`,
        );
      }
      if (norm <= c) return;
      const scale = c / norm;
      for (let k = 0; k < parameters.length; k++) {
        const g = parameters[k]!.grad;
        for (let i = 0; i < g.length; i++) g[i] = g[i]! * scale;
      }
    },
  });
}
