import {
  ConfigError,
  DETERMINISTIC_TRAINING_MODE,
  isTensor,
  customOp,
  sum,
  valueAndGrad,
  describeValue,
} from '@deeptune/core';
import type { ForwardMode, Loss, Tensor } from '@deeptune/core';
import type { Module } from '../module/module.js';
import { Sequential } from '../module/sequential.js';

const WHERE = 'diagnoseSignalPropagation';

/** Options of {@link diagnoseSignalPropagation}. */
export interface SignalPropagationOptions {
  /**
   * The batch's targets; give them together with `loss` to back-propagate the loss.
   * Without both, the objective is the sum of the model's outputs.
   */
  readonly targets?: Tensor;
  /** The loss to back-propagate, e.g. `softmaxCrossEntropy`; needs `targets`. */
  readonly loss?: Loss;
  /**
   * The forward mode of every layer.
   * @defaultValue `{ training: true, stochastic: false }` (batch statistics, no dropout)
   */
  readonly mode?: Partial<ForwardMode>;
  /**
   * The factor beyond which the report calls the signal exploding (above `growthLimit`) or
   * vanishing (below `1 / growthLimit`); a number > 1.
   * @defaultValue 100
   */
  readonly growthLimit?: number;
}

/** What {@link diagnoseSignalPropagation} measured at one layer. */
export interface LayerSignal {
  /** The layer's name in the model, e.g. `'dense3'`. */
  readonly path: string;
  /** The layer's type, e.g. `'Dense'`. */
  readonly typeName: string;
  /** The layer's `describe()`, e.g. `'64 → 64, relu'`. */
  readonly description: string;
  /** The shape of the layer's output. */
  readonly outputShape: readonly number[];
  /** The mean of the layer's output activations over the batch and the features. */
  readonly activationMean: number;
  /** The standard deviation of the layer's output activations over the batch and the features. */
  readonly activationStd: number;
  /** ‖∂J/∂A‖₂, the norm of the gradient arriving at the layer's output (the backward signal). */
  readonly outputGradientNorm: number;
  /**
   * ‖∂J/∂W‖₂ over the layer's parameters with role `'weight'`, or `null` when it has none
   * (e.g. an `Activation` layer).
   */
  readonly weightGradientNorm: number | null;
}

/**
 * Whether the signal keeps its scale through the depth of the network:
 * `'exploding'`, `'vanishing'`, `'stable'`, or `'non-finite'` when an activation or a
 * gradient overflowed to ±Infinity or NaN.
 */
export type SignalVerdict = 'stable' | 'exploding' | 'vanishing' | 'non-finite';

/** The result of {@link diagnoseSignalPropagation}. */
export interface SignalPropagationReport {
  /** The shape of the input batch. */
  readonly inputShape: readonly number[];
  /** The mean of the input batch. */
  readonly inputMean: number;
  /** The standard deviation of the input batch. */
  readonly inputStd: number;
  /** What was back-propagated: the loss, or the sum of the outputs. */
  readonly objective: 'loss' | 'sum of outputs';
  /** The value of the objective. */
  readonly objectiveValue: number;
  /** One entry per layer of the model, in order. */
  readonly layers: readonly LayerSignal[];
  /** `activationStd` of the last layer divided by that of the first layer. */
  readonly activationGrowth: number;
  /**
   * `outputGradientNorm` of the first layer divided by that of the last layer: how much the
   * backward signal grows on its way from the output to the input.
   */
  readonly gradientGrowth: number;
  /** The growth limit used for the verdict. */
  readonly growthLimit: number;
  /**
   * `'exploding'` when either growth exceeds `growthLimit`, `'vanishing'` when either is
   * below `1 / growthLimit`, `'non-finite'` on overflow, else `'stable'`.
   */
  readonly verdict: SignalVerdict;
}

/**
 * Runs a batch through a `Sequential` model layer by layer and measures how the signal
 * propagates: the mean and standard deviation of each layer's activations on the way
 * forward, and the norms of the gradients of each layer's output and weights on the way
 * back. The tool for spotting vanishing and exploding activations and gradients.
 *
 * In a deep network each layer multiplies the scale of its input by roughly
 * `√(nIn · Var(w) · gain)` (gain 1 for linear/tanh near 0, ½ for ReLU). Unless the
 * initialization makes that factor 1 (He for ReLU, the course's Xavier for tanh), the
 * scale changes geometrically with depth: weights 1.5× too large give activations about
 * 1.5⁵⁰ ≈ 6·10⁸ times larger after 50 layers, 0.5× gives 0.5⁵⁰ ≈ 10⁻¹⁵. The backward
 * signal `∂J/∂A` does the same in the other direction.
 *
 * One forward pass and one backward pass: the gradients are computed functionally
 * (`valueAndGrad`), so the parameters' `grad` fields are left untouched. Layers run in
 * `mode` (deterministic training mode by default), so a batch-norm layer uses batch
 * statistics — and updates its running averages once, as in a training step.
 *
 * @param model - the model; its direct children are the layers reported.
 * @param inputs - a batch, `[m, features]`, typically a few hundred examples.
 * @param options - `targets` and `loss` to back-propagate a loss (otherwise the sum of the
 *   outputs), the forward `mode`, and the `growthLimit` of the verdict.
 * @returns the per-layer measurements, the growth factors and a verdict.
 * @throws {@link @deeptune/core!ConfigError} when `model` is not a `Sequential`, only one
 *   of `targets` and `loss` is given, or `growthLimit` is not a number > 1.
 * @category Diagnostics
 *
 * @example
 * ```ts
 * const rng = new Rng(0);
 * const layers = Array.from({ length: 50 }, () => new Dense({ inputs: 64, units: 64, activation: 'relu', rng }));
 * const report = diagnoseSignalPropagation(new Sequential(layers), randn([256, 64], { rng }));
 * report.verdict; // 'stable' — He initialization keeps the scale
 * console.log(formatSignalPropagationReport(report));
 * ```
 */
