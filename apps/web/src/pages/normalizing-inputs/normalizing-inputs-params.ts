import { SEED_PARAM } from '../../app/seed-param.js';
import type { ParamSpecs, ParamValues } from '../../app/url-params.js';
import type { NormalizingInputsConfig } from '../../experiments/surfaces/normalization-race.js';

/** The URL parameters of the normalizing-inputs page. */
export const NORMALIZING_INPUTS_PARAMS = {
  ratio: { kind: 'number', default: 10, min: 1, max: 1000 },
  rawLr: { kind: 'number', default: 0.02, min: 1e-7, max: 3 },
  normLr: { kind: 'number', default: 0.5, min: 1e-3, max: 3 },
  steps: { kind: 'number', default: 100, min: 10, max: 2000, integer: true },
  seed: SEED_PARAM,
} as const satisfies ParamSpecs;

/** The values of {@link NORMALIZING_INPUTS_PARAMS}. */
export type NormalizingInputsValues = ParamValues<typeof NORMALIZING_INPUTS_PARAMS>;

/** The number of training examples. */
export const NORMALIZING_EXAMPLES = 200;
/** The standard deviation of the target noise. */
export const NORMALIZING_NOISE = 0.5;
/** The tolerance on J − J* for "steps to converge". */
export const NORMALIZING_TOLERANCE = 1e-3;

/** The page's parameters → its experiment. */
export function normalizingInputsConfig(values: NormalizingInputsValues): NormalizingInputsConfig {
  return {
    data: {
      m: NORMALIZING_EXAMPLES,
      scaleRatio: values.ratio,
      noise: NORMALIZING_NOISE,
      seed: values.seed,
    },
    rawLearningRate: values.rawLr,
    normalizedLearningRate: values.normLr,
    steps: values.steps,
    tolerance: NORMALIZING_TOLERANCE,
    divergeAbove: 1e8,
  };
}
