import {
  babysit,
  DeeptuneError,
  softmaxCrossEntropy,
  type BabysitSession,
  type Optimizer,
} from 'deeptune';
import { camelCase } from '../args/plugin-option-input.js';
import { OPTION_ALIASES } from '../args/option-aliases.js';
import { UsageError } from '../cli-error.js';
import type { CommandContext } from '../command.js';
import { formatCostCurve } from '../render/cost-curve.js';
import { formatCount, formatNumber, formatPercent } from '../render/format.js';
import { formatEpochLine } from '../render/progress-renderer.js';
import { buildAugmentation } from '../setup/build-augmentation.js';
import { buildNetwork } from '../setup/build-network.js';
import { buildOptimizer } from '../setup/build-optimizer.js';
import { checkNetworkSize } from '../setup/check-network-size.js';
import { AUGMENT_FLAG } from '../setup/augment-flag.js';
import { openDataset, prepareData } from '../setup/prepare-data.js';

type Hyperparameters = Readonly<Record<string, number | string | boolean>>;

const HELP = `commands between epochs:
  continue [n]     train n more epochs (default 1); an empty line is continue 1
  lr <α>           set the learning rate from the next epoch on
  <option> <value> set another optimizer hyperparameter: beta, beta1, beta2, eps, weight-decay,
                   or any option of the optimizer (e.g. momentum 0.95)
  revert <epoch>   go back to the checkpoint after that epoch (0: the start)
  curve            show the cost curve
  stop             end the session (also: quit, end of input)
`;

/** The optimizer option a panda command names: `lr` → `learningRate`, `beta` → `momentum` for momentum. */
function optionFor(word: string, schema: readonly string[]): string | undefined {
  const alias = OPTION_ALIASES.find(
    (candidate) => candidate.flag === word && candidate.choice === 'optimizer',
  );
  if (alias !== undefined) {
    if (alias.unlessPluginHas !== undefined && schema.includes(alias.unlessPluginHas))
      return undefined;
    return alias.options.find((name) => schema.includes(name));
  }
  const name = camelCase(word);
  return schema.includes(name) ? name : undefined;
}

function parseValue(text: string): number | boolean | undefined {
  if (text === 'true' || text === 'false') return text === 'true';
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) ? value : undefined;
}

function describeHyperparameters(hyperparameters: Hyperparameters): string {
  return Object.entries(hyperparameters)
    .filter(([, value]) => typeof value === 'number')
    .map(([key, value]) => `${key} ${formatNumber(value as number)}`)
    .join(', ');
}

/**
 * `deeptune tune --panda`: babysit one model. Trains `--epochs` epochs (1 unless given), then
 * reads one command per line from standard input between epochs until `stop` or the end of
 * the input.
 */
