import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDefaultRegistry, type PluginKind, type PluginPackage } from 'deeptune';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCliError } from './support/expect-cli-error.js';
import { runCli, type CliRun } from './support/run-cli.js';

/**
 * A user's plugin package (outside the workspace) with one plugin of each kind the CLI chooses
 * by flag, each with a hyperparameter of its own: the optimizer `acme:signum` (`rho`), the
 * schedule `acme:halving` (`every`, `factor`), the activation `acme:swish` (`beta`) and the
 * dataset `acme:stripes` (`noise`, 4×4 images).
 */
const FIXTURE = fileURLToPath(new URL('./fixtures/acme-plugins.mjs', import.meta.url));

let dir: string;
let acme: PluginPackage;
beforeAll(async () => {
  // Config files go here; the CLI runs in the fixtures folder, where the plugin's
  // `import 'deeptune'` resolves as in a user's project.
  dir = await mkdtemp(join(tmpdir(), 'deeptune-cli-plugin-options-'));
  acme = ((await import(FIXTURE)) as { default: PluginPackage }).default;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TINY = ['--layers', '8', '--epochs', '3', '--batch-size', '32', '--json'];
const ACME = ['--plugin', './acme-plugins.mjs'];

/** Runs the CLI in the test folder, with the fixture's plugins loaded. */
function cli(args: readonly string[]): Promise<CliRun> {
  return runCli([args[0]!, ...ACME, ...args.slice(1)], { cwd: fixtureDir() });
}

function fixtureDir(): string {
  return fileURLToPath(new URL('./fixtures/', import.meta.url));
}

interface TrainJson {
  readonly epochs: readonly { readonly cost: number; readonly learningRate: number }[];
  readonly plugins: Readonly<Record<string, Readonly<Record<string, unknown>> | null>>;
  readonly examples: { readonly train: number };
}

function trained(run: CliRun): TrainJson {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as TrainJson;
}

/** The message the library gives for these options, through the registry. */
function libraryMessage(kind: PluginKind, name: string, options: Record<string, unknown>): string {
  const registry = createDefaultRegistry();
  registry.use(acme);
  try {
    registry.create(kind, name, options as never);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`registry.create('${kind}', '${name}') accepted ${JSON.stringify(options)}`);
}

describe('a plugin optimizer with its own hyperparameter', () => {
  it('takes it by flag and by config key, with the same result, and uses it', async () => {
    const base = ['train', '--dataset', 'moons', '--optimizer', 'signum', ...TINY];
    const byFlag = trained(await cli([...base, '--optimizer.rho', '0.5']));
    expect(byFlag.plugins.optimizer).toMatchObject({ name: 'acme:signum', rho: 0.5 });
    await writeFile(join(dir, 'signum.yaml'), 'optimizer:\n  name: signum\n  rho: 0.5\n');
    try {
      const byConfig = trained(
        await cli(['train', '--config', join(dir, 'signum.yaml'), '--dataset', 'moons', ...TINY]),
      );
      expect(byConfig.plugins.optimizer).toMatchObject({ name: 'acme:signum', rho: 0.5 });
      expect(byConfig.epochs.map((epoch) => epoch.cost)).toEqual(
        byFlag.epochs.map((epoch) => epoch.cost),
      );
    } finally {
      await rm(join(dir, 'signum.yaml'));
    }
    // The default ρ = 0.9 trains differently: the option reaches the update rule.
    const byDefault = trained(await cli(base));
    expect(byDefault.plugins.optimizer).toMatchObject({ rho: 0.9 });
    expect(byDefault.epochs.at(-1)!.cost).not.toBe(byFlag.epochs.at(-1)!.cost);
  });

  it('shows it in --help and in plugins list, from its schema', async () => {
    const help = await cli(['train', '--optimizer', 'signum', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /^ {4}--optimizer\.rho <number> +Weight ρ of the gradient\s+average\.\s+\[default 0\.9;\s+number\s+in \[0, 1\)\]/m,
    );
    expect(help.stdout).toMatch(/--optimizer\.learning-rate <number>[^]*?\(alias\s+--lr\)/);
    const list = await cli(['plugins', 'list', 'optimizer']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ {2}acme:signum$/m);
    expect(list.stdout).toMatch(/^ {6}rho +default 0\.9; number in \[0, 1\)$/m);
  });

  it('gives the schema’s message for an out-of-range value, by flag and by config key', async () => {
    const message = libraryMessage('optimizer', 'acme:signum', { rho: 1 });
    expect(message).toBe("optimizer 'acme:signum': option 'rho' must be in [0, 1), got 1");
    expectCliError(
      await cli(['train', '--dataset', 'moons', '--optimizer', 'signum', '--optimizer.rho', '1']),
      2,
      `--optimizer.rho 1: ${message}`,
    );
    await writeFile(join(dir, 'bad-rho.json'), '{ "optimizer": { "name": "signum", "rho": 1 } }');
    try {
      expectCliError(
        await cli(['train', '--config', join(dir, 'bad-rho.json'), '--dataset', 'moons']),
        2,
        `key 'optimizer.rho' in ${join(dir, 'bad-rho.json')}: ${message}`,
      );
    } finally {
      await rm(join(dir, 'bad-rho.json'));
    }
    expectCliError(
      await cli([
        'train',
        '--dataset',
        'moons',
        '--optimizer',
        'signum',
        '--optimizer.rho',
        'high',
      ]),
      2,
      "--optimizer.rho must be a number in [0, 1), got 'high'",
    );
    expectCliError(
      await cli(['train', '--dataset', 'moons', '--optimizer', 'signum', '--optimizer.roh', '0.5']),
      2,
      `--optimizer.roh 0.5: ${libraryMessage('optimizer', 'acme:signum', { roh: 0.5 })}`,
    );
  });
});

describe('a plugin schedule with its own options', () => {
  it('steps the learning rate per epoch with them, by flag and by config key', async () => {
    const run = trained(
      await cli([
        'train',
        '--dataset',
        'moons',
        '--lr',
        '0.04',
        '--lr-schedule',
        'halving',
        '--lr-schedule.every',
        '1',
        '--lr-schedule.factor',
        '0.25',
        ...TINY,
      ]),
    );
    // α₀ · 0.25^⌊epoch / 1⌋ for epochs 1, 2, 3.
    expect(run.epochs.map((epoch) => epoch.learningRate)).toEqual([0.01, 0.0025, 0.000625]);
    expect(run.plugins.lrSchedule).toEqual({
      name: 'acme:halving',
      initialLearningRate: 0.04,
      every: 1,
      factor: 0.25,
    });
    await writeFile(
      join(dir, 'halving.yaml'),
      'lr: 0.04\nlrSchedule:\n  name: halving\n  every: 1\n  factor: 0.25\n',
    );
    try {
      const byConfig = trained(
        await cli(['train', '--config', join(dir, 'halving.yaml'), '--dataset', 'moons', ...TINY]),
      );
      expect(byConfig.epochs.map((epoch) => epoch.learningRate)).toEqual([0.01, 0.0025, 0.000625]);
    } finally {
      await rm(join(dir, 'halving.yaml'));
    }
  });

  it('gives the schema’s message for an out-of-range value and shows its options in help', async () => {
    expectCliError(
      await cli([
        'train',
        '--dataset',
        'moons',
        '--lr-schedule',
        'halving',
        '--lr-schedule.factor',
        '2',
      ]),
      2,
      `--lr-schedule.factor 2: ${libraryMessage('schedule', 'acme:halving', { initialLearningRate: 0.001, factor: 2 })}`,
    );
    const help = await cli(['train', '--lr-schedule', 'halving', '--help']);
    expect(help.stdout).toMatch(
      /^ {4}--lr-schedule\.every <integer> +Epochs per decay\.\s+\[default 2;\s+integer\s+>=\s+1\]/m,
    );
  });
});

describe('a plugin activation with its own option', () => {
  it('is used by the hidden layers with it, by flag and by config key, and saved with the model', async () => {
    const base = ['train', '--dataset', 'moons', '--activation', 'swish', ...TINY];
    const byFlag = trained(await cli([...base, '--activation.beta', '2']));
    expect(byFlag.plugins.activation).toEqual({ name: 'acme:swish', beta: 2 });
    // A plugin activation gets Xavier's initialization, the safe choice for an unknown slope.
    expect(byFlag.plugins.initializer).toEqual({ name: 'xavier-normal' });
    await writeFile(join(dir, 'swish.yaml'), 'activation:\n  name: swish\n  beta: 2\n');
    const byConfig = trained(
      await cli(['train', '--config', join(dir, 'swish.yaml'), '--dataset', 'moons', ...TINY]),
    );
    expect(byConfig.epochs.map((epoch) => epoch.cost)).toEqual(
      byFlag.epochs.map((epoch) => epoch.cost),
    );
    const byDefault = trained(await cli(base));
    expect(byDefault.epochs.at(-1)!.cost).not.toBe(byFlag.epochs.at(-1)!.cost);
    // Saved, then evaluated with the plugin loaded again: the same dev cost as training's end.
    const model = join(dir, 'swish-model');
    expect((await cli([...base, '--activation.beta', '2', '--save', model])).code).toBe(0);
    const architecture = await readFile(join(model, 'architecture.json'), 'utf8');
    expect(architecture).toContain('"activation": "acme:swish"');
    expect(architecture).toContain('"beta": 2');
    const evaluated = await cli(['evaluate', model, '--json']);
    expect(evaluated.stderr).toBe('');
    expect(evaluated.code).toBe(0);
    // Without the plugin, the model cannot be rebuilt, and the message says how to load it.
    const without = await runCli(['evaluate', model], { cwd: fixtureDir() });
    expect(without.code).not.toBe(0);
    expect(without.stderr).toContain('acme:swish');
    expect(without.stderr).toContain('--plugin');
  });

  it('gives the schema’s message for an out-of-range value, and is listed in help', async () => {
    expectCliError(
      await cli(['train', '--dataset', 'moons', '--activation', 'swish', '--activation.beta', '0']),
      2,
      `--activation.beta 0: ${libraryMessage('activation', 'acme:swish', { beta: 0 })}`,
    );
    const help = await cli(['train', '--activation', 'swish', '--help']);
    expect(help.stdout).toMatch(
      /^ {4}--activation\.beta <number> +Slope β\.\s+\[default 1;\s+number\s+in \(0, 10\]\]/m,
    );
  });
});

describe('a plugin dataset with its own options and metadata', () => {
  it('loads with its option by flag and by config key; its image size lets --augment flip it', async () => {
    const run = trained(
      await cli([
        'train',
        '--dataset',
        'stripes',
        '--dataset.m',
        '100',
        '--augment',
        'flip',
        ...TINY,
      ]),
    );
    expect(run.examples.train).toBe(60);
    expect(run.plugins.dataset).toMatchObject({ name: 'acme:stripes', m: 100 });
    await writeFile(join(dir, 'stripes.json'), '{ "dataset": { "name": "stripes", "m": 100 } }');
    try {
      const byConfig = trained(
        await cli(['train', '--config', join(dir, 'stripes.json'), ...TINY]),
      );
      expect(byConfig.examples.train).toBe(60);
    } finally {
      await rm(join(dir, 'stripes.json'));
    }
  });

  it('gives the schema’s message for an out-of-range value', async () => {
    expectCliError(
      await cli(['train', '--dataset', 'stripes', '--dataset.noise', '2']),
      2,
      `--dataset.noise 2: ${libraryMessage('dataset', 'acme:stripes', { noise: 2 })}`,
    );
    // --examples is an alias of the dataset's `m`, checked by the same schema.
    expectCliError(
      await cli(['train', '--dataset', 'stripes', '--examples', '5']),
      2,
      `--examples 5: ${libraryMessage('dataset', 'acme:stripes', { m: 5 })}`,
    );
  });
});

describe('the command line over the config file', () => {
  it('drops the file’s options of a plugin the command line replaced, with a note', async () => {
    await writeFile(join(dir, 'replaced.yaml'), 'optimizer:\n  name: signum\n  rho: 0.5\n');
    const run = await cli([
      'train',
      '--config',
      join(dir, 'replaced.yaml'),
      '--optimizer',
      'sgd',
      '--dataset',
      'moons',
      ...TINY,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `deeptune: note: --optimizer sgd replaces 'signum' of the config file, so its options 'optimizer.rho' are ignored\n`,
    );
    expect((JSON.parse(run.stdout) as TrainJson).plugins.optimizer).toMatchObject({ name: 'sgd' });
  });

  it('takes a flag’s option over the same option in the file', async () => {
    await writeFile(join(dir, 'over.yaml'), 'optimizer:\n  name: signum\n  rho: 0.5\n');
    const run = trained(
      await cli([
        'train',
        '--config',
        join(dir, 'over.yaml'),
        '--optimizer.rho',
        '0.7',
        '--dataset',
        'moons',
        ...TINY,
      ]),
    );
    expect(run.plugins.optimizer).toMatchObject({ name: 'acme:signum', rho: 0.7 });
  });
});

describe('options of plugins no flag chose', () => {
  it('are refused, naming the flag', async () => {
    expectCliError(
      await cli(['train', '--dataset', 'moons', '--lr-schedule.every', '2']),
      2,
      '--lr-schedule.every: --lr-schedule none chooses no schedule plugin, so there are no options to set',
    );
    expectCliError(
      await cli(['train', '--dataset', 'moons', '--augment.flip.probability', '0.2']),
      2,
      "--augment.flip.probability: 'flip' is not in --augment (none); add it there to set its options",
    );
  });
});
