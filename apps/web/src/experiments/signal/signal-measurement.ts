import {
  Dense,
  Rng,
  Sequential,
  diagnoseSignalPropagation,
  randn,
  type Initializer,
  type InitializerName,
  type SignalVerdict,
} from 'deeptune';
import type { SignalConfig } from './signal-config.js';
import { scaledNormalInitializer, weightVarianceTimesFanIn } from './signal-initializer.js';

/** Where a layer's signal stands against the growth limit, relative to the first layer. */
export type LayerSignalVerdict = 'stable' | 'exploding' | 'vanishing' | 'non-finite';

/** The measured signal of one network: plain numbers, cloneable to and from a worker. */
export interface SignalMeasurement {
  /** The standard deviation of the input batch. */
  readonly inputStd: number;
  /** The standard deviation of each layer's output activations, layer 1 first. */
  readonly activationStd: readonly number[];
  /** ‖∂J/∂A‖₂ at each layer's output (J = the sum of the outputs), layer 1 first. */
  readonly gradientNorm: readonly number[];
  /** ‖∂J/∂W‖₂ of each layer's weights, layer 1 first. */
  readonly weightGradientNorm: readonly number[];
  /**
   * Each layer's forward verdict by the library's rule applied up to that layer: its
   * activation std over the first layer's, against the same growth limit.
   */
  readonly activationVerdicts: readonly LayerSignalVerdict[];
  /**
   * Each layer's backward verdict: the gradient norm at its output over the last layer's (how
   * much the backward signal grew on its way back to it), against the same growth limit.
   */
  readonly gradientVerdicts: readonly LayerSignalVerdict[];
  /** The library's activation growth: the last layer's std over the first layer's. */
  readonly activationGrowth: number;
  /** The library's gradient growth: the first layer's gradient norm over the last layer's. */
  readonly gradientGrowth: number;
  /** The library's overall verdict. */
  readonly verdict: SignalVerdict;
  /** The growth limit of the verdicts. */
  readonly growthLimit: number;
  /** The weights' variance times nIn (2 for He, 1 for Xavier). */
  readonly varianceTimesFanIn: number;
}

/** The library's initializer for a config: He and Xavier by name, the scaled ones as functions. */
function initializerOf(config: SignalConfig): Initializer | InitializerName {
  switch (config.initialization) {
    case 'he':
      return 'he-normal';
    case 'xavier':
      return 'xavier-normal';
    default:
      return scaledNormalInitializer(
        weightVarianceTimesFanIn(config.activation, config.initialization, config.factor),
      );
  }
}

/** The seeded deep network of a config: `depth` Dense layers of `width` units, no bias. */
export function buildSignalNetwork(config: SignalConfig): Sequential {
  const rng = new Rng(config.seed);
  const initializer = initializerOf(config);
  const layers: Dense[] = [];
  for (let i = 0; i < config.depth; i++) {
    layers.push(
      new Dense({
        inputs: config.width,
        units: config.width,
        activation: config.activation,
        useBias: false,
        initializer,
        rng,
      }),
    );
  }
  return new Sequential(layers);
}

/** The seeded N(0, 1) input batch of a config, `[batch, width]`. */
export function signalInputs(config: SignalConfig): ReturnType<typeof randn> {
  return randn([config.batch, config.width], { rng: new Rng(config.seed + 1_000_003) });
}

/** The verdict of one growth factor against the limit, as the library judges the overall one. */
function growthVerdict(growth: number, limit: number): LayerSignalVerdict {
  if (!Number.isFinite(growth)) return 'non-finite';
  if (growth > limit) return 'exploding';
  if (growth < 1 / limit) return 'vanishing';
  return 'stable';
}

/**
 * Builds the seeded network, runs the library's `diagnoseSignalPropagation` on the seeded
 * batch (back-propagating the sum of the outputs) and returns its figures per layer.
 */
export function measureSignal(config: SignalConfig): SignalMeasurement {
  const report = diagnoseSignalPropagation(buildSignalNetwork(config), signalInputs(config), {
    growthLimit: config.growthLimit,
  });
  const activationStd = report.layers.map((layer) => layer.activationStd);
  const gradientNorm = report.layers.map((layer) => layer.outputGradientNorm);
  const firstStd = activationStd[0]!;
  const lastGradient = gradientNorm[gradientNorm.length - 1]!;
  return {
    inputStd: report.inputStd,
    activationStd,
    gradientNorm,
    weightGradientNorm: report.layers.map((layer) => layer.weightGradientNorm ?? 0),
    activationVerdicts: activationStd.map((std) =>
      growthVerdict(std / firstStd, report.growthLimit),
    ),
    gradientVerdicts: gradientNorm.map((norm) =>
      growthVerdict(norm / lastGradient, report.growthLimit),
    ),
    activationGrowth: report.activationGrowth,
    gradientGrowth: report.gradientGrowth,
    verdict: report.verdict,
    growthLimit: report.growthLimit,
    varianceTimesFanIn: weightVarianceTimesFanIn(
      config.activation,
      config.initialization,
      config.factor,
    ),
  };
}