export function diagnoseSignalPropagation(
  model: Sequential,
  inputs: Tensor,
  options: SignalPropagationOptions = {},
): SignalPropagationReport {
  if (!Sequential.isSequential(model)) {
    throw new ConfigError(
      `${WHERE}: model must be a Sequential (its layers are run one by one), got ${describeValue(model)}.`,
    );
  }
  if (!isTensor(inputs)) {
    throw new ConfigError(`${WHERE}: inputs must be a Tensor, got ${describeValue(inputs)}.`);
  }
  const { targets, loss } = options;
  if ((targets === undefined) !== (loss === undefined)) {
    throw new ConfigError(
      `${WHERE}: give both targets and loss, or neither (then the sum of the outputs is back-propagated); got only ${targets === undefined ? 'loss' : 'targets'}.`,
    );
  }
  const growthLimit = options.growthLimit ?? 100;
  if (typeof growthLimit !== 'number' || !(growthLimit > 1) || !Number.isFinite(growthLimit)) {
    throw new ConfigError(
      `${WHERE}: growthLimit must be a finite number > 1, got ${String(growthLimit)}.`,
    );
  }
  const mode: Partial<ForwardMode> = options.mode ?? DETERMINISTIC_TRAINING_MODE;
  const children = model.namedChildren();
  const weightsByLayer = children.map(([, layer]) => weightsOf(layer));
  const start = inputs.detach();
  const outputs: Tensor[] = [];
  const outputGradients: (Tensor | null)[] = children.map(() => null);

  const { value, grads } = valueAndGrad(() => {
    let x = start;
    children.forEach(([, layer], index) => {
      x = probe(layer.forward(x, mode), (gradient) => {
        outputGradients[index] = gradient;
      });
      outputs.push(x);
    });
    return loss !== undefined && targets !== undefined ? loss(x, targets) : sum(x);
  }, [start, ...weightsByLayer.flat()]);

  let offset = 1;
  const layers = children.map(([path, layer], index): LayerSignal => {
    const count = weightsByLayer[index]!.length;
    const layerGrads = grads.slice(offset, offset + count);
    offset += count;
    const output = outputs[index]!;
    const { mean, std } = moments(output.data);
    const gradient = outputGradients[index];
    return {
      path,
      typeName: layer.typeName,
      description: layer.describe(),
      outputShape: output.shape,
      activationMean: mean,
      activationStd: std,
      outputGradientNorm: gradient === null || gradient === undefined ? 0 : norm([gradient]),
      weightGradientNorm: count === 0 ? null : norm(layerGrads),
    };
  });
  const input = moments(inputs.data);
  const first = layers[0]!;
  const last = layers[layers.length - 1]!;
  const activationGrowth = last.activationStd / first.activationStd;
  const gradientGrowth = first.outputGradientNorm / last.outputGradientNorm;
  return {
    inputShape: inputs.shape,
    inputMean: input.mean,
    inputStd: input.std,
    objective: loss === undefined ? 'sum of outputs' : 'loss',
    objectiveValue: value.item(),
    layers,
    activationGrowth,
    gradientGrowth,
    growthLimit,
    verdict: verdictOf(layers, [activationGrowth, gradientGrowth], growthLimit),
  };
}

/** An identity op whose backward rule hands the gradient passing through to `capture`. */
function probe(x: Tensor, capture: (gradient: Tensor) => void): Tensor {
  return customOp({
    name: 'signalProbe',
    inputs: [x],
    forward: ([value]) => value!,
    backward: (gradOutput) => {
      capture(gradOutput);
      return [gradOutput];
    },
  });
}

function weightsOf(layer: Module): Tensor[] {
  return layer
    .namedParameters()
    .filter((parameter) => parameter.role === 'weight')
    .map((parameter) => parameter.value);
}

/** Mean and population standard deviation, accumulated in float64 in two passes. */
function moments(data: ArrayLike<number>): { mean: number; std: number } {
  const n = data.length;
  if (n === 0) return { mean: NaN, std: NaN };
  let total = 0;
  for (let i = 0; i < n; i++) total += data[i]!;
  const mean = total / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (data[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(squares / n) };
}

function norm(tensors: readonly Tensor[]): number {
  let squares = 0;
  for (const tensor of tensors) {
    for (let i = 0; i < tensor.size; i++) squares += tensor.data[i]! ** 2;
  }
  return Math.sqrt(squares);
}

function verdictOf(
  layers: readonly LayerSignal[],
  growths: readonly number[],
  limit: number,
): SignalVerdict {
  const values = layers.flatMap((layer) => [
    layer.activationMean,
    layer.activationStd,
    layer.outputGradientNorm,
    layer.weightGradientNorm ?? 0,
  ]);
  if (!values.every(Number.isFinite) || !growths.every((growth) => !Number.isNaN(growth))) {
    return 'non-finite';
  }
  if (growths.some((growth) => growth > limit)) return 'exploding';
  if (growths.some((growth) => growth < 1 / limit)) return 'vanishing';
  return 'stable';
}
