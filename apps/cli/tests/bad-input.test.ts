import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCliError } from './support/expect-cli-error.js';
import { runCli } from './support/run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deeptune-cli-bad-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bad input gets a one-line error naming the flag, key or file', () => {
  it('unknown command → the closest command, exit 2', async () => {
    expectCliError(await runCli(['trian']), 2, "unknown command 'trian'. Did you mean 'train'?");
  });

  it('unknown flag → the closest flag, exit 2', async () => {
    expectCliError(
      await runCli(['train', '--lrr', '0.1']),
      2,
      "unknown flag --lrr for 'deeptune train'. Did you mean --lr?",
    );
    expectCliError(await runCli(['train', '--keep-probs=0.5']), 2, 'Did you mean --keep-prob?');
  });

  it('unknown plugin names → the closest registered name, exit 2', async () => {
    expectCliError(
      await runCli(['train', '--optimizer', 'adamm']),
      2,
      "--optimizer: unknown optimizer 'adamm'. Did you mean 'adam'? Known optimizer plugins: adam, adamw, momentum, rmsprop, sgd",
    );
    expectCliError(
      await runCli(['train', '--dataset', 'moon']),
      2,
      "--dataset: unknown dataset 'moon'. Did you mean 'moons'?",
    );
    expectCliError(await runCli(['train', '--init', 'he-norml']), 2, "Did you mean 'he-normal'?");
    expectCliError(
      await runCli(['train', '--activation', 'rellu']),
      2,
      "--activation: unknown activation 'rellu'. Did you mean 'relu'? Known activation plugins:",
    );
  });

  it('invalid values name the flag and what was expected, exit 2', async () => {
    // Aliases and plugin options are checked by the plugin's schema, with its message.
    expectCliError(
      await runCli(['train', '--lr', '-1']),
      2,
      "--lr -1: optimizer 'adam': option 'learningRate' must be a number > 0, got -1.",
    );
    expectCliError(
      await runCli(['train', '--optimizer.beta2', '1']),
      2,
      "--optimizer.beta2 1: optimizer 'adam': option 'beta2' must be in [0, 1), got 1",
    );
    expectCliError(
      await runCli(['train', '--keep-prob', '1.5']),
      2,
      "--keep-prob (item 1) must be a number in (0, 1], got '1.5'",
    );
    expectCliError(
      await runCli(['train', '--epochs', '2.5']),
      2,
      "--epochs must be an integer >= 1, got '2.5'",
    );
    expectCliError(
      await runCli(['train', '--batch-size']),
      2,
      '--batch-size needs a value: an integer >= 1',
    );
    expectCliError(
      await runCli(['train', '--dataset', 'moons', '--layers', '8,8', '--keep-prob', '1,0.5']),
      2,
      '--keep-prob: give one keep probability for every hidden layer, or 3 (the inputs, then each of the 2 hidden layers), got 2',
    );
    expectCliError(
      await runCli(['train', '--dataset', 'moons', '--optimizer', 'sgd', '--beta1', '0.9']),
      2,
      "--beta1 does not apply to optimizer 'sgd'",
    );
    expectCliError(
      await runCli(['train', '--lr-decay', 'exp:2']),
      2,
      "--lr-decay exp:2: schedule 'exponential-decay': option 'decayRate' must be in (0, 1], got 2",
    );
    expectCliError(
      await runCli(['train', '--early-stopping', 'patience=-1']),
      2,
      "--early-stopping 'patience=-1': callback 'early-stopping': option 'patience' must be an integer >= 0, got -1",
    );
    expectCliError(
      await runCli(['train', '--dataset', 'moons', '--split', '0.5,0.2,0.2']),
      2,
      '--split fractions must sum to 1',
    );
  });

  it('malformed config files and bad keys name the file and the key, exit 2', async () => {
    await writeFile(join(dir, 'broken.yaml'), 'epochs: [1, 2\nlr: 0.1\n');
    expectCliError(
      await runCli(['train', '--config', 'broken.yaml'], { cwd: dir }),
      2,
      /broken\.yaml is not valid YAML \(line \d+, column \d+\)/,
    );
    await writeFile(join(dir, 'broken.json'), '{"epochs": 3,}');
    expectCliError(
      await runCli(['train', '--config', 'broken.json'], { cwd: dir }),
      2,
      'broken.json is not valid JSON',
    );
    await writeFile(join(dir, 'typo.json'), JSON.stringify({ batchsize: 64 }));
    expectCliError(
      await runCli(['train', '--config', 'typo.json'], { cwd: dir }),
      2,
      "unknown key 'batchsize' in typo.json. Did you mean 'batchSize'?",
    );
    await writeFile(join(dir, 'string.json'), JSON.stringify({ lr: '0.1' }));
    expectCliError(
      await runCli(['train', '--config', 'string.json'], { cwd: dir }),
      2,
      "key 'lr' in string.json must be a finite number, got '0.1'",
    );
    expectCliError(
      await runCli(['train', '--config', 'missing.yaml'], { cwd: dir }),
      2,
      'cannot read',
    );
  });

  it('a missing CSV column names the column and lists the columns, exit 1', async () => {
    await writeFile(join(dir, 'data.csv'), 'a,b,class\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n');
    expectCliError(
      await runCli(['train', '--dataset', 'csv:data.csv', '--label-column', 'label'], { cwd: dir }),
      1,
      "no column named 'label' (labelColumn); the columns are 'a', 'b', 'class'",
    );
  });

  it('a corrupt IDX file names the file and what is wrong, exit 1', async () => {
    const mnist = join(dir, 'mnist');
    await mkdir(mnist);
    const header = (magic: number, dims: number[]): Buffer => {
      const buffer = Buffer.alloc(4 + 4 * dims.length);
      buffer.writeUInt32BE(magic, 0);
      dims.forEach((dim, i) => buffer.writeUInt32BE(dim, 4 + 4 * i));
      return buffer;
    };
    // Headers promise 60000 images, but the file stops after 10 bytes of pixels.
    await writeFile(
      join(mnist, 'train-images-idx3-ubyte'),
      Buffer.concat([header(0x803, [60000, 28, 28]), Buffer.alloc(10)]),
    );
    await writeFile(
      join(mnist, 'train-labels-idx1-ubyte'),
      Buffer.concat([header(0x801, [60000]), Buffer.alloc(60000)]),
    );
    await writeFile(
      join(mnist, 't10k-images-idx3-ubyte'),
      Buffer.concat([header(0x803, [10000, 28, 28]), Buffer.alloc(10000 * 784)]),
    );
    await writeFile(
      join(mnist, 't10k-labels-idx1-ubyte'),
      Buffer.concat([header(0x801, [10000]), Buffer.alloc(10000)]),
    );
    expectCliError(
      await runCli(['train', '--dataset', 'mnist:mnist'], { cwd: dir }),
      1,
      /train-images-idx3-ubyte.*(truncated|bytes)/,
    );
  });

  it('--version prints the version of the package', async () => {
    const manifest = JSON.parse(
      await readFile(join(import.meta.dirname, '..', 'package.json'), 'utf8'),
    ) as { version: string };
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`deeptune ${manifest.version}\n`);
  });

  it('--debug adds the stack trace', async () => {
    const run = await runCli(['train', '--lr', '-1', '--debug']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\n\s+at /);
  });

  it('deeptune train --help lists every option with its default', async () => {
    const run = await runCli(['train', '--help']);
    expect(run.code).toBe(0);
    for (const flag of [
      'dataset',
      'split',
      'normalize',
      'layers',
      'activation',
      'init',
      'batchnorm',
      'keep-prob',
      'l2',
      'l1',
      'augment',
      'optimizer',
      'lr',
      'beta',
      'beta1',
      'beta2',
      'eps',
      'lr-decay',
      'lr-schedule',
      'regularizer',
      'batch-size',
      'epochs',
      'early-stopping',
      'clip-norm',
      'seed',
      'save',
      'config',
      'plugin',
      'json',
    ]) {
      expect(run.stdout).toMatch(new RegExp(`^  --${flag}\\b`, 'm'));
    }
    for (const shown of [
      '[default: mnist]',
      '[default: 256,128]',
      '[default: adam]',
      '[default: 128]',
      '[default: 8]',
      '[default: relu]',
      '[default: 0]',
      '[default: 1]',
    ]) {
      expect(run.stdout.replace(/\s+/g, ' ')).toContain(shown);
    }
    const main = await runCli(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/^ {2}train /m);
  });
});
