import {
  DTypeError,
  ShapeError,
  formatShape,
  noGrad,
  ones,
  zeros,
  type DType,
  type ForwardMode,
  type Tensor,
} from '@deeptune/core';
import { Module } from '@deeptune/layers';
import { resolveBatchNormOptions } from './internal/batch-norm-schema.js';
import type { RunningVariance } from './running-variance.js';

/** Options of {@link BatchNorm}. */
export interface BatchNormOptions {
  /**
   * The number of features n: the size of the last input axis, i.e. the `units` of the
   * layer before. A positive integer.
   */
  readonly features: number;
  /**
   * ε, added to the variance before the square root for numerical stability: it keeps
   * `√(σ² + ε)` away from 0 when a feature is (nearly) constant over a batch. Must be a
   * finite number > 0. As a side effect, a normalised feature has variance
   * `σ² / (σ² + ε)`, slightly below 1.
   * @defaultValue 1e-5
   */
  readonly epsilon?: number;
  /**
   * The weight of the old value in the running (exponentially weighted) averages of the
   * batch mean and variance: `running ← decay · running + (1 − decay) · batch`. In [0, 1);
   * 0 keeps only the last batch, values near 1 average over about `1 / (1 − decay)`
   * batches. PyTorch's `momentum` is `1 − runningAverageDecay` (its default 0.1 is our
   * 0.9); Keras's `momentum` is `runningAverageDecay` itself (its default is 0.99).
   * @defaultValue 0.9
   */
  readonly runningAverageDecay?: number;
  /**
   * Which batch variance the running variance averages: `'unbiased'` averages
   * `σ² · m / (m − 1)`, as PyTorch's `BatchNorm1d` (the default); `'biased'` averages the
   * 1/m batch variance σ² used to normalise the batch, as the course and Keras's
   * `BatchNormalization` do. Training outputs are the same either way; eval outputs differ
   * by the factor m / (m − 1) inside the square root (1.03 for m = 32).
   * @defaultValue 'unbiased'
   */
  readonly runningVariance?: RunningVariance;
  /**
   * The dtype of the parameters and running averages; inputs must have the same dtype.
   * @defaultValue 'float32'
   */
  readonly dtype?: DType;
}

