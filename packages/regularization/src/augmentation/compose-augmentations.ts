import {
  ConfigError,
  type Augmentation,
  type Rng,
  type Tensor,
  describeValue,
} from '@deeptune/core';

/**
 * Chains augmentations into one: applies them in order, each to the previous one's
 * output, all drawing from the same generator.
 *
 * The result is itself an {@link @deeptune/core!Augmentation}; with a seeded generator the
 * whole chain is reproducible. Order matters (shifting then rotating is not rotating then
 * shifting), and the list order is the order of application.
 *
 * @remarks
 * ```text
 * compose([a₁, a₂, …, a_k])(x, rng) = a_k(… a₂(a₁(x, rng), rng) …, rng)
 * ```
 *
 * @param augmentations - at least one augmentation, in the order to apply them.
 * @returns an augmentation applying them in order.
 * @throws {@link @deeptune/core!ConfigError} when the list is empty or an entry is not a
 *   function.
 *
 * @example
 * ```ts
 * const augment = composeAugmentations([
 *   randomShift({ maxShift: 2, height: 28, width: 28 }),
 *   randomRotation({ maxDegrees: 10, height: 28, width: 28 }),
 *   gaussianNoise({ std: 0.05 }),
 * ]);
 * const augmented = augment(batch, new Rng(0));
 * ```
 */
export function composeAugmentations(augmentations: readonly Augmentation[]): Augmentation {
  if (!Array.isArray(augmentations) || augmentations.length === 0) {
    throw new ConfigError(
      `composeAugmentations: expected a non-empty array of augmentations, got ${describeValue(augmentations)}.`,
    );
  }
  augmentations.forEach((augmentation: unknown, index) => {
    if (typeof augmentation !== 'function') {
      throw new ConfigError(
        `composeAugmentations: augmentations[${index}] must be a function (batch, rng) => Tensor, ` +
          `got ${describeValue(augmentation)}.`,
      );
    }
  });
  const chain = [...augmentations];
  return (batch: Tensor, rng: Rng): Tensor => {
    let output = batch;
    for (const augmentation of chain) output = augmentation(output, rng);
    return output;
  };
}
