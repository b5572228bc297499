import { assertHyperparameter } from './check-hyperparameter.js';

/**
 * Throws an {@link @deeptune/core!InvalidHyperparameterError} unless `keepProb` is a number
 * in (0, 1], e.g. `Dropout: keepProb must be a number in (0, 1], got 1.5. Hint: …`.
 * @internal
 */
export function assertKeepProb(
  where: string,
  name: string,
  keepProb: unknown,
): asserts keepProb is number {
  assertHyperparameter(
    where,
    name,
    keepProb,
    { exclusiveMin: 0, max: 1 },
    'keepProb is the probability of keeping a unit (the course’s keep_prob), not a drop ' +
      'rate: keepProb 0.8 drops 20% of the units, and keepProb 1 turns dropout off.',
  );
}
