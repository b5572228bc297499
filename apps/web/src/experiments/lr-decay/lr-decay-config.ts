import type { RegressionDataOptions } from './regression-data.js';
import type { ScheduleName, ScheduleSettings } from './schedule-choice.js';

/** Everything that determines a run of the learning-rate-decay experiment (seeded). */
export interface LrDecayConfig {
  /** The regression data. */
  readonly data: RegressionDataOptions;
  /** The schedule compared with the constant α₀. */
  readonly schedule: ScheduleName;
  /** α₀, the schedules' parameters and the epoch budget. */
  readonly settings: ScheduleSettings;
  /** Examples per mini-batch. */
  readonly batchSize: number;
  /** Epochs per step (the unit of play, pause and step). */
  readonly epochsPerStep: number;
  /** The seed of the initial weights and of the mini-batch shuffling. */
  readonly modelSeed: number;
}
