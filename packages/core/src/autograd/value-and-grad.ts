import type { Tensor } from '../tensor/tensor.js';
import { ConfigError } from '../errors/config-error.js';
import { computeGradients, ownStorage } from './backward.js';
import { zerosLike } from '../creation/zeros.js';

/** The result of {@link valueAndGrad}. */
export interface ValueAndGrad {
  /** What the function returned. */
  readonly value: Tensor;
  /** The gradient of `value` with respect to each parameter, in the order given. */
  readonly grads: Tensor[];
}

/**
 * Evaluates a scalar function and its gradient with respect to `parameters`, functionally:
 * the parameters' `grad` fields are left untouched, so there is no `zeroGrad` ritual.
 *
 * Parameters that do not yet require gradients are switched on for the call and switched
 * back afterwards. A parameter the value does not depend on gets a zero gradient.
 *
 * @param fn - computes a one-element tensor from the parameters (closes over them).
 * @param parameters - the tensors to differentiate with respect to.
 * @returns the value and one gradient per parameter, each with its parameter's shape.
 * @throws {@link ConfigError} when `fn` does not return a one-element tensor.
 *
 * @example
 * ```ts
 * const w = tensor([1, 2, 3], { dtype: 'float64' });
 * const { value, grads } = valueAndGrad(() => w.square().sum(), [w]);
 * value.item(); // 14
 * grads[0].toArray(); // [2, 4, 6]
 * ```
 */
export function valueAndGrad(fn: () => Tensor, parameters: readonly Tensor[]): ValueAndGrad {
  const switched = parameters.filter((parameter) => !parameter.requiresGrad);
  for (const parameter of switched) parameter.requiresGrad = true;
  try {
    const value = fn();
    if (typeof value !== 'object' || value === null || !('gradNode' in value) || value.size !== 1) {
      throw new ConfigError(
        'valueAndGrad: the function must return a tensor with exactly one element (e.g. a mean loss).',
      );
    }
    const owned = value.requiresGrad
      ? ownStorage(parameters, computeGradients(value, undefined, new Set(parameters)))
      : new Map<Tensor, Tensor>();
    const grads = parameters.map((parameter) => owned.get(parameter) ?? zerosLike(parameter));
    return { value: value.detach(), grads };
  } finally {
    for (const parameter of switched) parameter.requiresGrad = false;
  }
}
