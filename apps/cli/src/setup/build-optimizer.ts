import {
  DeeptuneError,
  perEpoch,
  type Callback,
  type LearningRateSchedule,
  type Optimizer,
  type PlateauSchedule,
  type Registry,
} from 'deeptune';
import type { FlagValue } from '../args/flag.js';
import { show } from '../args/parse-value.js';
import { UsageError } from '../cli-error.js';
import { resolvePluginName } from './resolve-plugin-name.js';

/** The optimizer of a run, with what it needs from the training loop. */
export interface OptimizerSetup {
  /** The registered optimizer name, e.g. `'adam'`. */
  readonly name: string;
  /** The optimizer (its parameters are added by `fit`). */
  readonly optimizer: Optimizer;
  /** Callbacks the schedule needs (the plateau scheduler). */
  readonly callbacks: readonly Callback[];
  /** The options given to the optimizer plugin (learning rate as a number), for saving. */
  readonly options: Readonly<Record<string, number>>;
  /** The initial learning rate α₀. */
  readonly learningRate: number;
  /** `--lr-decay` as given. */
  readonly lrDecay: string;
}

/** Reads the number after `name:` in `--lr-decay name:value[:value]`. */
function decayNumber(
  spec: string,
  part: string | undefined,
  what: string,
  check: (value: number) => boolean,
): number {
  const value = part === undefined || part.trim() === '' ? NaN : Number(part);
  if (!Number.isFinite(value) || !check(value)) {
    throw new UsageError(`--lr-decay ${show(spec)}: ${what}, got ${show(part ?? '')}`);
  }
  return value;
}

interface Schedule {
  readonly learningRate: number | LearningRateSchedule;
  readonly callbacks: readonly Callback[];
}

/** Turns `--lr-decay` into a per-step learning rate (and the plateau callback). */
function schedule(
  spec: string,
  registry: Registry,
  initialLearningRate: number,
  stepsPerEpoch: number,
): Schedule {
  const [kind, first, second, ...rest] = spec.split(':');
  const perEpochSchedule = (name: string, options: Record<string, number>): Schedule => ({
    learningRate: perEpoch(
      registry.create('schedule', name, { initialLearningRate, ...options }),
      stepsPerEpoch,
    ),
    callbacks: [],
  });
  const tooMany = (count: number): void => {
    if ([first, second, ...rest].filter((part) => part !== undefined).length > count) {
      throw new UsageError(`--lr-decay ${show(spec)}: too many ':' parts for '${kind}'`);
    }
  };
  switch (kind) {
    case 'none':
      tooMany(0);
      return { learningRate: initialLearningRate, callbacks: [] };
    case 'time':
      tooMany(1);
      return perEpochSchedule('time-decay', {
        decayRate: decayNumber(
          spec,
          first,
          'expected time:<rate> with rate >= 0, e.g. time:1',
          (v) => v >= 0,
        ),
      });
    case 'exp':
      tooMany(1);
      return perEpochSchedule('exponential-decay', {
        decayRate: decayNumber(
          spec,
          first,
          'expected exp:<rate> with rate in (0, 1], e.g. exp:0.95',
          (v) => v > 0 && v <= 1,
        ),
      });
    case 'sqrt':
      tooMany(1);
      return perEpochSchedule('square-root-decay', {
        factor: decayNumber(spec, first, 'expected sqrt:<k> with k > 0, e.g. sqrt:1', (v) => v > 0),
      });
    case 'step': {
      tooMany(2);
      const decaySteps = decayNumber(
        spec,
        first,
        'expected step:<epochs>[:<factor>] with an integer epochs >= 1, e.g. step:5',
        (v) => Number.isInteger(v) && v >= 1,
      );
      const decayRate =
        second === undefined
          ? 0.5
          : decayNumber(
              spec,
              second,
              'the factor must be in (0, 1], e.g. step:5:0.5',
              (v) => v > 0 && v <= 1,
            );
      return perEpochSchedule('staircase-decay', { decaySteps, decayRate });
    }
    case 'plateau': {
      tooMany(2);
      const factor =
        first === undefined
          ? 0.1
          : decayNumber(
              spec,
              first,
              'the factor must be in (0, 1), e.g. plateau:0.1',
              (v) => v > 0 && v < 1,
            );
      const patience =
        second === undefined
          ? 10
          : decayNumber(
              spec,
              second,
              'the patience must be an integer >= 0, e.g. plateau:0.1:3',
              (v) => Number.isInteger(v) && v >= 0,
            );
      const plateau = registry.create('schedule', 'reduce-on-plateau', {
        initialLearningRate,
        factor,
        patience,
      }) as PlateauSchedule;
      return {
        learningRate: plateau,
        callbacks: [
          registry.create('callback', 'lr-scheduler', { schedule: plateau, monitor: 'devCost' }),
        ],
      };
    }
    default:
      throw new UsageError(
        `--lr-decay: unknown schedule ${show(kind)}; expected none, time:<rate>, exp:<rate>, sqrt:<k>, step:<epochs>[:<factor>] or plateau[:<factor>[:<patience>]]`,
      );
  }
}