export async function runPanda(context: CommandContext): Promise<number> {
  const { io, registry, values } = context;
  for (const flag of ['lr-schedule', 'lr-decay', 'early-stopping']) {
    if (
      context.explicit.has(flag) &&
      !(flag === 'lr-schedule' && values.get(flag) === 'none') &&
      !(flag === 'early-stopping' && values.get(flag) === 'off')
    ) {
      throw new UsageError(
        `--${flag} does not go with --panda: you are the schedule and the early stopping (lr <α>, revert <epoch>, stop)`,
      );
    }
  }
  if (io.readLine === undefined)
    throw new UsageError(
      '--panda reads commands from standard input, which this environment does not have',
    );
  const opened = openDataset(context, io.cwd, 'training');
  const augment = buildAugmentation(context, AUGMENT_FLAG, opened.loader.info.imageShape);
  const data = await prepareData(context, io.cwd, 'training', opened);
  if (data.dev.size === 0)
    throw new UsageError('--panda watches the dev cost, but --split leaves no dev examples');
  checkNetworkSize(values, data);
  const network = buildNetwork(context, data);
  const batchSize = Math.min(values.get('batch-size') as number, data.train.size);
  const setup = buildOptimizer(context, Math.ceil(data.train.size / batchSize));
  const hyperparameters: Record<string, number | string | boolean> = {};
  for (const [key, value] of Object.entries(setup.options)) {
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
      hyperparameters[key] = value;
  }
  const schema = Object.keys(registry.get('optimizer', setup.name).options);
  const session: BabysitSession<Hyperparameters> = babysit(network.model, data.train, {
    loss: softmaxCrossEntropy,
    optimizer: (hp: Hyperparameters): Optimizer =>
      registry.create('optimizer', setup.name, hp) as Optimizer,
    hyperparameters,
    batchSize,
    devData: data.dev,
    regularizers: network.regularizers,
    metrics: ['accuracy', 'error-rate'],
    ...(augment === undefined ? {} : { augment }),
    seed: values.get('seed') as number,
  });
  io.out(
    `panda: babysitting one model on ${data.dataset} (${formatCount(data.train.size)} train / ${formatCount(data.dev.size)} dev examples), ${setup.name} with ${describeHyperparameters(session.hyperparameters)}, batch ${batchSize}\n` +
      `a checkpoint is kept after every epoch; type help for the commands\n\n`,
  );
  let controller = new AbortController();
  const removeInterruptHandler = io.onInterrupt(() => {
    io.err('deeptune: stopping this epoch; its work is dropped (Ctrl-C again to quit at once)\n');
    controller.abort();
  });
  const train = async (epochs: number): Promise<void> => {
    controller = new AbortController();
    const target = session.epoch + epochs;
    try {
      const records = await session.train(epochs, { signal: controller.signal });
      for (const record of records)
        io.out(`${formatEpochLine(record, Math.max(target, record.epoch))}\n`);
      if (records.length < epochs)
        io.out(`stopped; back at the checkpoint after epoch ${session.epoch}\n`);
    } catch (error) {
      if (!DeeptuneError.isInstance(error)) throw error;
      io.out(
        `${error.message}\nback at the checkpoint after epoch ${session.epoch}; try a smaller lr, or revert\n`,
      );
    }
    io.out(`\n${formatCostCurve(session.history)}`);
  };
  try {
    const initial = context.explicit.has('epochs') ? (values.get('epochs') as number) : 1;
    await train(initial);
    for (;;) {
      io.out(
        `\npanda (epoch ${session.epoch}; ${describeHyperparameters(session.hyperparameters)})> `,
      );
      const line = await io.readLine();
      if (line === undefined) {
        io.out('\n');
        break;
      }
      if (!io.isTTY) io.out(`${line}\n`);
      const [word = '', ...rest] = line.trim().split(/\s+/);
      const argument = rest.join(' ');
      if (word === 'stop' || word === 'quit' || word === 'exit') break;
      if (word === 'help' || word === '?') {
        io.out(HELP);
        continue;
      }
      if (word === 'curve') {
        io.out(formatCostCurve(session.history));
        continue;
      }
      if (word === '' || word === 'continue' || word === 'c') {
        const count = argument === '' ? 1 : Number(argument);
        if (!Number.isSafeInteger(count) || count < 1 || count > 10_000) {
          io.out(`continue takes a number of epochs ≥ 1, got '${argument}'\n`);
          continue;
        }
        await train(count);
        continue;
      }
      if (word === 'revert') {
        const epoch = Number(argument);
        try {
          session.revert(epoch);
          io.out(
            `back at the checkpoint after epoch ${epoch} (${describeHyperparameters(session.hyperparameters)})\n`,
          );
          io.out(`\n${formatCostCurve(session.history)}`);
        } catch (error) {
          if (!DeeptuneError.isInstance(error)) throw error;
          io.out(`${error.message.replace(/^babysit: /, '')}\n`);
        }
        continue;
      }
      const option = optionFor(word, schema);
      if (option === undefined) {
        io.out(
          `unknown command '${word}'; ${setup.name}'s hyperparameters: ${schema.join(', ')}; type help\n`,
        );
        continue;
      }
      const value = parseValue(argument);
      if (value === undefined) {
        io.out(`${word} takes a number, got '${argument}'\n`);
        continue;
      }
      try {
        session.adjust({ [option]: value });
        io.out(`${option} = ${String(value)} from epoch ${session.epoch + 1} on\n`);
      } catch (error) {
        if (!DeeptuneError.isInstance(error)) throw error;
        io.out(`${error.message}\n`);
      }
    }
  } finally {
    removeInterruptHandler();
  }
  const history = session.history;
  const best = history.reduce<(typeof history)[number] | undefined>(
    (found, record) =>
      record.devCost !== undefined && (found === undefined || record.devCost < found.devCost!)
        ? record
        : found,
    undefined,
  );
  const adjustments = session.events.filter((event) => event.type === 'adjust').length;
  const reverts = session.events.filter((event) => event.type === 'revert').length;
  io.out(
    `\npanda: ${session.epoch} epoch${session.epoch === 1 ? '' : 's'} on the final line; ${adjustments} adjustment${adjustments === 1 ? '' : 's'}, ${reverts} revert${reverts === 1 ? '' : 's'}` +
      (best === undefined
        ? '\n'
        : `; lowest dev cost ${formatNumber(best.devCost!)} after epoch ${best.epoch} (dev error ${formatPercent(best.devMetrics?.['error-rate'] ?? Number.NaN)})\n`),
  );
  return 0;
}
