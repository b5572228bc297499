import { Rng, dataset, tensor, type Dataset } from 'deeptune';

/** Options of {@link makeRegressionData}. */
export interface RegressionDataOptions {
  /** The number of examples. */
  readonly m: number;
  /** The standard deviation of the noise added to the targets. */
  readonly noise: number;
  /** The seed of the inputs and the noise. */
  readonly seed: number;
}

/** The true line the data is drawn around: y = 2·x − 1 (+ noise). */
export const TRUE_LINE = { weight: 2, bias: -1 } as const;

/** A 1-D regression problem and its exact least-squares solution. */
export interface RegressionData {
  /** The examples: inputs [m, 1], targets [m, 1]. */
  readonly train: Dataset;
  /** The weight w* that minimises the mean squared error on `train`. */
  readonly optimalWeight: number;
  /** The bias b* that minimises the mean squared error on `train`. */
  readonly optimalBias: number;
  /** The mean squared error at (w*, b*): the lowest cost reachable. */
  readonly optimalCost: number;
}

/**
 * Seeded points x ~ N(0, 1), y = 2·x − 1 + noise·N(0, 1), with the minimum of the mean
 * squared error found in closed form (w* = cov(x, y)/var(x), b* = ȳ − w*·x̄), computed in
 * double precision from the very float32 numbers the model trains on.
 */
export function makeRegressionData(options: RegressionDataOptions): RegressionData {
  const rng = new Rng(options.seed);
  const xs = new Float32Array(options.m);
  const ys = new Float32Array(options.m);
  for (let i = 0; i < options.m; i++) {
    const x = rng.normal();
    xs[i] = x;
    ys[i] = TRUE_LINE.weight * x + TRUE_LINE.bias + options.noise * rng.normal();
  }
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < options.m; i++) {
    meanX += xs[i]!;
    meanY += ys[i]!;
  }
  meanX /= options.m;
  meanY /= options.m;
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < options.m; i++) {
    covariance += (xs[i]! - meanX) * (ys[i]! - meanY);
    variance += (xs[i]! - meanX) ** 2;
  }
  const optimalWeight = covariance / variance;
  const optimalBias = meanY - optimalWeight * meanX;
  let optimalCost = 0;
  for (let i = 0; i < options.m; i++) {
    optimalCost += (optimalWeight * xs[i]! + optimalBias - ys[i]!) ** 2;
  }
  optimalCost /= options.m;
  return {
    train: dataset(tensor(xs, { shape: [options.m, 1] }), tensor(ys, { shape: [options.m, 1] })),
    optimalWeight,
    optimalBias,
    optimalCost,
  };
}