/**
 * Batch normalization of dense features `[m, n]`: normalises each feature over the batch,
 * then scales and shifts it by the learnable γ and β.
 *
 * Place it on the linear output Z of a dense layer, before the activation:
 * `Dense(useBias: false) → BatchNorm → Activation`. Build that dense layer with
 * `useBias: false`: the batch mean is subtracted right away, so a bias b would cancel out
 * and never learn; β does its job.
 *
 * **Training mode** (`mode.training`, the default after `train()`) normalises with the
 * statistics of the current batch and updates the running averages. **Eval mode**
 * (`eval()` or `forward(x, { training: false })`) normalises with the running averages,
 * so the output of an example does not depend on the rest of its batch and a single
 * example works.
 *
 * The running averages are updated on every forward pass in training mode, also when
 * `stochastic` is false: a gradient check in deterministic training mode therefore moves
 * them (it does not affect the gradients). `checkModel` from `@deeptune/gradcheck` saves
 * the model state before the check and restores it afterwards; when you call `gradcheck`
 * on a batch norm yourself, take a `stateDict()` first and load it back afterwards if the
 * running averages matter to you.
 *
 * State (`stateDict()` keys): the parameters `gamma` and `beta` (roles
 * `'scale'` and `'shift'`, so L2 penalties and weight decay skip them) and the persistent
 * buffers `runningMean`, `runningVar` and `batchesTracked` (saved and loaded, never
 * trained; not in `namedParameters()`). `gamma`, `beta`, `runningMean` and `runningVar`
 * have shape `[n]` and the layer's dtype, like PyTorch's `weight`, `bias`, `running_mean`
 * and `running_var`; `batchesTracked` is a float64 scalar counting the training batches
 * seen (PyTorch's `num_batches_tracked`), 0 until the running averages hold data.
 *
 * @remarks
 * For a batch Z of m examples (rows) and n features (columns), per feature j:
 *
 * ```text
 * training:
 *   μ_j      = (1/m) · Σ_i Z_ij                        batch mean
 *   σ²_j     = (1/m) · Σ_i (Z_ij − μ_j)²                batch variance (biased, 1/m)
 *   Znorm_ij = (Z_ij − μ_j) / √(σ²_j + ε)
 *   Z̃_ij     = γ_j · Znorm_ij + β_j
 *
 *   runningMean_j ← d · runningMean_j + (1 − d) · μ_j
 *   runningVar_j  ← d · runningVar_j  + (1 − d) · σ²_j · m / (m − 1)   runningVariance 'unbiased'
 *   runningVar_j  ← d · runningVar_j  + (1 − d) · σ²_j                 runningVariance 'biased'
 *   (d = runningAverageDecay; initial runningMean 0, runningVar 1)
 *
 * eval:
 *   Z̃_ij     = γ_j · (Z_ij − runningMean_j) / √(runningVar_j + ε) + β_j
 * ```
 *
 * The batch is normalised with the biased (1/m) variance, as in the course and the paper.
 * By default (`runningVariance: 'unbiased'`) the running variance averages the unbiased
 * estimate `σ² · m / (m − 1)`, as the paper's inference step and PyTorch do. It estimates
 * the variance of the whole training distribution: a training batch is normalised to biased
 * variance exactly 1, so over all training batches the normalised values have variance 1,
 * and dividing by the unbiased population estimate gives the same at test time. A state
 * dictionary then means the same as PyTorch's `BatchNorm1d` state (with
 * `momentum = 1 − runningAverageDecay`). With `runningVariance: 'biased'` it averages the
 * 1/m batch variance itself, as the course's exponentially weighted average and Keras's
 * `BatchNormalization` (`moving_variance`, with Keras `momentum = runningAverageDecay`)
 * do; the two differ by the factor m / (m − 1), 1.03 for m = 32.
 *
 * The running averages are not bias-corrected: after k training batches the initial values
 * still weigh `d^k` (0.9^20 ≈ 0.12, 0.9^50 ≈ 0.005), so train for a few dozen batches
 * before evaluating. Gradients flow through μ and σ² by automatic differentiation.
 *
 * @see Ioffe & Szegedy, "Batch Normalization: Accelerating Deep Network Training by
 * Reducing Internal Covariate Shift", 2015, https://arxiv.org/abs/1502.03167
 *
 * @example
 * ```ts
 * import { Rng, randn } from '@deeptune/core';
 * import { Activation, Dense, Sequential } from '@deeptune/layers';
 * import { BatchNorm } from '@deeptune/batchnorm';
 *
 * const rng = new Rng(0);
 * const model = new Sequential([
 *   new Dense({ inputs: 784, units: 128, useBias: false, rng }), // β replaces the bias
 *   new BatchNorm({ features: 128 }),
 *   new Activation('relu'),
 *   new Dense({ inputs: 128, units: 10, rng }),
 * ]);
 * const x = randn([32, 784], { rng });
 * model.forward(x); // training: batch statistics, running averages updated
 * model.eval().forward(x.slice([0, 0], [1, 784])); // one example, running averages
 * ```
 */
export class BatchNorm extends Module {
  /** @inheritDoc */
  readonly typeName = 'BatchNorm';
  /** The number of features n. */
  readonly features: number;
  /** ε, added to the variance before the square root. */
  readonly epsilon: number;
  /** The weight d of the old value in the running averages (PyTorch momentum = 1 − d). */
  readonly runningAverageDecay: number;
  /** Which batch variance the running variance averages (`'unbiased'` or `'biased'`). */
  readonly runningVariance: RunningVariance;
  /** The dtype of the parameters, the running averages and the expected input. */
  readonly dtype: DType;
  /** γ, the learnable per-feature scale `[n]`, initialised to 1 (role `'scale'`). */
  readonly gamma: Tensor;
  /** β, the learnable per-feature shift `[n]`, initialised to 0 (role `'shift'`). */
  readonly beta: Tensor;
  /** The running average of the batch means `[n]`, initialised to 0 (a buffer). */
  readonly runningMean: Tensor;
  /**
   * The running average of the batch variances `[n]` (unbiased or biased, see
   * {@link BatchNorm.runningVariance}), initialised to 1 (a buffer).
   */
  readonly runningVar: Tensor;
  /** The number of training batches seen, a float64 scalar (a buffer). */
  readonly batchesTracked: Tensor;

