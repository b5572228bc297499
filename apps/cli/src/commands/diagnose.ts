import { diagnose } from 'deeptune';
import type { Flag } from '../args/flag.js';
import { UsageError } from '../cli-error.js';
import type { Command, CommandContext } from '../command.js';
import { formatPercent } from '../render/format.js';
import { formatDiagnosis } from '../render/format-diagnosis.js';

/** An error rate or threshold flag, with what its messages need. */
interface RateFlag extends Flag {
  /** What the value is, e.g. `'the error rate on the training set'`. */
  readonly meaning: string;
  /** A typical value, for messages. */
  readonly example: number;
  /** Whether the value must be > 0 (thresholds) rather than ≥ 0 (error rates). */
  readonly positive: boolean;
}

/**
 * A flag for a fraction. It has no `min`/`max`, so that the command, not the generic parser,
 * checks the range and can say that 15 is a percentage where a fraction is expected.
 */
function rateFlag(
  name: string,
  meaning: string,
  example: number,
  settings: { readonly positive?: boolean; readonly default?: number; readonly valueName?: string },
): RateFlag {
  const positive = settings.positive ?? false;
  return {
    name,
    type: 'number',
    group: 'Diagnosis',
    valueName: settings.valueName ?? '<error>',
    meaning,
    example,
    positive,
    ...(settings.default === undefined ? { required: true } : { default: settings.default }),
    description: `${meaning[0]!.toUpperCase()}${meaning.slice(1)}, a fraction in ${positive ? '(0, 1]' : '[0, 1]'}`,
  };
}

/** The flags of `deeptune diagnose`, in help order. */
const DIAGNOSE_FLAGS: readonly RateFlag[] = [
  rateFlag('train-error', 'the error rate on the training set', 0.15, {}),
  rateFlag('dev-error', 'the error rate on the dev set', 0.16, {}),
  rateFlag(
    'base-error',
    'the base error: Bayes error, or human-level error as its estimate',
    0.01,
    {
      default: 0,
    },
  ),
  rateFlag(
    'bias-threshold',
    'the avoidable bias (train − base error) from which bias is high',
    0.02,
    {
      positive: true,
      default: 0.02,
      valueName: '<gap>',
    },
  ),
  rateFlag(
    'variance-threshold',
    'the variance (dev − train error) from which variance is high',
    0.02,
    {
      positive: true,
      default: 0.02,
      valueName: '<gap>',
    },
  ),
];

/** The value of one flag, checked: a fraction in [0, 1] (or (0, 1] for thresholds). */
function rate(flag: RateFlag, value: number | undefined): number {
  if (value === undefined) {
    throw new UsageError(
      `deeptune diagnose: missing --${flag.name} ${flag.valueName} (${flag.meaning}, a fraction in [0, 1]), e.g. --${flag.name} ${flag.example}. See 'deeptune diagnose --help'.`,
    );
  }
  if (value > 1 || (flag.positive ? value <= 0 : value < 0)) {
    throw new UsageError(
      `--${flag.name} must be a fraction in ${flag.positive ? '(0, 1]' : '[0, 1]'}, e.g. ${flag.example} for ${Math.round(flag.example * 100)} %, got ${value}`,
    );
  }
  return value;
}

async function run({ io, values }: CommandContext): Promise<number> {
  const [trainError, devError, baseError, biasThreshold, varianceThreshold] = DIAGNOSE_FLAGS.map(
    (flag) => rate(flag, values.get(flag.name) as number | undefined),
  ) as [number, number, number, number, number];
  const diagnosis = diagnose({ trainError, devError, baseError, biasThreshold, varianceThreshold });
  if (values.get('json') === true) {
    io.out(`${JSON.stringify({ trainError, devError, baseError, ...diagnosis }, null, 2)}\n`);
  } else {
    io.out(
      `train error ${formatPercent(trainError)}, dev error ${formatPercent(devError)}, base error ${formatPercent(baseError)}` +
        `; thresholds: bias ${formatPercent(biasThreshold)}, variance ${formatPercent(varianceThreshold)}\n`,
    );
    io.out(formatDiagnosis(diagnosis));
  }
  return 0;
}

/** `deeptune diagnose`. */
export const diagnoseCommand: Command = {
  name: 'diagnose',
  summary: 'Tell high bias from high variance given train, dev and base error rates, with advice',
  description:
    'Applies the basic recipe for machine learning to error rates you measured: avoidable bias = train − base error, variance = dev − train error; each counts as high from its threshold. Prints the verdict (high bias, high variance, both, or fine), the numbers, the reasons and what to try first. Error rates are fractions in [0, 1]: 0.15 for 15 %.',
  positionals: [],
  flags: () => DIAGNOSE_FLAGS,
  examples: [
    'deeptune diagnose --train-error 0.15 --dev-error 0.16 --base-error 0.01',
    'deeptune diagnose --train-error 0.01 --dev-error 0.11',
    'deeptune diagnose --train-error 0.08 --dev-error 0.10 --base-error 0.075 --variance-threshold 0.01 --json',
  ],
  run,
};
