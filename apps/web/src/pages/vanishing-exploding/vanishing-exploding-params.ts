import { SEED_PARAM } from '../../app/seed-param.js';
import type { ParamSpecs, ParamValues } from '../../app/url-params.js';
import {
  SIGNAL_ACTIVATIONS,
  SIGNAL_INITIALIZATIONS,
  type SignalActivation,
  type SignalConfig,
  type SignalInitialization,
} from '../../experiments/signal/signal-config.js';

/** The examples of the measured batch. */
export const SIGNAL_BATCH = 128;

/** The growth factor beyond which the signal is called exploding or vanishing (the library's default). */
export const SIGNAL_GROWTH_LIMIT = 100;

/** The URL parameters of the vanishing/exploding page. */
export const VANISHING_EXPLODING_PARAMS = {
  depth: { kind: 'number', default: 20, min: 2, max: 50, integer: true },
  width: { kind: 'number', default: 64, min: 8, max: 128, integer: true },
  activation: { kind: 'choice', default: 'relu', values: [...SIGNAL_ACTIVATIONS] },
  init: { kind: 'choice', default: 'he', values: [...SIGNAL_INITIALIZATIONS] },
  factor: { kind: 'number', default: 1.5, min: 1.05, max: 10 },
  seed: SEED_PARAM,
} as const satisfies ParamSpecs;

/** The values of {@link VANISHING_EXPLODING_PARAMS}. */
export type VanishingExplodingValues = ParamValues<typeof VANISHING_EXPLODING_PARAMS>;

/** The measurement the page's parameters describe (the same in the worker and in Node). */
export function vanishingExplodingConfig(values: VanishingExplodingValues): SignalConfig {
  return {
    depth: values.depth,
    width: values.width,
    activation: values.activation as SignalActivation,
    initialization: values.init as SignalInitialization,
    factor: values.factor,
    batch: SIGNAL_BATCH,
    seed: values.seed,
    growthLimit: SIGNAL_GROWTH_LIMIT,
  };
}