  /**
   * Creates the layer with γ = 1, β = 0, running mean 0 and running variance 1.
   *
   * @param options - `features` (required), `epsilon`, `runningAverageDecay`,
   *   `runningVariance`, `dtype`.
   * @throws {@link @deeptune/core!ConfigError} when `features` is missing or an option has
   *   the wrong type, `dtype` or `runningVariance` is unknown, or an option is unknown
   *   (`momentum` gets a hint on how to convert it).
   * @throws {@link @deeptune/core!InvalidHyperparameterError} when `features` is not an
   *   integer ≥ 1, `epsilon` is not a finite number > 0 or `runningAverageDecay` is not in
   *   [0, 1), e.g. `layer 'batch-norm': option 'runningAverageDecay' must be in [0, 1), got 1.5`
   *   — the same error `registry.create('layer', 'batch-norm', …)` throws.
   */
  constructor(options: BatchNormOptions) {
    super();
    const resolved = resolveBatchNormOptions(options);
    this.features = resolved.features;
    this.epsilon = resolved.epsilon;
    this.runningAverageDecay = resolved.runningAverageDecay;
    this.runningVariance = resolved.runningVariance;
    this.dtype = resolved.dtype;
    const dtype = this.dtype;
    this.gamma = this.registerParameter('gamma', ones([this.features], { dtype }), 'scale');
    this.beta = this.registerParameter('beta', zeros([this.features], { dtype }), 'shift');
    this.runningMean = this.registerBuffer('runningMean', zeros([this.features], { dtype }));
    this.runningVar = this.registerBuffer('runningVar', ones([this.features], { dtype }));
    this.batchesTracked = this.registerBuffer('batchesTracked', zeros([], { dtype: 'float64' }));
  }

  /**
   * Normalises the batch: with its own statistics in training mode (updating the running
   * averages), with the running averages in eval mode.
   *
   * @param input - `[m, features]` in the layer's dtype; m ≥ 2 in training mode.
   * @param mode - the resolved mode; `stochastic` is ignored.
   * @throws {@link @deeptune/core!ShapeError} when the input is not `[m, features]`, or has
   *   fewer than 2 examples in training mode.
   * @throws {@link @deeptune/core!DTypeError} when the input's dtype differs from the layer's.
   */
  protected call(input: Tensor, mode: ForwardMode): Tensor {
    this.#checkInput(input, mode.training);
    if (!mode.training) {
      const normalized = input.sub(this.runningMean).div(this.runningVar.add(this.epsilon).sqrt());
      return normalized.mul(this.gamma).add(this.beta);
    }
    const batchMean = input.mean(0);
    const centered = input.sub(batchMean);
    const batchVariance = centered.square().mean(0);
    const normalized = centered.div(batchVariance.add(this.epsilon).sqrt());
    this.#updateRunningAverages(batchMean, batchVariance, input.shape[0]!);
    return normalized.mul(this.gamma).add(this.beta);
  }

  /** `'128 features, decay 0.9'` (with `', biased running variance'` when so). */
  override describe(): string {
    const variance = this.runningVariance === 'biased' ? ', biased running variance' : '';
    return `${this.features} features, decay ${this.runningAverageDecay}${variance}`;
  }

  #updateRunningAverages(batchMean: Tensor, batchVariance: Tensor, m: number): void {
    const decay = this.runningAverageDecay;
    noGrad(() => {
      // 'unbiased': σ²·m/(m − 1) (PyTorch); 'biased': σ² (the course, Keras).
      const averagedVariance =
        this.runningVariance === 'unbiased' ? batchVariance.mul(m / (m - 1)) : batchVariance;
      this.runningMean.data.set(this.runningMean.mul(decay).add(batchMean.mul(1 - decay)).data);
      this.runningVar.data.set(
        this.runningVar.mul(decay).add(averagedVariance.mul(1 - decay)).data,
      );
      this.batchesTracked.data[0] = this.batchesTracked.data[0]! + 1;
    });
  }

  #checkInput(input: Tensor, training: boolean): void {
    const where = `${this.typeName} (${this.describe()})`;
    const expected = `[m, ${this.features}]`;
    if (input.rank !== 2 || input.shape[1] !== this.features) {
      const hint =
        input.rank === 1 && input.shape[0] === this.features
          ? ` Hint: inputs are batch-first; a single example is [1, ${this.features}] (x.reshape([1, ${this.features}])).`
          : input.rank === 2
            ? ` Hint: features must equal the number of units of the layer before (${input.shape[1]} here).`
            : '';
      throw new ShapeError(
        `${where}: expected input ${expected}, got ${formatShape(input.shape)}.${hint}`,
      );
    }
    if (input.dtype !== this.dtype) {
      throw new DTypeError(
        `${where}: input is ${input.dtype} but the layer is ${this.dtype}. ` +
          `Hint: build the layer with { dtype: '${input.dtype}' } or cast the input with x.cast('${this.dtype}').`,
      );
    }
    if (training && input.shape[0]! < 2) {
      throw new ShapeError(
        `${where}: expected more than 1 example per batch in training mode, got input ${formatShape(input.shape)}; ` +
          'batch statistics of a single example are useless (σ² = 0, every output would be β). ' +
          'Hint: call eval() (or forward(x, { training: false })) to run single examples with the running averages.',
      );
    }
  }
}