/** Which optimizer option a hyperparameter flag sets, given the optimizer's options. */
function optionFor(flag: string, name: string, options: readonly string[]): string | undefined {
  switch (flag) {
    case 'lr':
      return 'learningRate';
    case 'beta':
      if (options.includes('momentum')) return 'momentum';
      if (options.includes('beta')) return 'beta';
      return options.includes('beta2') && !options.includes('beta1') ? 'beta2' : undefined;
    case 'eps':
      return 'epsilon';
    case 'weight-decay':
      return 'weightDecay';
    case 'clip-norm':
      return 'clipNorm';
    default:
      return flag === 'beta1' || flag === 'beta2' ? flag : name;
  }
}

const HYPERPARAMETER_FLAGS = [
  'lr',
  'beta',
  'beta1',
  'beta2',
  'eps',
  'weight-decay',
  'clip-norm',
] as const;

/**
 * Creates the optimizer `--optimizer` names with the hyperparameter flags mapped to its
 * options (`--lr` → `learningRate`, `--beta` → `momentum` or RMSprop's `beta2`, `--eps` →
 * `epsilon`, …) and `--lr-decay` as its learning-rate schedule.
 *
 * @throws {@link UsageError} for an unknown optimizer, a flag the optimizer has no option for,
 *   or an invalid schedule.
 */
export function buildOptimizer(
  values: ReadonlyMap<string, FlagValue>,
  registry: Registry,
  stepsPerEpoch: number,
): OptimizerSetup {
  const name = resolvePluginName(
    registry,
    'optimizer',
    values.get('optimizer') as string,
    '--optimizer',
  );
  const schema = registry.get('optimizer', name).options as Readonly<
    Record<string, { readonly default?: unknown }>
  >;
  const known = Object.keys(schema);
  const options: Record<string, number> = {};
  for (const flag of HYPERPARAMETER_FLAGS) {
    const value = values.get(flag) as number | undefined;
    if (value === undefined) continue;
    const key = optionFor(flag, name, known);
    if (key === undefined || !known.includes(key)) {
      throw new UsageError(
        `--${flag} does not apply to optimizer '${name}'; its options are: ${known.join(', ')}`,
      );
    }
    if (key in options)
      throw new UsageError(
        `--${flag} and another flag both set '${key}' of optimizer '${name}'; give one`,
      );
    options[key] = value;
  }
  const fallback = schema.learningRate?.default;
  const learningRate = options.learningRate ?? (typeof fallback === 'number' ? fallback : 0.01);
  const lrDecay = values.get('lr-decay') as string;
  const { learningRate: rate, callbacks } = schedule(
    lrDecay,
    registry,
    learningRate,
    stepsPerEpoch,
  );
  try {
    const optimizer = registry.create('optimizer', name, { ...options, learningRate: rate });
    return {
      name,
      optimizer,
      callbacks,
      options: { ...options, learningRate },
      learningRate,
      lrDecay,
    };
  } catch (error) {
    if (DeeptuneError.isInstance(error))
      throw new UsageError(`--optimizer ${name}: ${error.message}`);
    throw error;
  }
}
