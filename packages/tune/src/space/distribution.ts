/**
 * A value a hyperparameter takes: a number, or one of a `choice`'s strings or booleans.
 *
 * @category Search spaces
 */
export type ParamValue = number | string | boolean;

/**
 * `uniform(low, high)`: a real number, uniformly distributed in [low, high].
 *
 * @category Search spaces
 */
export interface UniformDistribution {
  /** The scale: linear. */
  readonly scale: 'uniform';
  /** The smallest value. */
  readonly low: number;
  /** The largest value (> low). */
  readonly high: number;
}

/**
 * `int(low, high)`: an integer, each of low, low + 1, …, high equally likely.
 *
 * @category Search spaces
 */
export interface IntDistribution {
  /** The scale: linear, integers only. */
  readonly scale: 'int';
  /** The smallest value (an integer). */
  readonly low: number;
  /** The largest value (an integer ≥ low). */
  readonly high: number;
}

/**
 * `log(low, high)`: the course's rule for the learning rate, α = 10^r with r uniform in
 * [log10 low, log10 high], so that each decade gets the same number of samples.
 *
 * @category Search spaces
 */
export interface LogDistribution {
  /** The scale: logarithmic. */
  readonly scale: 'log';
  /** The smallest value (> 0). */
  readonly low: number;
  /** The largest value (> low). */
  readonly high: number;
}

/**
 * `oneMinusLog(low, high)`: the course's rule for an averaging weight β, 1 − β = 10^r with r
 * uniform in [log10(1 − high), log10(1 − low)]; β ∈ [0.9, 0.999] samples r in [−3, −1], so
 * [0.9, 0.99] and [0.99, 0.999] are explored equally (β near 1 is where a small change
 * matters: the average's window is about 1/(1 − β) values).
 *
 * @category Search spaces
 */
export interface OneMinusLogDistribution {
  /** The scale: logarithmic in 1 − β. */
  readonly scale: 'oneMinusLog';
  /** The smallest value (in (0, 1)). */
  readonly low: number;
  /** The largest value (in (low, 1)). */
  readonly high: number;
}

/**
 * `choice([...])`: one of a list of values, each equally likely.
 *
 * @category Search spaces
 */
export interface ChoiceDistribution {
  /** The scale: categorical. */
  readonly scale: 'choice';
  /** The values (at least one, no duplicates). */
  readonly values: readonly ParamValue[];
}

/**
 * How a hyperparameter is sampled: its range and the scale it is uniform on.
 *
 * @category Search spaces
 */
export type Distribution =
  | UniformDistribution
  | IntDistribution
  | LogDistribution
  | OneMinusLogDistribution
  | ChoiceDistribution;

/**
 * The scales a distribution can have.
 *
 * @category Search spaces
 */
export type Scale = Distribution['scale'];

/**
 * Every scale, in the order the docs list them.
 *
 * @category Search spaces
 */
export const SCALES: readonly Scale[] = Object.freeze([
  'uniform',
  'int',
  'choice',
  'log',
  'oneMinusLog',
] as const);
