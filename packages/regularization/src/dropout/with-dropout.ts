import {
  ConfigError,
  getDefaultRng,
  option,
  validateOptions,
  describeValue,
  type Rng,
} from '@deeptune/core';
import { Module } from '@deeptune/layers';
import { keepProbRange, rngOption } from '../internal/dropout-schema.js';
import { Dropout } from './dropout.js';

/** The options of `withDropout`: `Dropout`'s, with one keep probability per layer. */
const withDropoutSchema = {
  keepProbs: option.numberList({
    ...keepProbRange,
    description: 'One keep probability per layer, for the input of that layer; 1 adds no dropout.',
  }),
  rng: rngOption,
};

/** Options of {@link withDropout}. */
export interface WithDropoutOptions {
  /**
   * One keep probability per layer, each in (0, 1]: `keepProbs[l]` applies to the input of
   * `layers[l]`, that is to a[l] in the course's notation (a[0] = X, the inputs; a[l] the
   * activations of hidden layer l). A value of 1 adds no `Dropout`.
   */
  readonly keepProbs: readonly number[];
  /**
   * The generator the `Dropout` layers split their own generators from, in order.
   * @defaultValue the default generator (`getDefaultRng()`)
   */
  readonly rng?: Rng;
}

/**
 * Inserts a {@link Dropout} with its own keep probability in front of each layer, for
 * per-layer dropout from a list such as `keepProbs: [1, 0.5, 0.8]`.
 *
 * `keepProbs[l]` is the keep probability of the activations that enter `layers[l]`:
 * `keepProbs[0]` for the input features (usually 1, or close to it), `keepProbs[l]` for
 * the output of the l-th layer (1-based), the course's per-layer `keep_prob`. The output of
 * the last layer is never dropped. Entries equal to 1 add nothing, so the summary only lists
 * real dropout layers. Each `Dropout` gets its own generator, split from `rng` in order.
 *
 * @param layers - the layers, in order (typically `Dense` layers with their activations).
 * @param options - `keepProbs` (one per layer) and an optional `rng`.
 * @returns a new array of modules for `new Sequential(…)`.
 * @throws {@link @deeptune/core!ConfigError} when `keepProbs` is not a list of numbers or
 *   does not have one entry per layer, a layer is not a `Module`, or `rng` is not an `Rng`.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when an entry of `keepProbs` is
 *   outside (0, 1] or NaN, naming the entry
 *   (`withDropout: option 'keepProbs[1]' must be in (0, 1], got 1.5`).
 *
 * @example
 * ```ts
 * const rng = new Rng(0);
 * const model = new Sequential(
 *   withDropout(
 *     [
 *       new Dense({ inputs: 784, units: 128, activation: 'relu', rng }),
 *       new Dense({ inputs: 128, units: 64, activation: 'relu', rng }),
 *       new Dense({ inputs: 64, units: 10, rng }),
 *     ],
 *     { keepProbs: [1, 0.5, 0.8], rng: rng.split() },
 *   ),
 * );
 * // dense1, dense2 after dropout1 (keepProb 0.5), dense3 after dropout2 (keepProb 0.8)
 * ```
 */
export function withDropout(layers: readonly Module[], options: WithDropoutOptions): Module[] {
  const where = 'withDropout';
  if (!Array.isArray(layers)) {
    throw new ConfigError(
      `${where}: layers must be an array of modules, got ${describeValue(layers)}.`,
    );
  }
  layers.forEach((layer: unknown, index) => {
    if (!Module.isModule(layer)) {
      throw new ConfigError(
        `${where}: layers[${index}] is not a Module, got ${describeValue(layer)}.`,
      );
    }
  });
  const { keepProbs, rng } = validateOptions(where, withDropoutSchema, options);
  if (keepProbs.length !== layers.length) {
    throw new ConfigError(
      `${where}: keepProbs must have one keep probability per layer (${layers.length}), ` +
        `got ${keepProbs.length} (${describeValue(keepProbs)}). ` +
        'Hint: keepProbs[l] applies to the input of layers[l]; use 1 for no dropout.',
    );
  }
  const source = rng ?? getDefaultRng();
  const result: Module[] = [];
  layers.forEach((layer, index) => {
    const keepProb = keepProbs[index]!;
    if (keepProb < 1) result.push(new Dropout({ keepProb, rng: source.split() }));
    result.push(layer);
  });
  return result;
}
