import {
  perEpoch,
  type Callback,
  type LearningRateSchedule,
  type Optimizer,
  type PlateauSchedule,
} from 'deeptune';
import type { Flag } from '../args/flag.js';
import { parseOptionText } from 'deeptune';
import { show } from '../args/parse-value.js';
import { UsageError } from '../cli-error.js';
import { LR_DECAY_FORMS } from '../args/lr-decay-forms.js';
import {
  choosePlugin,
  createChosen,
  refuseChoiceOptions,
  validateChosen,
  type ChoiceSource,
  type ChosenPlugin,
} from '../args/plugin-choice.js';
import { OPTIMIZER_FLAGS } from './training-flags.js';

/** The optimizer of a run, with what it needs from the training loop. */
export interface OptimizerSetup {
  /** The registered optimizer name, e.g. `'adam'`. */
  readonly name: string;
  /** The optimizer (its parameters are added by `fit`). */
  readonly optimizer: Optimizer;
  /** Callbacks the schedule needs (reduce-on-plateau's scheduler). */
  readonly callbacks: readonly Callback[];
  /** The optimizer's options as validated (defaults filled, α₀ as a number), for saving. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The initial learning rate α₀. */
  readonly learningRate: number;
  /** The learning-rate schedule and its options, or `undefined` for a constant α. */
  readonly schedule:
    { readonly name: string; readonly options: Readonly<Record<string, unknown>> } | undefined;
  /** Whether the schedule watches the dev cost (reduce-on-plateau). */
  readonly watchesDevCost: boolean;
}

function flag(name: string): Flag {
  return OPTIMIZER_FLAGS.find((candidate) => candidate.name === name)!;
}

/** `--lr-decay exp:0.95` as the schedule plugin and options it stands for. */
function lrDecaySchedule(
  source: ChoiceSource,
  form: string,
): { readonly name: string; readonly options: Record<string, unknown> } | undefined {
  const [short = '', ...parts] = form.split(':');
  if (short === 'none' && parts.length === 0) return undefined;
  const known = Object.keys(LR_DECAY_FORMS);
  const entry = Object.hasOwn(LR_DECAY_FORMS, short) ? LR_DECAY_FORMS[short] : undefined;
  if (entry === undefined) {
    throw new UsageError(
      `--lr-decay: unknown form ${show(short)}; expected none or ${known.map((name) => `${name}:${LR_DECAY_FORMS[name]!.options.map((option) => `<${option}>`).join(':')}`).join(', ')}, or use --lr-schedule <name>`,
    );
  }
  if (parts.length > entry.options.length) {
    throw new UsageError(
      `--lr-decay ${show(form)}: too many ':' parts; '${short}' takes ${entry.options.map((option) => `<${option}>`).join(':')} (options of the schedule '${entry.plugin}')`,
    );
  }
  const schema = source.registry.get('schedule', entry.plugin).options;
  const options: Record<string, unknown> = {};
  parts.forEach((part, index) => {
    const option = entry.options[index]!;
    const spec = schema[option];
    if (spec === undefined) return; // the plugin was replaced; its schema reports the option
    options[option] = parseOptionText(spec, part, `--lr-decay ${form} (${option})`);
  });
  return { name: entry.plugin, options };
}

/** The schedule chosen by `--lr-schedule` or `--lr-decay`, with α₀ filled in. */
function chooseSchedule(source: ChoiceSource, learningRate: number): ChosenPlugin | undefined {
  const scheduleFlag = flag('lr-schedule');
  const named = source.values.get('lr-schedule') as string;
  const decay = source.values.get('lr-decay') as string | undefined;
  if (decay !== undefined && source.explicit.has('lr-decay') && named !== 'none') {
    throw new UsageError(
      `--lr-decay ${decay} and --lr-schedule ${named} both choose the learning-rate schedule; give one`,
    );
  }
  const short = decay === undefined ? undefined : lrDecaySchedule(source, decay);
  if (short === undefined && named === 'none') {
    refuseChoiceOptions(source, scheduleFlag);
    return undefined;
  }
  const chosen = choosePlugin(source, scheduleFlag, {
    ...(short === undefined ? {} : { name: short.name }),
  });
  if (Object.hasOwn(chosen.options, 'initialLearningRate')) {
    throw new UsageError(
      `${chosen.sources.get('initialLearningRate') ?? '--lr-schedule.initial-learning-rate'}: the schedule starts from the optimizer's learning rate; set it with --lr`,
    );
  }
  const sources = new Map(chosen.sources);
  const options: Record<string, unknown> = { ...chosen.options };
  for (const [option, value] of Object.entries(short?.options ?? {})) {
    options[option] = value;
    sources.set(option, `--lr-decay ${decay}`);
  }
  const names = Object.keys(source.registry.get('schedule', chosen.name).options);
  if (names.includes('initialLearningRate')) {
    options.initialLearningRate = learningRate;
    sources.set('initialLearningRate', `--lr ${learningRate}`);
  }
  return { ...chosen, options, sources };
}

function watchesMetric(schedule: unknown): schedule is PlateauSchedule {
  return typeof (schedule as { observe?: unknown }).observe === 'function';
}

/**
 * Creates the optimizer `--optimizer` names, with its options from `--optimizer.<option>`, the
 * config file and the course aliases (`--lr`, `--beta`, `--eps`, …), and the learning-rate
 * schedule of `--lr-schedule` (or its short form `--lr-decay`), stepped once per epoch.
 * Every value is checked by the plugin's own schema; nothing falls back silently: an optimizer
 * without a default learning rate needs `--lr`.
 *
 * @param source - the registry, flag values and plugin options of the command.
 * @param stepsPerEpoch - the optimizer steps in one epoch.
 * @throws {@link UsageError} for an unknown optimizer or schedule or a flag that does not apply;
 *   the schema's `ConfigError`/`InvalidHyperparameterError` for an invalid value, naming the flag.
 */
export function buildOptimizer(source: ChoiceSource, stepsPerEpoch: number): OptimizerSetup {
  const { registry } = source;
  const chosen = choosePlugin(source, flag('optimizer'));
  const validated = validateChosen(registry, chosen);
  const learningRate = validated.learningRate;
  if (typeof learningRate !== 'number') {
    throw new UsageError(
      `--optimizer ${chosen.name}: this optimizer has no default learning rate; give one with --lr (or --optimizer.learning-rate)`,
    );
  }
  const scheduleChoice = chooseSchedule(source, learningRate);
  let rate: number | LearningRateSchedule = learningRate;
  const callbacks: Callback[] = [];
  let watchesDevCost = false;
  if (scheduleChoice !== undefined) {
    const schedule = createChosen(registry, scheduleChoice);
    if (watchesMetric(schedule)) {
      rate = schedule;
      watchesDevCost = true;
      callbacks.push(registry.create('callback', 'lr-scheduler', { schedule, monitor: 'devCost' }));
    } else {
      rate = perEpoch(schedule as LearningRateSchedule, stepsPerEpoch);
    }
  }
  const optimizer = createChosen(registry, chosen, { learningRate: rate }) as Optimizer;
  return {
    name: chosen.name,
    optimizer,
    callbacks,
    options: validated,
    learningRate,
    schedule:
      scheduleChoice === undefined
        ? undefined
        : {
            name: scheduleChoice.name,
            options: validateChosen(registry, scheduleChoice),
          },
    watchesDevCost,
  };
}
