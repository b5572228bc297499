import { ConfigError } from '../errors/config-error.js';

let disabledDepth = 0;

/**
 * Whether operations currently record the graph that `backward()` walks.
 *
 * True except inside {@link noGrad}.
 */
export function isGradEnabled(): boolean {
  return disabledDepth === 0;
}

/**
 * Runs `fn` without recording gradients, for parameter updates and inference.
 *
 * Tensors created inside do not require gradients, which saves the memory of the graph.
 * `fn` must be synchronous: the mode ends when `fn` returns, so a promise returned by an
 * async function would run its remaining steps *with* gradients. Such a `fn` is rejected.
 *
 * @example
 * ```ts
 * noGrad(() => {
 *   weight.data.set(weight.sub(weight.grad!.mul(0.1)).data);
 * });
 * ```
 * @throws {@link ConfigError} when `fn` returns a promise.
 */
export function noGrad<T>(fn: () => T): T {
  disabledDepth++;
  let result: T;
  try {
    result = fn();
  } finally {
    disabledDepth--;
  }
  if (typeof (result as { then?: unknown } | null)?.then === 'function') {
    throw new ConfigError(
      'noGrad: the function returned a promise; noGrad only covers synchronous code. ' +
        'Hint: call noGrad inside the async function around each synchronous block.',
    );
  }
  return result;
}
