import { tensor, type Optimizer, type Tensor } from 'deeptune';
import type { PlanePoint, Surface } from './surface.js';

/** Options of {@link OptimizerPath}. */
export interface OptimizerPathOptions {
  /** The cost (its deeptune expression and its minimum value f*). */
  readonly surface: Pick<Surface, 'cost' | 'minValue'>;
  /** A fresh deeptune optimizer; the path adds its 2-element parameter `w`. */
  readonly optimizer: Optimizer;
  /** The starting point w₀. */
  readonly start: PlanePoint;
  /** The step budget. */
  readonly maxSteps: number;
  /** The run has reached the minimum when f − f* < tolerance. */
  readonly tolerance: number;
  /** The run has diverged when f − f* exceeds this (or is not finite). */
  readonly divergeAbove: number;
}

/**
 * The path of one optimizer over a 2-D cost: the parameter is a float64 tensor `w` of shape
 * [2]; each step evaluates f(w) with deeptune ops, back-propagates, and lets the deeptune
 * optimizer update `w` in place. It records every point and cost, the first step where
 * f − f* < tolerance, and stops on divergence.
 */
export class OptimizerPath {
  /** x of w₀, w₁, … (one more entry than steps taken). */
  readonly xs: number[] = [];
  /** y of w₀, w₁, …. */
  readonly ys: number[] = [];
  /** f(w₀), f(w₁), …. */
  readonly costs: number[] = [];
  /** The first step k with f(w_k) − f* < tolerance, or `null` while not reached. */
  stepsToTolerance: number | null = null;
  /** A sentence saying where the run diverged, or `null`. */
  diverged: string | null = null;
  readonly #options: OptimizerPathOptions;
  readonly #w: Tensor;
  #pending: Tensor;

  constructor(options: OptimizerPathOptions) {
    this.#options = options;
    this.#w = tensor([options.start[0], options.start[1]], {
      dtype: 'float64',
      requiresGrad: true,
    });
    options.optimizer.addParameters([{ path: 'w', value: this.#w, role: 'weight' }]);
    this.#pending = options.surface.cost(this.#w);
    this.#record();
  }

  /** The number of steps taken. */
  get steps(): number {
    return this.costs.length - 1;
  }

  /** Whether the path has no step left (budget spent or diverged). */
  get done(): boolean {
    return this.diverged !== null || this.steps >= this.#options.maxSteps;
  }

  /** The current cost f(w). */
  get cost(): number {
    return this.costs[this.costs.length - 1]!;
  }

  /** Takes one optimizer step (nothing once {@link OptimizerPath.done}). */
  step(): void {
    if (this.done) return;
    const optimizer = this.#options.optimizer;
    optimizer.zeroGrad();
    this.#pending.backward();
    optimizer.step();
    this.#pending = this.#options.surface.cost(this.#w);
    this.#record();
  }

  #record(): void {
    const value = this.#pending.item();
    const data = this.#w.data;
    this.xs.push(data[0]!);
    this.ys.push(data[1]!);
    this.costs.push(value);
    const gap = value - this.#options.surface.minValue;
    const step = this.costs.length - 1;
    if (!Number.isFinite(gap) || gap > this.#options.divergeAbove) {
      this.diverged = Number.isFinite(value)
        ? `the cost reached ${value.toExponential(2)} at step ${step}`
        : `the cost became ${Number.isNaN(value) ? 'NaN' : 'infinite'} at step ${step}`;
      return;
    }
    if (this.stepsToTolerance === null && gap < this.#options.tolerance) {
      this.stepsToTolerance = step;
    }
  }
}
