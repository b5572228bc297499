import type { Callback, StateDict } from 'deeptune';

/** A callback that remembers the weights of the best epoch so far, for Ctrl-C. */
export interface BestWeights extends Callback {
  /** The best epoch so far, or `null` before the first epoch ends. */
  readonly epoch: number | null;
  /** The monitored value of the best epoch. */
  readonly value: number | null;
  /** The weights after the best epoch, or `null`. */
  readonly weights: StateDict | null;
}

/**
 * Keeps a copy of the model's weights after each epoch that lowers the dev cost (the
 * training cost without dev data), so that an interrupted run can save its best-so-far model.
 * It never changes the model itself.
 *
 * @param monitor - `'devCost'` or `'cost'`.
 */
export function bestWeights(monitor: 'devCost' | 'cost'): BestWeights {
  let epoch: number | null = null;
  let value: number | null = null;
  let weights: StateDict | null = null;
  return {
    name: 'best-weights',
    get epoch() {
      return epoch;
    },
    get value() {
      return value;
    },
    get weights() {
      return weights;
    },
    onEpochEnd: (context) => {
      const current = monitor === 'devCost' ? context.logs.devCost : context.logs.cost;
      if (current === undefined || !Number.isFinite(current)) return;
      if (value === null || current < value) {
        value = current;
        epoch = context.epoch;
        weights = context.model.stateDict();
      }
    },
  };
}
