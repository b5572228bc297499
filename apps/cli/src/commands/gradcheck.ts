import {
  GRADCHECK_VERDICT_BANDS,
  checkModel,
  fit,
  gather,
  softmaxCrossEntropy,
  verdictBand,
  type CheckBatch,
  type GradcheckReport,
  type Registry,
  formatShape,
} from 'deeptune';
import type { Flag, FlagValue } from '../args/flag.js';
import { show } from '../args/parse-value.js';
import { UsageError } from '../cli-error.js';
import type { Command, CommandContext } from '../command.js';
import { formatCount, formatTable } from '../render/format.js';
import { buildNetwork, type Network } from '../setup/build-network.js';
import { buildOptimizer } from '../setup/build-optimizer.js';
import { DATA_FLAGS, NETWORK_FLAGS } from '../setup/model-flags.js';
import { dataPathPrefix, prepareData, type PreparedData } from '../setup/prepare-data.js';
import { checkNetworkSize } from '../setup/check-network-size.js';
import { OPTIMIZER_FLAGS } from '../setup/training-flags.js';
import type { ChoiceSource } from '../args/plugin-choice.js';

/** Models with at most this many parameters are checked at every coordinate by default. */
const FULL_CHECK_LIMIT = 20_000;
/** Coordinates checked per parameter tensor by default in bigger models. */
const DEFAULT_SAMPLE = 50;

/** The verdicts the check passes with (exit code 0) or fails with: `'great or inspect'`. */
const verdictsThat = (passes: boolean): string =>
  GRADCHECK_VERDICT_BANDS.filter((band) => band.passes === passes)
    .map((band) => band.verdict)
    .join(' or ');

/** The verdict scale with its edges: `great < 1e-7 ≤ inspect ≤ 1e-5 < … < bug`. */
const VERDICT_SCALE = GRADCHECK_VERDICT_BANDS.map(({ verdict, upTo, includesUpTo }) =>
  upTo === Infinity
    ? verdict
    : `${verdict} ${includesUpTo ? '≤' : '<'} ${upTo.toExponential()} ${includesUpTo ? '<' : '≤'}`,
).join(' ');

/** The flags of `deeptune gradcheck` beyond data, network and optimizer. */
const CHECK_FLAGS: readonly Flag[] = [
  {
    name: 'check-batch',
    type: 'integer',
    group: 'Gradient check',
    valueName: '<m>',
    min: 1,
    default: 16,
    description: 'Training examples in the fixed batch the cost J is checked on (the first m)',
  },
  {
    name: 'sample',
    type: 'string',
    group: 'Gradient check',
    valueName: '<n|all|auto>',
    default: 'auto',
    defaultText: `auto: all when the model has at most ${formatCount(FULL_CHECK_LIMIT)} parameters, else ${DEFAULT_SAMPLE}`,
    description:
      'Coordinates checked per parameter tensor, chosen at random with --seed: n, or all of them (two forward passes each)',
  },
  {
    name: 'after',
    type: 'integer',
    group: 'Gradient check',
    valueName: '<steps>',
    min: 1,
    description:
      'Check at initialization, then train this many optimizer steps (--optimizer, --lr, --batch-size, …) and check again',
  },
];

/** `--dtype` of `gradcheck`: only float64, which gradient checking needs. */
const DTYPE_FLAG: Flag = {
  name: 'dtype',
  type: 'string',
  group: 'Model',
  choices: ['float64'],
  default: 'float64',
  description:
    'Tensor precision: always float64 here (float32 keeps about 7 significant digits, too few for ε = 1e-7)',
};

/**
 * The flags of `deeptune gradcheck`, in help order (a learning-rate schedule has no use over a
 * few steps).
 */
function gradcheckFlags(): readonly Flag[] {
  return [
    ...CHECK_FLAGS,
    ...DATA_FLAGS,
    ...NETWORK_FLAGS.map((flag) => (flag.name === 'dtype' ? DTYPE_FLAG : flag)),
    ...OPTIMIZER_FLAGS.filter((flag) => flag.name !== 'lr-decay' && flag.name !== 'lr-schedule'),
  ];
}

/** The coordinates to check per tensor from `--sample`: `undefined` for every one. */
function sampleSize(spec: string, parameterCount: number): number | undefined {
  if (spec === 'all') return undefined;
  if (spec === 'auto') return parameterCount <= FULL_CHECK_LIMIT ? undefined : DEFAULT_SAMPLE;
  const count = /^\d+$/.test(spec) ? Number(spec) : NaN;
  if (!(count >= 1)) {
    throw new UsageError(
      `--sample must be all, auto or an integer >= 1 (coordinates per parameter tensor), got ${show(spec)}`,
    );
  }
  return count;
}

/** One gradient check of the run, for printing and `--json`. */
interface Check {
  /** The optimizer steps taken before it. */
  readonly steps: number;
  /** The cost of the last training batch, when steps were taken. */
  readonly lastBatchCost: number | null;
  /** The report of `checkModel`. */
  readonly report: GradcheckReport;
}

