/**
 * A learning-rate schedule: a pure function from a 1-based count to a learning rate.
 *
 * An optimizer calls it with the number t of the step it is taking (1 for the first
 * update). The built-in schedules are written, as in the course, in terms of the epoch
 * number, **counting from 1**; wrap them with `perEpoch(schedule, stepsPerEpoch)` to
 * advance them once per epoch instead of once per step.
 *
 * @param t - the step (or epoch) number, an integer ≥ 1.
 * @returns the learning rate, a finite number ≥ 0.
 * @category Schedules
 */
export type LearningRateSchedule = (t: number) => number;
