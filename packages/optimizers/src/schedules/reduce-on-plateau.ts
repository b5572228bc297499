import { NumericError, StateDictError, definePlugin, option, describeValue } from '@deeptune/core';
import type { ScheduleState, StatefulSchedule } from './stateful-schedule.js';

/**
 * The explicit state of a reduce-on-plateau schedule; plain JSON data.
 *
 * @category Schedules
 */
export interface PlateauState extends ScheduleState {
  /** The current learning rate. */
  readonly learningRate: number;
  /** The best metric seen so far; `null` before the first observation. */
  readonly best: number | null;
  /** Observations since the last improvement. */
  readonly badEpochs: number;
  /** Observations left in the cooldown after a reduction. */
  readonly cooldownLeft: number;
}

/**
 * A reduce-on-plateau schedule: a learning-rate schedule (it ignores the step number and
 * returns the current rate) whose rate drops when the observed metric stops improving.
 *
 * @category Schedules
 */
export interface PlateauSchedule extends StatefulSchedule {
  /** The current learning rate. */
  readonly learningRate: number;
  /**
   * Reports a validation metric (once per epoch, typically) and returns the learning rate
   * to use from now on: the same as `loadStateDict(transition(stateDict(), metric))`.
   * @throws {@link @deeptune/core!NumericError} when `metric` is not a finite number.
   */
  observe(metric: number): number;
  /**
   * The schedule's rule as a pure function of explicit state: the state after observing
   * `metric` in `state`, with this schedule's options. Changes nothing (not even this
   * schedule's own state), so a training loop can keep the state wherever it likes.
   * @throws {@link @deeptune/core!StateDictError} when `state` is not a {@link PlateauState};
   * {@link @deeptune/core!NumericError} when `metric` is not a finite number.
   */
  transition(state: PlateauState, metric: number): PlateauState;
  /** A copy of the state. */
  stateDict(): PlateauState;
}

/** Checks a saved or given plateau state and returns a copy of it. */
function checkPlateauState(where: string, saved: unknown): PlateauState {
  const { learningRate, best, badEpochs, cooldownLeft } = (saved ?? {}) as Partial<PlateauState>;
  const counts = [badEpochs, cooldownLeft].every((count) => Number.isInteger(count) && count! >= 0);
  const rate = typeof learningRate === 'number' && Number.isFinite(learningRate);
  const bestOk = best === null || (typeof best === 'number' && Number.isFinite(best));
  if (typeof saved !== 'object' || !counts || !rate || !bestOk || learningRate < 0) {
    throw new StateDictError(
      `${where}: expected { learningRate ≥ 0, best: number | null, badEpochs, cooldownLeft: integers ≥ 0 }, got ${JSON.stringify(saved)}`,
    );
  }
  return { learningRate, best, badEpochs: badEpochs!, cooldownLeft: cooldownLeft! };
}

/**
 * The `reduce-on-plateau` schedule plugin: multiplies the learning rate by `factor` when
 * the metric has not improved for more than `patience` observations (PyTorch's
 * `ReduceLROnPlateau` with an absolute threshold).
 *
 * @remarks
 * ```text
 * improved  ⇔  metric < best − minDelta    (mode 'min'; 'max': metric > best + minDelta)
 * improved:                      best ← metric, badEpochs ← 0
 * otherwise (not in cooldown):   badEpochs ← badEpochs + 1
 * badEpochs > patience:          α ← max(α·factor, minLearningRate), badEpochs ← 0,
 *                                cooldownLeft ← cooldown
 * ```
 * Necessarily stateful, but the state ({@link PlateauState}) is explicit and serialisable:
 * the learning rate is a function of it, `transition(state, metric)` is the rule above as a
 * pure function, and an optimizer using the schedule saves the state in its state dict.
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html
 * @category Schedules
 */
