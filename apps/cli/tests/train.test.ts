import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../src/render/format.js';
import { runCli } from './support/run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deeptune-cli-train-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SMALL = ['--dataset', 'moons', '--layers', '16,16', '--lr', '0.01'];

describe('deeptune train', () => {
  it('trains on a small dataset, prints epochs, the results table and the diagnosis, and saves the model', async () => {
    const run = await runCli(['train', ...SMALL, '--epochs', '20', '--save', 'model'], {
      cwd: dir,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'dataset moons: 600 train / 200 dev / 200 test examples, 2 features, 2 classes',
    );
    expect(run.stdout).toContain(
      'network 2-16-16-2 relu, he-normal init; adam α=0.01, batch 128, 20 epochs',
    );
    expect(run.stdout.match(/^epoch +\d+\/20 +cost /gm)).toHaveLength(20);
    expect(run.stdout).toMatch(/^train +[\d.]+ +\d+\.\d\d % +\d+\.\d\d % +600$/m);
    expect(run.stdout).toMatch(/^dev +[\d.]+ +\d+\.\d\d % +\d+\.\d\d % +200$/m);
    expect(run.stdout).toMatch(/^test +[\d.]+ +\d+\.\d\d % +\d+\.\d\d % +200$/m);
    expect(run.stdout).toMatch(/^bias\/variance: /m);
    expect(run.stdout).toContain(`model saved to ${join(dir, 'model')}`);
    // Plain output when stdout is not a terminal: no carriage returns, no escape sequences.
    expect(run.stdout).not.toContain('\r');
    expect(run.stdout).not.toContain('\x1b');
    const metrics = JSON.parse(await readFile(join(dir, 'model', 'metrics.json'), 'utf8')) as {
      test: { accuracy: number };
    };
    expect(metrics.test.accuracy).toBeGreaterThan(0.95);
    const training = JSON.parse(
      await readFile(join(dir, 'model', 'training.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(training).toMatchObject({
      dataset: 'moons',
      layers: [16, 16],
      lr: 0.01,
      optimizer: 'adam',
      epochs: 20,
    });
    for (const file of ['architecture.json', 'weights.safetensors', 'standardizer.json']) {
      expect(existsSync(join(dir, 'model', file))).toBe(true);
    }
  });

  it('prints machine-readable results with --json, and the same seed gives the same numbers', async () => {
    const first = await runCli(['train', ...SMALL, '--epochs', '3', '--json']);
    const second = await runCli(['train', ...SMALL, '--epochs', '3', '--json']);
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout) as {
      epochs: { epoch: number; cost: number; devCost: number }[];
      results: Record<
        string,
        { cost: number; accuracy: number; errorRate: number; examples: number }
      >;
      diagnosis: { verdict: string };
      examples: { train: number; dev: number; test: number };
    };
    expect(result.epochs.map((epoch) => epoch.epoch)).toEqual([1, 2, 3]);
    expect(result.examples).toEqual({ train: 600, dev: 200, test: 200 });
    expect(result.results.test!.accuracy + result.results.test!.errorRate).toBeCloseTo(1, 12);
    expect(['high-bias', 'high-variance', 'high-bias-and-variance', 'fine']).toContain(
      result.diagnosis.verdict,
    );
    const again = JSON.parse(second.stdout) as typeof result;
    expect(again.results).toEqual(result.results);
    expect(again.epochs.map((epoch) => epoch.cost)).toEqual(
      result.epochs.map((epoch) => epoch.cost),
    );
  });

  it('takes every knob of the course as a flag', async () => {
    const run = await runCli([
      'train',
      '--dataset',
      'spirals',
      '--examples',
      '600',
      '--split',
      '0.8,0.1,0.1',
      '--layers',
      '32,32',
      '--activation',
      'tanh',
      '--init',
      'xavier-uniform',
      '--batchnorm',
      '--keep-prob',
      '1,0.9,0.8',
      '--l2',
      '0.01',
      '--l1',
      '0.001',
      '--optimizer',
      'momentum',
      '--lr',
      '0.05',
      '--beta',
      '0.9',
      '--lr-decay',
      'time:0.5',
      '--batch-size',
      '32',
      '--epochs',
      '4',
      '--early-stopping',
      'patience=2,min-delta=0.0001',
      '--clip-norm',
      '5',
      '--seed',
      '7',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      epochs: { learningRate: number; regularizationCost: number }[];
      examples: { train: number; dev: number; test: number };
    };
    expect(result.examples).toEqual({ train: 480, dev: 60, test: 60 });
    // time decay per epoch: α = 0.05 / (1 + 0.5·epoch)
    expect(result.epochs[0]!.learningRate).toBeCloseTo(0.05 / 1.5, 12);
    expect(result.epochs[1]!.learningRate).toBeCloseTo(0.05 / 2, 12);
    expect(result.epochs[0]!.regularizationCost).toBeGreaterThan(0);
  });

  it('reads options from a YAML or JSON config file; flags override it', async () => {
    await writeFile(
      join(dir, 'run.yaml'),
      'dataset: xor\nlayers: [8]\nepochs: 2\nbatchSize: 50\nlr: 0.02\n',
    );
    const run = await runCli(['train', '--config', 'run.yaml', '--epochs', '3', '--json'], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { config: Record<string, unknown>; epochs: unknown[] };
    expect(result.config).toMatchObject({
      dataset: 'xor',
      layers: [8],
      'batch-size': 50,
      lr: 0.02,
      epochs: 3,
    });
    expect(result.epochs).toHaveLength(3);
    await writeFile(
      join(dir, 'run.json'),
      JSON.stringify({ dataset: 'blobs', layers: [4], epochs: 1 }),
    );
    const fromJson = await runCli(['train', '--config', 'run.json', '--json'], { cwd: dir });
    expect(fromJson.code).toBe(0);
    expect((JSON.parse(fromJson.stdout) as { config: { dataset: string } }).config.dataset).toBe(
      'blobs',
    );
  });

  it('loads a custom optimizer plugin from a file: --plugin ./lion.mjs --optimizer lion', async () => {
    const run = await runCli(
      [
        'train',
        ...SMALL.slice(0, 4),
        '--plugin',
        './tests/fixtures/lion.mjs',
        '--optimizer',
        'lion',
        '--lr',
        '0.003',
        '--beta2',
        '0.98',
        '--epochs',
        '8',
        '--json',
      ],
      { cwd: join(import.meta.dirname, '..') },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { epochs: { cost: number; learningRate: number }[] };
    expect(result.epochs[0]!.learningRate).toBe(0.003);
    expect(result.epochs.at(-1)!.cost).toBeLessThan(result.epochs[0]!.cost);
  });

  it('stops cleanly on Ctrl-C after the current step and saves the best-so-far model', async () => {
    const run = await runCli(
      [
        'train',
        '--dataset',
        'blobs',
        '--examples',
        '20000',
        '--layers',
        '64',
        '--batch-size',
        '1',
        '--epochs',
        '50',
        '--save',
        'interrupted',
      ],
      { cwd: dir, onOutput: { text: 'epoch  1/50', action: (child) => child.kill('SIGINT') } },
    );
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('stopping after the current step');
    expect(run.stdout).toMatch(/interrupted after step \d+; the best epoch so far \(1\) is kept/);
    expect(run.stdout).toContain(`model saved to ${join(dir, 'interrupted')}`);
    const metrics = JSON.parse(
      await readFile(join(dir, 'interrupted', 'metrics.json'), 'utf8'),
    ) as {
      stopReason: string;
      dev: { cost: number };
    };
    expect(metrics.stopReason).toBe('aborted');
    // The saved model is the best epoch's: its dev cost is the lowest one the epoch lines show.
    const devCosts = [...run.stdout.matchAll(/dev cost (\S+)/g)].map((match) => match[1]!);
    expect(devCosts.length).toBeGreaterThan(0);
    const lowest = devCosts.reduce((a, b) => (Number(b) < Number(a) ? b : a));
    expect(formatNumber(metrics.dev.cost)).toBe(lowest);
  });

  it('stops a diverging run with the step, the cost and advice (exit 1)', async () => {
    const run = await runCli([
      'train',
      '--dataset',
      'moons',
      '--layers',
      '64,64,64',
      '--optimizer',
      'sgd',
      '--lr',
      '1e6',
      '--epochs',
      '5',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^deeptune: error: .*step \d+.*learning rate/im);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
