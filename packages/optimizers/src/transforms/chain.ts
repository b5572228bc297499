import { ConfigError, describeValue } from '@deeptune/core';
import type { GradientTransform } from './gradient-transform.js';

/**
 * An ordered, frozen list of transforms with unique names: what an optimizer runs at every
 * step, first to last.
 *
 * @category Optimizers/Transforms
 */
export type TransformChain = readonly GradientTransform[];

function isTransform(value: unknown): value is GradientTransform {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<GradientTransform>;
  return (
    typeof candidate.name === 'string' &&
    candidate.name !== '' &&
    typeof candidate.update === 'function' &&
    (candidate.init === undefined || typeof candidate.init === 'function')
  );
}

/**
 * Composes transforms (and chains, which are flattened) into one {@link TransformChain}, to
 * run in the order given.
 *
 * @remarks
 * ```text
 * chain(a, chain(b, c), d) = [a, b, c, d]     each step runs a, then b, then c, then d
 * ```
 * @see https://optax.readthedocs.io/en/latest/api/combining_optimizers.html (optax.chain)
 *
 * @param parts - transforms or chains.
 * @returns the frozen, flattened chain.
 * @throws {@link @deeptune/core!ConfigError} when a part is not a transform
 * (`{ name, init?, update }`) or two transforms share a name.
 *
 * @example
 * ```ts
 * const optimizer = adam({ learningRate: 1e-3 });
 * // Clip by value after the default pieces' clipping, just before the rule:
 * const [learningRate, weightDecay, rule] = optimizer.transforms;
 * const clipped = optimizer.withTransforms(chain(learningRate!, clipByValue(1), weightDecay!, rule!));
 * clipped.transforms.map((transform) => transform.name);
 * // ['learning-rate', 'clip-by-value', 'weight-decay', 'adam']
 * ```
 * @category Optimizers/Transforms
 */
export function chain(...parts: readonly (GradientTransform | TransformChain)[]): TransformChain {
  const transforms: GradientTransform[] = [];
  const names = new Set<string>();
  for (const [index, part] of parts.entries()) {
    const items: readonly unknown[] = Array.isArray(part) ? part : [part];
    for (const item of items) {
      if (!isTransform(item)) {
        throw new ConfigError(
          `chain: part ${index} must be a transform { name, init?, update } or a chain of them, got ${describeValue(item)}`,
        );
      }
      if (names.has(item.name)) {
        throw new ConfigError(
          `chain: two transforms are named '${item.name}'. Hint: names key the state in stateDict(); give each transform its own name.`,
        );
      }
      names.add(item.name);
      transforms.push(item);
    }
  }
  return Object.freeze(transforms);
}
