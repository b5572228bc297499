import type { ParamSpecs, ParamValues } from '../../app/url-params.js';
import type { OptimizerChoice } from '../../experiments/surfaces/optimizer-choice.js';
import type { OptimizerRaceConfig } from '../../experiments/surfaces/optimizer-race.js';
import { SURFACE_NAMES, type SurfaceName } from '../../experiments/surfaces/test-surfaces.js';

/** The URL parameters of the optimizers page. */
export const OPTIMIZERS_PARAMS = {
  surface: { kind: 'choice', default: 'bowl', values: [...SURFACE_NAMES] },
  kappa: { kind: 'number', default: 100, min: 1, max: 1000 },
  angle: { kind: 'number', default: 0, min: 0, max: 90 },
  x: { kind: 'number', default: -4.5, min: -5, max: 5 },
  y: { kind: 'number', default: 2, min: -5, max: 5 },
  steps: { kind: 'number', default: 200, min: 10, max: 2000, integer: true },
  sgd: { kind: 'boolean', default: true },
  lrSgd: { kind: 'number', default: 1.8, min: 1e-4, max: 10 },
  momentum: { kind: 'boolean', default: true },
  lrMomentum: { kind: 'number', default: 5, min: 1e-4, max: 50 },
  beta: { kind: 'number', default: 0.9, min: 0, max: 0.999 },
  rmsprop: { kind: 'boolean', default: true },
  lrRmsprop: { kind: 'number', default: 0.1, min: 1e-4, max: 3 },
  rmsBeta2: { kind: 'number', default: 0.99, min: 0, max: 0.999 },
  adam: { kind: 'boolean', default: true },
  lrAdam: { kind: 'number', default: 0.2, min: 1e-4, max: 3 },
  beta1: { kind: 'number', default: 0.9, min: 0, max: 0.999 },
  beta2: { kind: 'number', default: 0.999, min: 0, max: 0.9999 },
} as const satisfies ParamSpecs;

/** The values of {@link OPTIMIZERS_PARAMS}. */
export type OptimizersValues = ParamValues<typeof OPTIMIZERS_PARAMS>;

/** "Reached the minimum" means f − f* below this. */
export const OPTIMIZERS_TOLERANCE = 1e-3;

/** Every optimizer's settings from the page's values (enabled or not), in the race's order. */
export function optimizerChoices(values: OptimizersValues): readonly OptimizerChoice[] {
  return [
    { kind: 'sgd', learningRate: values.lrSgd },
    { kind: 'momentum', learningRate: values.lrMomentum, beta: values.beta },
    { kind: 'rmsprop', learningRate: values.lrRmsprop, beta2: values.rmsBeta2 },
    { kind: 'adam', learningRate: values.lrAdam, beta1: values.beta1, beta2: values.beta2 },
  ];
}

/** The page's parameters → its experiment (only the enabled optimizers race). */
export function optimizersConfig(values: OptimizersValues): OptimizerRaceConfig {
  const enabled = {
    sgd: values.sgd,
    momentum: values.momentum,
    rmsprop: values.rmsprop,
    adam: values.adam,
  };
  return {
    surface: values.surface as SurfaceName,
    conditionNumber: values.kappa,
    angleDegrees: values.angle,
    start: [values.x, values.y],
    steps: values.steps,
    tolerance: OPTIMIZERS_TOLERANCE,
    divergeAbove: 1e6,
    optimizers: optimizerChoices(values).filter((choice) => enabled[choice.kind]),
  };
}
