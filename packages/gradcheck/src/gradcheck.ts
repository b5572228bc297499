import {
  GradcheckError,
  Rng,
  Tensor,
  isTensor,
  mul,
  noGrad,
  sum,
  valueAndGrad,
  type Tensor as TensorType,
  describeValue,
} from '@deeptune/core';
import { chooseCoordinates } from './internal/choose-coordinates.js';
import { scalarValue } from './numerical-gradient.js';
import { relativeDifference } from './relative-difference.js';
import { verdictOf, type GradcheckVerdict } from './verdict.js';

/** Options of {@link gradcheck}. */
export interface GradcheckOptions {
  /**
   * The step ε of the two-sided difference.
   * @defaultValue 1e-7
   */
  readonly eps?: number;
  /**
   * `passed` is true when the overall relative difference is below this.
   * @defaultValue 1e-7
   */
  readonly tolerance?: number;
  /**
   * Throw a {@link @deeptune/core!GradcheckError} with the formatted report when the check fails.
   * @defaultValue false
   */
  readonly throwOnFailure?: boolean;
  /**
   * Seed of the fixed random projection applied to non-scalar outputs, and of the
   * coordinates chosen by `sample`.
   * @defaultValue 0
   */
  readonly seed?: number;
  /**
   * Check at most this many coordinates of each parameter tensor, chosen uniformly at random
   * without replacement, instead of every coordinate; an integer ≥ 1.
   *
   * Every checked coordinate costs two evaluations of the function, so checking all of a
   * 784-256-128-10 network means about 470,000 forward passes, and `sample: 20` brings that
   * down to 220. Tensors with at most `sample` elements are checked entirely.
   * The relative differences (overall and per tensor) are then computed over the checked
   * coordinates only, and `checked`/`total` in the report say how many there were. The choice
   * depends only on `seed`, the tensor's position and its size, and is the same on every
   * platform. A bug confined to a few coordinates can be missed, so use a larger `sample`
   * (or none) when a sampled check passes but training still looks wrong.
   * @defaultValue undefined — every coordinate of every tensor is checked
   */
  readonly sample?: number;
}

/** The check of one parameter tensor. */
export interface ParameterGradcheck {
  /** The parameter's name (its key, or `'#i'` for the i-th tensor of an array). */
  readonly name: string;
  /** The parameter's shape. */
  readonly shape: readonly number[];
  /**
   * How many of the tensor's coordinates were checked: `min(sample, total)` with the
   * `sample` option, else `total`.
   */
  readonly checked: number;
  /** The number of coordinates (elements) of the tensor. */
  readonly total: number;
  /** The relative difference over this tensor's checked elements alone. */
  readonly relativeDifference: number;
  /** The verdict band of that difference. */
  readonly verdict: GradcheckVerdict;
  /**
   * The multi-index, into the full tensor, of the checked element with the largest absolute
   * error.
   */
  readonly worstIndex: readonly number[];
  /** Autograd's derivative at the worst index. */
  readonly analytic: number;
  /** The numerical estimate at the worst index. */
  readonly numerical: number;
  /** `|analytic − numerical|` at the worst index. */
  readonly absoluteError: number;
}

/** The result of {@link gradcheck}. */
export interface GradcheckReport {
  /**
   * `‖dθapprox − dθ‖₂ / (‖dθapprox‖₂ + ‖dθ‖₂)` over all parameters flattened into θ (over the
   * checked coordinates only, with the `sample` option).
   */
  readonly relativeDifference: number;
  /** The verdict band of the overall difference. */
  readonly verdict: GradcheckVerdict;
  /** Whether the overall difference is below `tolerance`. */
  readonly passed: boolean;
  /** The tolerance used for `passed`. */
  readonly tolerance: number;
  /** The step ε used. */
  readonly eps: number;
  /** How many coordinates were checked, over all parameters (`total` unless sampled). */
  readonly checked: number;
  /** The number of coordinates of all parameters together. */
  readonly total: number;
  /** One entry per parameter, in order. */
  readonly parameters: readonly ParameterGradcheck[];
  /** The parameter with the largest relative difference. */
  readonly worst: ParameterGradcheck;
}

