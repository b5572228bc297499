import { randn, type Initializer } from 'deeptune';
import type { SignalActivation, SignalInitialization } from './signal-config.js';

/** The initialisation that keeps the scale for an activation: He for ReLU, Xavier for tanh. */
export function properInitialization(activation: SignalActivation): 'he' | 'xavier' {
  return activation === 'relu' ? 'he' : 'xavier';
}

/**
 * The variance of the weights, times nIn: 2 for He, 1 for Xavier, and the activation's proper
 * value times factor² (`large`) or divided by factor² (`small`).
 */
export function weightVarianceTimesFanIn(
  activation: SignalActivation,
  initialization: SignalInitialization,
  factor: number,
): number {
  const proper = properInitialization(activation) === 'he' ? 2 : 1;
  switch (initialization) {
    case 'he':
      return 2;
    case 'xavier':
      return 1;
    case 'large':
      return proper * factor * factor;
    case 'small':
      return proper / (factor * factor);
  }
}

/**
 * An initializer drawing N(0, varianceTimesFanIn / nIn) from the layer's generator: with 2 it
 * draws exactly what the library's `heNormal` draws, with 1 what `xavierNormal` draws.
 */
export function scaledNormalInitializer(varianceTimesFanIn: number): Initializer {
  return (shape, context) =>
    randn(shape, {
      dtype: context.dtype,
      rng: context.rng,
      std: Math.sqrt(varianceTimesFanIn / context.fanIn),
    });
}

/**
 * The factor by which each layer multiplies the signal's scale, `√(nIn · Var(w) · gain)`
 * with gain ½ for ReLU (half the units are zeroed) and 1 for tanh near 0 (where tanh is
 * linear; a saturated tanh multiplies by less).
 */
export function predictedLayerFactor(
  activation: SignalActivation,
  varianceTimesFanIn: number,
): number {
  return Math.sqrt(varianceTimesFanIn * (activation === 'relu' ? 0.5 : 1));
}
