import { Rng, Standardizer, matmul, mean, mul, square, sub, tensor, type Tensor } from 'deeptune';
import type { PlanePoint, PlaneRect, Surface } from './surface.js';

/** Options of {@link scaledRegressionData}. */
export interface ScaledRegressionOptions {
  /** The number of training examples. */
  readonly m: number;
  /** The spread of x₁ divided by the spread of x₂ (1 … 1000). */
  readonly scaleRatio: number;
  /** The standard deviation of the noise added to y. */
  readonly noise: number;
  /** The seed. */
  readonly seed: number;
}

/** The training set: inputs [m, 2] (x₁ on a large scale, x₂ on a small one) and targets [m, 1]. */
export interface ScaledRegressionData {
  /** Inputs [m, 2], float64. */
  readonly inputs: Tensor;
  /** Targets [m, 1], float64. */
  readonly targets: Tensor;
}

/** The spread of x₂ (x₁'s is this times the scale ratio). */
const SMALL_SCALE = 1;
/** The mean of x₂ (x₁'s is this times the scale ratio): inputs are not centred. */
const SMALL_MEAN = 0.5;

/**
 * A seeded linear-regression set y = 3·z₁ − 2·z₂ + 1 + noise with z ~ N(0, 1), observed as
 * x₁ = r·(z₁ + 0.5) and x₂ = z₂ + 0.5 (r = scale ratio): the same data, with x₁'s units r
 * times smaller.
 */
export function scaledRegressionData(options: ScaledRegressionOptions): ScaledRegressionData {
  const rng = new Rng(options.seed);
  const inputs = new Float64Array(options.m * 2);
  const targets = new Float64Array(options.m);
  for (let i = 0; i < options.m; i++) {
    const z1 = rng.normal();
    const z2 = rng.normal();
    inputs[2 * i] = options.scaleRatio * (SMALL_SCALE * z1 + SMALL_MEAN);
    inputs[2 * i + 1] = SMALL_SCALE * z2 + SMALL_MEAN;
    targets[i] = 3 * z1 - 2 * z2 + 1 + options.noise * rng.normal();
  }
  return {
    inputs: tensor(inputs, { shape: [options.m, 2] }),
    targets: tensor(targets, { shape: [options.m, 1] }),
  };
}

/**
 * The mean squared error cost of ŷ = w₁x₁ + w₂x₂ + b over a training set, as a function of
 * (w₁, w₂) only: the bias b is fixed at its best value for each w (the least-squares
 * intercept b = ȳ − w·x̄), which is the same as fitting w to centred inputs and targets:
 *
 * ```text
 * J(w) = (1/2m) Σ_i (w·(x_i − x̄) − (y_i − ȳ))² = ½ wᵀHw − gᵀw + c
 * H = (1/m) X̃ᵀX̃,  g = (1/m) X̃ᵀỹ,  c = (1/2m) ỹᵀỹ,  ∇J = Hw − g,  w* = H⁻¹g
 * ```
 *
 * Gradient descent on J is stable for α < 2/λ_max(H).
 */
export class RegressionCost implements Surface {
  /** What the cost is, in words. */
  readonly label: string;
  /** A square (equal axes) around the start and the minimum. */
  readonly bounds: PlaneRect;
  /** The least-squares weights w*. */
  readonly minima: readonly PlanePoint[];
  /** J(w*). */
  readonly minValue: number;
  /** H = (1/m) X̃ᵀX̃ as [h11, h12, h22]. */
  readonly hessian: readonly [number, number, number];
  /** g = (1/m) X̃ᵀỹ. */
  readonly linear: readonly [number, number];
  /** The eigenvalues of H, largest first. */
  readonly eigenvalues: readonly [number, number];
  readonly #centredInputs: Tensor;
  readonly #centredTargets: Tensor;
  readonly #constant: number;

