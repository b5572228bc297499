import {
  exponentialDecay,
  squareRootDecay,
  staircaseDecay,
  timeDecay,
  warmupCosine,
  type LearningRateSchedule,
} from 'deeptune';

/** The learning-rate schedules the page compares (deeptune's, plus a constant α). */
export const SCHEDULE_NAMES = [
  'constant',
  'time-decay',
  'exponential',
  'staircase',
  'square-root',
  'warmup-cosine',
] as const;

/** One of {@link SCHEDULE_NAMES}. */
export type ScheduleName = (typeof SCHEDULE_NAMES)[number];

/** A short name of each schedule (chart legends). */
export const SCHEDULE_SHORT_LABELS: Readonly<Record<ScheduleName, string>> = {
  constant: 'constant',
  'time-decay': 'time',
  exponential: 'exp',
  staircase: 'stair',
  'square-root': '√',
  'warmup-cosine': 'cosine',
};

/** The label of each schedule, with its formula. */
export const SCHEDULE_LABELS: Readonly<Record<ScheduleName, string>> = {
  constant: 'constant α₀',
  'time-decay': 'time decay α₀/(1 + d·epoch)',
  exponential: 'exponential α₀·k^epoch',
  staircase: 'staircase α₀·r^⌊epoch/s⌋',
  'square-root': 'square root α₀/√epoch',
  'warmup-cosine': 'warmup + cosine',
};

/** The numbers every schedule is built from (epochs count from 1). */
export interface ScheduleSettings {
  /** α₀. */
  readonly initialLearningRate: number;
  /** d of the time decay α₀/(1 + d·epoch). */
  readonly timeDecayRate: number;
  /** k of the exponential decay α₀·k^epoch. */
  readonly exponentialRate: number;
  /** s, the epochs per stair of the staircase. */
  readonly staircaseEpochs: number;
  /** r, the factor per stair of the staircase. */
  readonly staircaseRate: number;
  /** Epochs of linear warmup before the cosine decay. */
  readonly warmupEpochs: number;
  /** The epoch at which the cosine reaches 0 (the training budget). */
  readonly epochs: number;
}

/**
 * deeptune's schedule `name` as a function of the epoch (from 1). Throws the library's
 * `InvalidHyperparameterError` for settings it refuses (e.g. warmup ≥ the epoch budget).
 */
export function buildSchedule(
  name: ScheduleName,
  settings: ScheduleSettings,
): LearningRateSchedule {
  const initialLearningRate = settings.initialLearningRate;
  switch (name) {
    case 'constant':
      return () => initialLearningRate;
    case 'time-decay':
      return timeDecay({ initialLearningRate, decayRate: settings.timeDecayRate });
    case 'exponential':
      return exponentialDecay({ initialLearningRate, decayRate: settings.exponentialRate });
    case 'staircase':
      return staircaseDecay({
        initialLearningRate,
        decaySteps: settings.staircaseEpochs,
        decayRate: settings.staircaseRate,
      });
    case 'square-root':
      return squareRootDecay({ initialLearningRate });
    case 'warmup-cosine':
      return warmupCosine({
        initialLearningRate,
        warmupSteps: settings.warmupEpochs,
        totalSteps: settings.epochs,
      });
  }
}

/** α of each epoch 1 … `epochs` under `schedule`. */
export function scheduleValues(schedule: LearningRateSchedule, epochs: number): number[] {
  const values: number[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) values.push(schedule(epoch));
  return values;
}