/**
 * Checks autograd's gradient of `f` against the two-sided numerical gradient.
 *
 * All parameters are flattened into one vector θ; each element is nudged by ±ε to estimate
 * `dθapprox[i] = (J(θ + εeᵢ) − J(θ − εeᵢ)) / 2ε`, and the result is compared with
 * autograd's `dθ` by the relative difference `‖dθapprox − dθ‖₂ / (‖dθapprox‖₂ + ‖dθ‖₂)`.
 * The report adds a per-tensor breakdown with the worst element, so a failing check points
 * at the tensor (e.g. a bias) whose gradient is wrong.
 *
 * If `f` returns more than one element, its output is first contracted with a fixed random
 * vector `v` (checking `vᵀJ`, as PyTorch's fast mode does), so any op can be checked.
 *
 * For big networks, `sample` checks only a seeded random handful of coordinates per tensor
 * (e.g. `{ sample: 20 }`) instead of all of them.
 *
 * Gradient checking needs float64: float32 keeps about 7 significant digits, so with ε
 * around 1e-7 the difference quotient would be mostly rounding error.
 *
 * @param f - computes the objective from the parameters (it closes over them); it must be
 *   deterministic (turn dropout off).
 * @param parameters - the float64 tensors to check, as an array or a record of named tensors.
 * @throws {@link @deeptune/core!GradcheckError} for an invalid `eps` or `sample`, float32
 *   parameters, non-finite values, or (with `throwOnFailure`) a failed check.
 *
 * @example
 * ```ts
 * const w = randn([3, 2], { dtype: 'float64' });
 * const b = randn([2], { dtype: 'float64' });
 * const x = randn([4, 3], { dtype: 'float64' });
 * const report = gradcheck(() => x.matmul(w).add(b).tanh().sum(), { w, b });
 * report.verdict; // 'great'
 * ```
 */
export function gradcheck(
  f: () => TensorType,
  parameters: readonly TensorType[] | Readonly<Record<string, TensorType>>,
  options: GradcheckOptions = {},
): GradcheckReport {
  const eps = options.eps ?? 1e-7;
  const tolerance = options.tolerance ?? 1e-7;
  if (!(eps > 0) || !Number.isFinite(eps)) {
    throw new GradcheckError(`gradcheck: eps must be a positive finite number, got ${eps}.`);
  }
  const sample: unknown = options.sample;
  if (sample !== undefined && !(Number.isInteger(sample) && (sample as number) >= 1)) {
    throw new GradcheckError(
      `gradcheck: sample must be an integer ≥ 1 (coordinates per parameter tensor), got ${describeValue(sample)}. ` +
        'Hint: use e.g. 20, or leave sample undefined to check every coordinate.',
    );
  }
  const named: [string, TensorType][] = Array.isArray(parameters)
    ? parameters.map((t, i): [string, TensorType] => [`#${i}`, t])
    : Object.entries(parameters);
  if (named.length === 0) {
    throw new GradcheckError('gradcheck: no parameters to check; pass at least one tensor.');
  }
  for (const [name, parameter] of named) {
    if (!isTensor(parameter)) {
      throw new GradcheckError(`gradcheck: parameter '${name}' is not a Tensor.`);
    }
    if (parameter.dtype !== 'float64') {
      throw new GradcheckError(
        `gradcheck: parameter '${name}' is ${parameter.dtype}; gradient checking needs float64. ` +
          'float32 keeps only about 7 significant digits, so with ε ≈ 1e-7 the numerical estimate would be mostly rounding error. ' +
          "Hint: build the tensors (or the model) with dtype 'float64' for the check.",
      );
    }
  }

  const seed = options.seed ?? 0;
  const objective = projectedObjective(f, seed);
  const tensors = named.map(([, t]) => t);
  const coordinates = chosenCoordinates(tensors, seed, options.sample);
  const { value, grads } = valueAndGrad(objective, tensors);
  scalarValue('gradcheck', value);

  const numericalParts: Float64Array[] = [];
  noGrad(() => {
    tensors.forEach((tensor, index) => {
      const chosen = coordinates[index] ?? null;
      const part = new Float64Array(chosen?.length ?? tensor.size);
      for (let k = 0; k < part.length; k++) {
        const i = chosen === null ? k : chosen[k]!;
        const original = tensor.data[i]!;
        tensor.data[i] = original + eps;
        const plus = scalarValue('gradcheck', objective());
        tensor.data[i] = original - eps;
        const minus = scalarValue('gradcheck', objective());
        tensor.data[i] = original;
        part[k] = (plus - minus) / (2 * eps);
      }
      numericalParts.push(part);
    });
  });

  // The analytic gradient at the checked coordinates, aligned with numericalParts.
  const analyticParts = grads.map((gradient, index) => {
    const chosen = coordinates[index] ?? null;
    return chosen === null ? gradient.data : Float64Array.from(chosen, (i) => gradient.data[i]!);
  });
  const analyticAll = concatenate(analyticParts);
  const numericalAll = concatenate(numericalParts);
  const overall = relativeDifference(numericalAll, analyticAll);
  const perParameter = named.map(([name, tensor], index) =>
    parameterReport(
      name,
      tensor.shape,
      analyticParts[index]!,
      numericalParts[index]!,
      coordinates[index] ?? null,
    ),
  );
  const worst = perParameter.reduce((a, b) =>
    !(a.relativeDifference >= b.relativeDifference) && !Number.isNaN(a.relativeDifference) ? b : a,
  );
  const report: GradcheckReport = {
    relativeDifference: overall,
    verdict: verdictOf(overall),
    passed: overall < tolerance,
    tolerance,
    eps,
    checked: numericalAll.length,
    total: tensors.reduce((n, t) => n + t.size, 0),
    parameters: perParameter,
    worst,
  };
  if (options.throwOnFailure === true && !report.passed) {
    throw new GradcheckError(`gradcheck failed:\n${formatGradcheckReport(report)}`);
  }
  return report;
}

