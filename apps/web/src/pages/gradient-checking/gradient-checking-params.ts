import { SEED_PARAM } from '../../app/seed-param.js';
import type { ParamSpecs, ParamValues } from '../../app/url-params.js';
import {
  GRADCHECK_ACTIVATIONS,
  type GradcheckActivation,
  type GradcheckConfig,
} from '../../experiments/gradcheck/gradcheck-config.js';

/** The input features of the checked network. */
export const GRADCHECK_FEATURES = 4;
/** The classes of the checked network's softmax output. */
export const GRADCHECK_CLASSES = 3;
/** The examples of the fixed batch. */
export const GRADCHECK_EXAMPLES = 16;

/** The URL parameters of the gradient-checking page. */
export const GRADIENT_CHECKING_PARAMS = {
  layers: { kind: 'number', default: 2, min: 1, max: 3, integer: true },
  units: { kind: 'number', default: 5, min: 2, max: 16, integer: true },
  activation: { kind: 'choice', default: 'tanh', values: [...GRADCHECK_ACTIVATIONS] },
  lambda: { kind: 'number', default: 0, min: 0, max: 2 },
  bug: { kind: 'boolean', default: false },
  bugLayer: { kind: 'number', default: 2, min: 1, max: 4, integer: true },
  seed: SEED_PARAM,
} as const satisfies ParamSpecs;

/** The values of {@link GRADIENT_CHECKING_PARAMS}. */
export type GradientCheckingValues = ParamValues<typeof GRADIENT_CHECKING_PARAMS>;

/**
 * The Dense layer that carries the bug: `bugLayer`, but at most the output layer
 * (`layers + 1`), so a link with fewer layers still names an existing one.
 */
export function effectiveBugLayer(values: GradientCheckingValues): number {
  return Math.min(values.bugLayer, values.layers + 1);
}

/** The check the page's parameters describe (the same in the worker and in Node). */
export function gradientCheckingConfig(values: GradientCheckingValues): GradcheckConfig {
  return {
    features: GRADCHECK_FEATURES,
    classes: GRADCHECK_CLASSES,
    examples: GRADCHECK_EXAMPLES,
    hiddenLayers: Array.from({ length: values.layers }, () => values.units),
    activation: values.activation as GradcheckActivation,
    lambda: values.lambda,
    bugLayer: values.bug ? effectiveBugLayer(values) : null,
    seed: values.seed,
  };
}