/** `J = loss + L2 (λ = 0.1)`: what is checked. */
function costText(values: ReadonlyMap<string, FlagValue>): string {
  const terms = ['cross-entropy loss'];
  for (const name of ['l2', 'l1']) {
    const lambda = values.get(name) as number;
    if (lambda > 0) terms.push(`${name.toUpperCase()} (λ = ${lambda})`);
  }
  return `J = ${terms.join(' + ')}`;
}

/** The modes `checkModel` runs the network in, when they matter. */
function modeText(values: ReadonlyMap<string, FlagValue>, network: Network): string {
  const notes: string[] = [];
  if (network.keepProbs.some((p) => p < 1)) notes.push('dropout off');
  if (values.get('batchnorm') === true) notes.push("batch norm on the batch's statistics");
  return notes.length === 0 ? '' : `, ${notes.join(', ')}`;
}

/** The report as text: the overall difference with its band, then one row per parameter. */
function formatCheck(check: Check): string {
  const { report } = check;
  const band = verdictBand(report.verdict);
  const when = check.steps === 0 ? 'at initialization' : `after ${formatCount(check.steps)} steps`;
  const sampled =
    report.checked < report.total
      ? ` (checked ${formatCount(report.checked)} of ${formatCount(report.total)} coordinates)`
      : '';
  const rows = [['parameter', 'shape', 'checked', 'relative difference', 'verdict']];
  for (const parameter of report.parameters) {
    rows.push([
      parameter.name,
      formatShape(parameter.shape),
      `${formatCount(parameter.checked)} of ${formatCount(parameter.total)}`,
      parameter.relativeDifference.toExponential(2),
      parameter.verdict,
    ]);
  }
  const lines = [
    `${when}: relative difference ${report.relativeDifference.toExponential(3)}${sampled}`,
    `verdict: ${report.verdict} (${band.range}: ${band.meaning})`,
    '',
    formatTable(rows).trimEnd(),
  ];
  const { worst } = report;
  if (worst.verdict !== 'great') {
    lines.push(
      `worst: ${worst.name}[${worst.worstIndex.join(', ')}] analytic ${worst.analytic.toPrecision(8)} vs numerical ${worst.numerical.toPrecision(8)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Whether to load only the `--check-batch` examples the check uses: for a dataset plugin that
 * reads files and can load a prefix of them (a `subset` option, e.g. MNIST's 60,000 images,
 * which would take about 1 GB in float64 to check 16 of them) when neither `--examples`,
 * `--split` nor `--after` (which trains on the training set) asks for more. Synthetic data is
 * cheap, so it loads as for `train`.
 */
function loadsOnlyCheckedExamples(
  values: ReadonlyMap<string, FlagValue>,
  registry: Registry,
): boolean {
  const dataset = values.get('dataset') as string;
  const name = dataPathPrefix(dataset)?.slice(0, -1) ?? dataset;
  if (!registry.has('dataset', name)) return false;
  const subset = registry.get('dataset', name).options['subset'];
  const batch = values.get('check-batch') as number;
  return (
    subset?.type === 'number' &&
    batch <= (subset.max ?? Infinity) &&
    !values.has('examples') &&
    !values.has('split') &&
    !values.has('after')
  );
}

/** The first `--check-batch` training examples. */
function checkBatch(data: PreparedData, size: number): CheckBatch {
  if (size > data.train.size) {
    throw new UsageError(
      `--check-batch ${size} is more than the ${formatCount(data.train.size)} training examples; give at most ${data.train.size}`,
    );
  }
  const rows = Array.from({ length: size }, (_, i) => i);
  return { inputs: gather(data.train.inputs, rows), targets: gather(data.train.targets, rows) };
}

/**
 * Trains `steps` optimizer steps with `fit` and the optimizer flags.
 *
 * @returns the steps taken and the cost of the last batch.
 */
async function trainSteps(
  source: ChoiceSource,
  network: Network,
  data: PreparedData,
  steps: number,
): Promise<{ readonly steps: number; readonly lastCost: number }> {
  const { values } = source;
  const batchSize = values.get('batch-size') as number;
  const stepsPerEpoch = Math.ceil(data.train.size / Math.min(batchSize, data.train.size));
  const optimizer = buildOptimizer(source, stepsPerEpoch);
  let lastCost = NaN;
  const history = await fit(network.model, data.train, {
    loss: softmaxCrossEntropy,
    optimizer: optimizer.optimizer,
    regularizers: network.regularizers,
    epochs: Math.ceil(steps / stepsPerEpoch),
    batchSize,
    seed: values.get('seed') as number,
    callbacks: [
      ...optimizer.callbacks,
      {
        name: 'step-limit',
        onBatchEnd: ({ step, logs, stop }) => {
          lastCost = logs.cost;
          if (step >= steps) stop(`${steps} steps taken`);
        },
      },
    ],
  });
  return { steps: history.stepCount, lastCost };
}

async function run(context: CommandContext): Promise<number> {
  const { io } = context;
  const values = new Map(context.values).set('dtype', 'float64').set('lr-schedule', 'none');
  const explicit = new Set(context.explicit);
  const json = values.get('json') === true;
  const say = (text: string): void => {
    if (!json) io.out(text);
  };
  checkNetworkSize(values, undefined);
  const onlyChecked = loadsOnlyCheckedExamples(values, context.registry);
  if (onlyChecked) {
    values.set('examples', values.get('check-batch')!).set('split', [1, 0]);
    explicit.add('examples').add('split');
  }
  const source: ChoiceSource = { ...context, values, explicit };
  const data = await prepareData(source, io.cwd, onlyChecked ? 'training' : 'all');
  checkNetworkSize(values, data);
  const network = buildNetwork(source, data, 'float64');
  const batch = checkBatch(data, values.get('check-batch') as number);
  const tensors = network.model.namedParameters();
  const parameterCount = tensors.reduce((n, parameter) => n + parameter.value.size, 0);
  const sample = sampleSize(values.get('sample') as string, parameterCount);
  const hidden = values.get('layers') as readonly number[];
  say(
    `dataset ${data.dataset}: ${formatCount(data.train.size)} training examples, ${data.features} features, ${data.classes} classes, float64\n` +
      `network ${[data.features, ...hidden, data.classes].join('-')} ${values.get('activation')}` +
      `${values.get('batchnorm') === true ? ' + batch norm' : ''}, ${network.initializer} init: ` +
      `${formatCount(parameterCount)} parameters in ${tensors.length} tensors\n` +
      `checking ${costText(values)} on ${formatCount(batch.inputs.shape[0]!)} training examples, ` +
      `${sample === undefined ? 'every coordinate' : `${sample} coordinates per tensor`}${modeText(values, network)}\n`,
  );
  const check = (steps: number, lastBatchCost: number | null): Check => {
    const report = checkModel(network.model, softmaxCrossEntropy, batch, {
      regularizers: network.regularizers,
      seed: values.get('seed') as number,
      ...(sample === undefined ? {} : { sample }),
    });
    const result = { steps, lastBatchCost, report };
    say(`\n${formatCheck(result)}`);
    return result;
  };
  const checks = [check(0, null)];
  const after = values.get('after') as number | undefined;
  if (after !== undefined) {
    say(
      `\ntraining ${formatCount(after)} steps with --optimizer ${values.get('optimizer')}, batch ${values.get('batch-size')}…\n`,
    );
    const trained = await trainSteps(source, network, data, after);
    say(`last batch cost ${trained.lastCost.toPrecision(4)}\n`);
    checks.push(check(trained.steps, trained.lastCost));
  }
  const failed = checks.filter((entry) => !verdictBand(entry.report.verdict).passes);
  if (json) {
    const config = Object.fromEntries(
      gradcheckFlags()
        .filter((flag) => values.has(flag.name))
        .map((flag) => [flag.name, values.get(flag.name)]),
    );
    io.out(
      `${JSON.stringify(
        {
          config,
          parameters: parameterCount,
          checkBatch: batch.inputs.shape[0],
          sample: sample ?? 'all',
          checks,
          passed: failed.length === 0,
        },
        null,
        2,
      )}\n`,
    );
  } else if (failed.length === 0) {
    io.out(
      `\ngradient check passed: ${checks.length === 1 ? 'the verdict is' : 'every verdict is'} ${verdictsThat(true)}\n`,
    );
  } else {
    io.out(
      `\ngradient check failed: ${failed.map((entry) => `${entry.report.verdict} ${entry.steps === 0 ? 'at initialization' : `after ${entry.steps} steps`}`).join(', ')}; ` +
        'look at the worst parameter above (kinks, such as ReLU or L1 exactly at 0, also cause mismatches)\n',
    );
  }
  return failed.length === 0 ? 0 : 1;
}

/** `deeptune gradcheck`. */
export const gradcheckCommand: Command = {
  name: 'gradcheck',
  summary:
    "Check backpropagation's gradient against the numerical gradient on the configured network",
  description: `Builds the network the data and model flags describe (as train does) in float64 and compares autograd's gradient of the cost J = loss + regularization with the two-sided numerical gradient (J(θ + ε) − J(θ − ε)) / 2ε, ε = 1e-7, on a fixed batch of training examples. Dropout is switched off for the check and batch norm uses the batch's statistics. Prints the relative difference ‖dθapprox − dθ‖ / (‖dθapprox‖ + ‖dθ‖) with its verdict — ${VERDICT_SCALE} — and one row per parameter tensor. With --after it checks again after some training. Exit code 0 when every verdict is ${verdictsThat(true)}, 1 when one is ${verdictsThat(false)}.`,
  positionals: [],
  flags: gradcheckFlags,
  examples: [
    'deeptune gradcheck --dataset moons --layers 8,8 --activation tanh --l2 0.1',
    'deeptune gradcheck --dataset moons --layers 16,16 --batchnorm --keep-prob 0.8 --after 50',
    'deeptune gradcheck --examples 2000 --sample 20',
    'deeptune gradcheck --dataset csv:data/iris.csv --layers 10 --json',
  ],
  run,
};
