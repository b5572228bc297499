import { checkClipLimit } from '../internal/check-options.js';
import type { GradientTransform, TransformStep } from './gradient-transform.js';

/**
 * Clips every gradient element to [−limit, limit], in place.
 *
 * This is what an optimizer's `clipValue` option adds to its chain (before clipping by norm,
 * weight decay and the rule); `torch.nn.utils.clip_grad_value_` does the same.
 *
 * @remarks
 * ```text
 * dW ← min(max(dW, −c), c)      element-wise, every gradient of the step
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.nn.utils.clip_grad_value_.html
 *
 * @param limit - the largest absolute gradient element c, a finite number > 0.
 * @returns a stateless transform named `'clip-by-value'`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `limit` is not a finite
 * number > 0.
 *
 * @example
 * ```ts
 * // clip by norm first, then by value (the clipValue option clips by value first)
 * const optimizer = momentum({ clipNorm: 5 }).withTransforms((chain) => [
 *   ...chain.slice(0, 2), // learning-rate, clip-by-global-norm
 *   clipByValue(0.5),
 *   ...chain.slice(2), // weight-decay, momentum
 * ]);
 * ```
 * @category Optimizers/Transforms
 */
export function clipByValue(limit: number): GradientTransform {
  const c = checkClipLimit('clipByValue', 'limit', limit);
  return Object.freeze({
    name: 'clip-by-value',
    update({ parameters }: TransformStep): void {
      for (let k = 0; k < parameters.length; k++) {
        const g = parameters[k]!.grad;
        for (let i = 0; i < g.length; i++) {
          const value = g[i]!;
          if (value > c) g[i] = c;
          else if (value < -c) g[i] = -c;
        }
      }
    },
  });
}