/**
 * Formats a report as a small table: overall difference and verdict, then one row per
 * parameter with its difference, verdict and worst element.
 *
 * When only some coordinates were checked (the `sample` option), the first line and the rows
 * of the sampled tensors say how many, e.g. `checked 20 of 200,704 coordinates`.
 *
 * @example
 * ```ts
 * console.log(formatGradcheckReport(gradcheck(f, { w, b })));
 * ```
 */
export function formatGradcheckReport(report: GradcheckReport): string {
  const sampled =
    report.checked < report.total
      ? `, checked ${groupDigits(report.checked)} of ${groupDigits(report.total)} coordinates`
      : '';
  const lines = [
    `relative difference ${report.relativeDifference.toExponential(3)} — ${report.verdict} (ε = ${report.eps}, tolerance ${report.tolerance}${sampled})`,
  ];
  const width = Math.max(9, ...report.parameters.map((p) => p.name.length));
  lines.push(
    `${'parameter'.padEnd(width)}  rel. diff   verdict     worst element (analytic vs numerical)`,
  );
  for (const p of report.parameters) {
    lines.push(
      `${p.name.padEnd(width)}  ${p.relativeDifference.toExponential(2).padEnd(10)}  ${p.verdict.padEnd(10)}  ` +
        `[${p.worstIndex.join(', ')}]: ${p.analytic.toPrecision(8)} vs ${p.numerical.toPrecision(8)}` +
        (p.checked < p.total
          ? `  (checked ${groupDigits(p.checked)} of ${groupDigits(p.total)})`
          : ''),
    );
  }
  return lines.join('\n');
}

/** Wraps `f` so that a non-scalar output is contracted with a fixed random vector. */
function projectedObjective(f: () => TensorType, seed: number): () => TensorType {
  let projection: TensorType | null = null;
  return () => {
    const output = f();
    if (!isTensor(output)) {
      throw new GradcheckError('gradcheck: the function must return a Tensor.');
    }
    if (output.size === 1) return output;
    if (projection === null || projection.size !== output.size) {
      const weights = new Float64Array(output.size);
      new Rng(seed).fillUniform(weights, 0.5, 1.5);
      projection = new Tensor(
        output.dtype === 'float64' ? weights : new Float32Array(weights),
        output.shape,
      );
    }
    return sum(mul(output, projection));
  };
}

/**
 * The coordinates to check in each tensor: `null` for all of them, else `min(sample, size)`
 * flat indices, ascending. Tensor `k` draws from the `k`-th child split off `Rng(seed)`, so
 * its choice does not depend on the other tensors.
 */
function chosenCoordinates(
  tensors: readonly TensorType[],
  seed: number,
  sample: number | undefined,
): (Int32Array | null)[] {
  if (sample === undefined) return tensors.map(() => null);
  const streams = new Rng(seed);
  return tensors.map((tensor) => {
    const rng = streams.split();
    return tensor.size <= sample ? null : chooseCoordinates(rng, tensor.size, sample);
  });
}

/**
 * The report of one tensor from the gradients at its checked coordinates (`coordinates`, or
 * every element when it is `null`).
 */
function parameterReport(
  name: string,
  shape: readonly number[],
  analytic: ArrayLike<number>,
  numerical: ArrayLike<number>,
  coordinates: Int32Array | null,
): ParameterGradcheck {
  let worst = 0;
  let worstError = -1;
  for (let i = 0; i < analytic.length; i++) {
    const error = Math.abs(analytic[i]! - numerical[i]!);
    if (error > worstError || Number.isNaN(error)) {
      worst = i;
      worstError = error;
      if (Number.isNaN(error)) break;
    }
  }
  const difference = relativeDifference(numerical, analytic);
  return {
    name,
    shape,
    checked: analytic.length,
    total: shape.reduce((n, d) => n * d, 1),
    relativeDifference: difference,
    verdict: verdictOf(difference),
    worstIndex: unravel(coordinates === null ? worst : (coordinates[worst] ?? 0), shape),
    analytic: analytic[worst] ?? 0,
    numerical: numerical[worst] ?? 0,
    absoluteError: Math.max(worstError, 0),
  };
}

function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = flat % shape[axis]!;
    flat = Math.floor(flat / shape[axis]!);
  }
  return index;
}

function concatenate(parts: readonly ArrayLike<number>[]): Float64Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const result = new Float64Array(total);
  let offset = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) result[offset + i] = part[i]!;
    offset += part.length;
  }
  return result;
}

/** `n` with its digits grouped in threes (`200,704`), the same on every platform and locale. */
function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