  constructor(inputs: Tensor, targets: Tensor, label: string, start: PlanePoint) {
    this.label = label;
    const m = inputs.shape[0]!;
    const x = inputs.data;
    const y = targets.data;
    let mean1 = 0;
    let mean2 = 0;
    let meanY = 0;
    for (let i = 0; i < m; i++) {
      mean1 += x[2 * i]!;
      mean2 += x[2 * i + 1]!;
      meanY += y[i]!;
    }
    mean1 /= m;
    mean2 /= m;
    meanY /= m;
    const centredX = new Float64Array(2 * m);
    const centredY = new Float64Array(m);
    let h11 = 0;
    let h12 = 0;
    let h22 = 0;
    let g1 = 0;
    let g2 = 0;
    let yy = 0;
    for (let i = 0; i < m; i++) {
      const a = x[2 * i]! - mean1;
      const b = x[2 * i + 1]! - mean2;
      const r = y[i]! - meanY;
      centredX[2 * i] = a;
      centredX[2 * i + 1] = b;
      centredY[i] = r;
      h11 += a * a;
      h12 += a * b;
      h22 += b * b;
      g1 += a * r;
      g2 += b * r;
      yy += r * r;
    }
    this.hessian = [h11 / m, h12 / m, h22 / m];
    this.linear = [g1 / m, g2 / m];
    this.#constant = yy / (2 * m);
    this.#centredInputs = tensor(centredX, { shape: [m, 2] });
    this.#centredTargets = tensor(centredY, { shape: [m, 1] });
    const [a11, a12, a22] = this.hessian;
    const determinant = a11 * a22 - a12 * a12;
    const best: PlanePoint = [
      (a22 * this.linear[0] - a12 * this.linear[1]) / determinant,
      (a11 * this.linear[1] - a12 * this.linear[0]) / determinant,
    ];
    this.minima = [best];
    this.minValue = this.#constant - 0.5 * (this.linear[0] * best[0] + this.linear[1] * best[1]);
    const halfTrace = (a11 + a22) / 2;
    const spread = Math.sqrt(((a11 - a22) / 2) ** 2 + a12 * a12);
    this.eigenvalues = [halfTrace + spread, halfTrace - spread];
    this.bounds = squareAround(start, best);
  }

  /** λ_max / λ_min of H: how elongated the contours are. */
  get conditionNumber(): number {
    return this.eigenvalues[0] / this.eigenvalues[1];
  }

  /** The largest learning rate for which gradient descent converges: 2/λ_max. */
  get largestStableRate(): number {
    return 2 / this.eigenvalues[0];
  }

  /** J(w₁, w₂), in closed form. */
  value(w1: number, w2: number): number {
    const [a11, a12, a22] = this.hessian;
    return (
      0.5 * (a11 * w1 * w1 + 2 * a12 * w1 * w2 + a22 * w2 * w2) -
      (this.linear[0] * w1 + this.linear[1] * w2) +
      this.#constant
    );
  }

  /** ∇J = Hw − g, in closed form (to check deeptune's autograd against). */
  analyticGradient(w1: number, w2: number): readonly [number, number] {
    const [a11, a12, a22] = this.hessian;
    return [a11 * w1 + a12 * w2 - this.linear[0], a12 * w1 + a22 * w2 - this.linear[1]];
  }

  /** J(w) = ½·mean((X̃w − ỹ)²) with deeptune ops, for a float64 tensor w of shape [2]. */
  cost(w: Tensor): Tensor {
    const column = w.reshape([2, 1]);
    const residual = sub(matmul(this.#centredInputs, column), this.#centredTargets);
    return mul(mean(square(residual)), 0.5);
  }
}

/** Nice half-widths (times a power of ten): the plot's 5 ticks fall on round numbers. */
const NICE_HALF_WIDTHS = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] as const;

/**
 * A square (equal axes) that holds the start and the minimum with a margin, with a round
 * half-width and a centre on a multiple of the tick spacing (half-width / 2).
 */
function squareAround(start: PlanePoint, best: PlanePoint): PlaneRect {
  const wanted = Math.max(Math.abs(best[0] - start[0]), Math.abs(best[1] - start[1]), 0.5) * 0.8;
  const magnitude = 10 ** Math.floor(Math.log10(wanted));
  const factor = NICE_HALF_WIDTHS.find((nice) => nice * magnitude >= wanted) ?? 10;
  const half = factor * magnitude;
  const tick = half / 2;
  // Rounding the centre moves it by at most tick/2 = half/4, so both points stay inside.
  const cx = Math.round((start[0] + best[0]) / 2 / tick) * tick;
  const cy = Math.round((start[1] + best[1]) / 2 / tick) * tick;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

/** The raw and the normalized costs of one dataset. */
export interface RawAndNormalized {
  /** J over the raw inputs. */
  readonly raw: RegressionCost;
  /** J over the inputs standardized with deeptune's `Standardizer` fitted on the train set. */
  readonly normalized: RegressionCost;
  /** The fitted standardizer's per-feature σ. */
  readonly sigma: readonly [number, number];
}

/** Builds both costs of a dataset; both start from w = (0, 0). */
export function rawAndNormalizedCosts(data: ScaledRegressionData): RawAndNormalized {
  const standardizer = new Standardizer().fit(data.inputs);
  const normalizedInputs = standardizer.transform(data.inputs);
  const variance = standardizer.variance.data;
  const origin: PlanePoint = [0, 0];
  return {
    raw: new RegressionCost(data.inputs, data.targets, 'Raw inputs', origin),
    normalized: new RegressionCost(
      normalizedInputs,
      data.targets,
      'Normalized inputs (x − μ)/σ',
      origin,
    ),
    sigma: [Math.sqrt(variance[0]!), Math.sqrt(variance[1]!)],
  };
}