export const reduceOnPlateauPlugin = definePlugin({
  kind: 'schedule',
  name: 'reduce-on-plateau',
  description: 'Multiply the learning rate by factor when the metric stops improving.',
  options: {
    /** Initial learning rate α₀ (> 0). */
    initialLearningRate: option.number({
      exclusiveMin: 0,
      scale: 'log',
      description: 'Initial learning rate α₀ (> 0).',
    }),
    /** Factor applied on a plateau, in (0, 1). */
    factor: option.number({
      default: 0.1,
      exclusiveMin: 0,
      exclusiveMax: 1,
      description: 'Factor applied on a plateau, in (0, 1).',
    }),
    /** Observations without improvement tolerated before a reduction. */
    patience: option.number({
      default: 10,
      integer: true,
      min: 0,
      description: 'Observations without improvement tolerated before a reduction.',
    }),
    /** Minimum change that counts as an improvement. */
    minDelta: option.number({
      default: 0,
      min: 0,
      description: 'Minimum change that counts as an improvement.',
    }),
    /** 'min' for a loss, 'max' for an accuracy. */
    mode: option.enum(['min', 'max'], {
      default: 'min',
      description: "'min' for a loss, 'max' for an accuracy.",
    }),
    /** Observations to wait after a reduction before counting again. */
    cooldown: option.number({
      default: 0,
      integer: true,
      min: 0,
      description: 'Observations to wait after a reduction before counting again.',
    }),
    /** The learning rate never goes below this. */
    minLearningRate: option.number({
      default: 0,
      min: 0,
      description: 'The learning rate never goes below this.',
    }),
  },
  create: (options): PlateauSchedule => {
    const { initialLearningRate, factor, patience, minDelta, mode, cooldown, minLearningRate } =
      options;
    let state: PlateauState = {
      learningRate: initialLearningRate,
      best: null,
      badEpochs: 0,
      cooldownLeft: 0,
    };
    // The whole rule: a pure function from (state, metric) to the next state.
    const transition = (from: PlateauState, metric: number): PlateauState => {
      if (typeof metric !== 'number' || !Number.isFinite(metric)) {
        throw new NumericError(
          `schedule 'reduce-on-plateau': the observed metric must be a finite number, got ${describeValue(metric)}. Hint: stop training on a NaN loss before observing it.`,
        );
      }
      let { learningRate, best, badEpochs, cooldownLeft } = from;
      const improved =
        best === null || (mode === 'min' ? metric < best - minDelta : metric > best + minDelta);
      if (improved) {
        best = metric;
        badEpochs = 0;
      } else if (cooldownLeft > 0) {
        cooldownLeft -= 1;
      } else {
        badEpochs += 1;
      }
      if (badEpochs > patience) {
        learningRate = Math.max(learningRate * factor, minLearningRate);
        badEpochs = 0;
        cooldownLeft = cooldown;
      }
      return { learningRate, best, badEpochs, cooldownLeft };
    };
    const schedule = (): number => state.learningRate;
    const methods = {
      get learningRate(): number {
        return state.learningRate;
      },
      observe(metric: number): number {
        state = transition(state, metric);
        return state.learningRate;
      },
      transition(from: PlateauState, metric: number): PlateauState {
        return transition(
          checkPlateauState("schedule 'reduce-on-plateau': transition", from),
          metric,
        );
      },
      stateDict(): PlateauState {
        return { ...state };
      },
      loadStateDict(saved: ScheduleState): void {
        state = checkPlateauState("schedule 'reduce-on-plateau': loadStateDict", saved);
      },
    };
    return Object.defineProperties(
      schedule,
      Object.getOwnPropertyDescriptors(methods),
    ) as unknown as PlateauSchedule;
  },
});

/**
 * Creates a reduce-on-plateau schedule; call `observe(validationLoss)` once per epoch.
 *
 * @param options - `initialLearningRate` > 0, `factor` in (0, 1) (default 0.1), `patience`
 * (default 10), `minDelta` (default 0), `mode` (`'min'`), `cooldown` (0),
 * `minLearningRate` (0).
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when a number is out of range.
 * @category Schedules
 *
 * @example
 * ```ts
 * const plateau = reduceOnPlateau({ initialLearningRate: 0.1, patience: 2 });
 * const optimizer = sgd({ learningRate: plateau });
 * // after each epoch:
 * plateau.observe(validationLoss);
 * // or, with the state kept by the caller:
 * let state = plateau.stateDict();
 * state = plateau.transition(state, validationLoss); // pure: plateau itself is unchanged
 * ```
 */
export function reduceOnPlateau(
  ...options: Parameters<typeof reduceOnPlateauPlugin.create>
): PlateauSchedule {
  return reduceOnPlateauPlugin.create(...options);
}
