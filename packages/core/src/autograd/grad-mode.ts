import { ConfigError } from '../errors/config-error.js';

/**
 * How many `noGrad` calls are running. The counter is shared by every copy of
 * `@deeptune/core` in the realm (under a registered symbol whose name carries the object's
 * layout version), so that `noGrad` of a plugin's copy also stops the app's copy from
 * recording, and the other way round: ops of either copy may run on tensors of the other.
 */
const gradMode: { disabledDepth: number } = ((globalThis as unknown as Record<symbol, unknown>)[
  Symbol.for('deeptune.core.gradMode.v1')
] ??= { disabledDepth: 0 }) as { disabledDepth: number };

/**
 * Whether operations currently record the graph that `backward()` walks.
 *
 * True except inside {@link noGrad}.
 *
 * @example
 * ```ts
 * isGradEnabled(); // true
 * noGrad(() => isGradEnabled()); // false
 * ```
 */
export function isGradEnabled(): boolean {
  return gradMode.disabledDepth === 0;
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
  gradMode.disabledDepth++;
  let result: T;
  try {
    result = fn();
  } finally {
    gradMode.disabledDepth--;
  }
  if (typeof (result as { then?: unknown } | null)?.then === 'function') {
    throw new ConfigError(
      'noGrad: the function returned a promise; noGrad only covers synchronous code. ' +
        'Hint: call noGrad inside the async function around each synchronous block.',
    );
  }
  return result;
}
