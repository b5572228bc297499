import { DTypeError, ShapeError, formatShape } from '@deeptune/core';
import type { Tensor } from '@deeptune/core';
import type { TransformChain } from '../transforms/chain.js';
import type { TransformStep } from '../transforms/gradient-transform.js';
import type { OptimizerState } from './optimizer-state.js';
import { NO_STATE } from './parameter-state.js';
import type { Group } from './parameter-partition.js';
import type { Entry, Slot } from './parameter-table.js';

interface MutableStep extends TransformStep {
  step: number;
}

/**
 * Runs an optimizer's chain for one step over the parameters that have a gradient. Its
 * arrays and the step object are reused, so a step allocates nothing.
 * @internal
 */
export class StepRunner {
  readonly #transforms: TransformChain;
  /** The parameters of the current step. */
  readonly #active: Slot[] = [];
  /** Per transform, the states of the current step's parameters. */
  readonly #activeStates: OptimizerState[][];
  /** The indices of the transforms that keep state (the others' states are all NO_STATE). */
  readonly #stateful: readonly number[];
  readonly #view: MutableStep;
  /** How many parameters took part in the previous step. */
  #count = 0;

  constructor(optimizer: string, transforms: TransformChain, groups: readonly Group[]) {
    this.#transforms = transforms;
    this.#activeStates = transforms.map(() => []);
    const stateful: number[] = [];
    transforms.forEach((transform, k) => {
      if (transform.init !== undefined) stateful.push(k);
    });
    this.#stateful = stateful;
    this.#view = { optimizer, step: 0, parameters: this.#active, groups };
  }

  /**
   * Checks every gradient against its parameter (before anything changes), then runs the
   * transforms in order as step t.
   */
  run(entries: readonly Entry[], t: number): void {
    const active = this.#active;
    const activeStates = this.#activeStates;
    const stateful = this.#stateful;
    const statefulCount = stateful.length;
    let n = 0;
    for (let e = 0; e < entries.length; e++) {
      const entry = entries[e]!;
      const grad = entry.tensor.grad;
      if (grad === null) continue;
      this.#checkGradient(entry, grad);
      const slot = entry.slot;
      slot.param = entry.tensor.data;
      slot.grad = grad.data;
      active[n] = slot;
      for (let j = 0; j < statefulCount; j++) {
        const k = stateful[j]!;
        activeStates[k]![n] = entry.states[k]!;
      }
      n++;
    }
    const transforms = this.#transforms;
    const transformCount = transforms.length;
    if (n !== this.#count) {
      // Only when the number of parameters with a gradient changes (rarely): trim the lists,
      // and give stateless transforms one shared empty state per parameter.
      this.#count = n;
      active.length = n;
      for (let k = 0; k < transformCount; k++) {
        const states = activeStates[k]!;
        states.length = n;
        if (transforms[k]!.init === undefined) states.fill(NO_STATE);
      }
    }
    const view = this.#view;
    view.step = t;
    for (let k = 0; k < transformCount; k++) transforms[k]!.update(view, activeStates[k]!);
  }

  #checkGradient(entry: Entry, grad: Tensor): void {
    // Messages are built only when a check fails: this runs for every parameter, every step.
    if (grad.dtype !== entry.tensor.dtype) {
      throw new DTypeError(
        `optimizer '${this.#view.optimizer}': the gradient of '${entry.path}' is ${grad.dtype} but the parameter is ${entry.tensor.dtype}`,
      );
    }
    if (grad.size !== entry.tensor.size) {
      throw new ShapeError(
        `optimizer '${this.#view.optimizer}': the gradient of '${entry.path}' has shape ${formatShape(grad.shape)} but the parameter has ${formatShape(entry.tensor.shape)}`,
      );
    }
  }
}
