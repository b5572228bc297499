/**
 * How a model runs a forward pass.
 *
 * - `training` — layers use training behaviour: batch norm uses the batch statistics and
 *   updates its running averages; dropout drops (unless `stochastic` is false).
 * - `stochastic` — random layers (dropout, noise) draw fresh randomness. Gradient checking
 *   runs with `training: true, stochastic: false`: batch norm behaves as in training, while
 *   the function stays deterministic. Ignored (always off) when `training` is false.
 */
export interface ForwardMode {
  /** Training behaviour (batch statistics, dropout) rather than inference behaviour. */
  readonly training: boolean;
  /** Whether random layers draw randomness; only meaningful while training. */
  readonly stochastic: boolean;
}

/** The mode of a model's own forward pass in training: batch statistics and dropout on. */
export const TRAINING_MODE: ForwardMode = Object.freeze({ training: true, stochastic: true });

/** The mode of inference: running statistics, no dropout. */
export const INFERENCE_MODE: ForwardMode = Object.freeze({ training: false, stochastic: false });

/**
 * The mode for gradient checking: training behaviour without randomness, so the cost is a
 * deterministic function of the parameters.
 */
export const DETERMINISTIC_TRAINING_MODE: ForwardMode = Object.freeze({
  training: true,
  stochastic: false,
});
