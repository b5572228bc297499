import { sgd } from 'deeptune';
import { OptimizerPath } from './optimizer-path.js';
import { PathRace } from './path-race.js';
import {
  rawAndNormalizedCosts,
  scaledRegressionData,
  type RawAndNormalized,
  type ScaledRegressionOptions,
} from './scaled-regression.js';

/** The normalizing-inputs experiment (the same in the page and in Node). */
export interface NormalizingInputsConfig {
  /** The training set. */
  readonly data: ScaledRegressionOptions;
  /** α of gradient descent on the raw inputs. */
  readonly rawLearningRate: number;
  /** α of gradient descent on the normalized inputs. */
  readonly normalizedLearningRate: number;
  /** The number of steps on each side. */
  readonly steps: number;
  /** A side has converged when J − J* < tolerance. */
  readonly tolerance: number;
  /** A side has diverged when J − J* exceeds this. */
  readonly divergeAbove: number;
}

/** Gradient descent on the raw and on the normalized cost of one dataset, side by side. */
export interface NormalizationRace extends RawAndNormalized {
  /** Gradient descent on the raw inputs' cost. */
  readonly rawPath: OptimizerPath;
  /** Gradient descent on the normalized inputs' cost. */
  readonly normalizedPath: OptimizerPath;
  /** Both paths, advanced together. */
  readonly race: PathRace;
}

/**
 * Builds the experiment: the seeded dataset, both costs, and a deeptune `sgd` optimizer
 * stepping w = (w₁, w₂) from (0, 0) on each.
 */
export function createNormalizationRace(config: NormalizingInputsConfig): NormalizationRace {
  const costs = rawAndNormalizedCosts(scaledRegressionData(config.data));
  const path = (surface: RawAndNormalized['raw'], learningRate: number): OptimizerPath =>
    new OptimizerPath({
      surface,
      optimizer: sgd({ learningRate }),
      start: [0, 0],
      maxSteps: config.steps,
      tolerance: config.tolerance,
      divergeAbove: config.divergeAbove,
    });
  const rawPath = path(costs.raw, config.rawLearningRate);
  const normalizedPath = path(costs.normalized, config.normalizedLearningRate);
  return { ...costs, rawPath, normalizedPath, race: new PathRace([rawPath, normalizedPath]) };
}
