import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SetResult } from '../src/setup/measure-set.js';
import { expectCliError } from './support/expect-cli-error.js';
import { runCli } from './support/run-cli.js';
import { trainNamedClassModel, trainSmallModel } from './support/train-small-model.js';

interface EvaluateJson {
  readonly model: string;
  readonly dataset: string;
  readonly source: string;
  readonly dtype: string;
  readonly results: Record<string, SetResult>;
}

let dir: string;
let model: string;
beforeAll(async () => {
  ({ dir, model } = await trainSmallModel('deeptune-cli-evaluate-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('deeptune evaluate', () => {
  it('re-creates the training data and prints a train/dev/test table', async () => {
    const run = await runCli(['evaluate', 'model'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`model ${model}: network 2-8-2, float32`);
    expect(run.stdout).toContain(
      'dataset moons (re-created from training.json, seed 0): 600 train / 200 dev / 200 test examples',
    );
    expect(run.stdout).toMatch(/^ +cost +accuracy +error +examples$/m);
    expect(run.stdout).toMatch(/^train +[\d.e-]+ +\d+\.\d\d % +\d+\.\d\d % +600$/m);
    expect(run.stdout).toMatch(/^dev +[\d.e-]+ +\d+\.\d\d % +\d+\.\d\d % +200$/m);
    expect(run.stdout).toMatch(/^test +[\d.e-]+ +\d+\.\d\d % +\d+\.\d\d % +200$/m);
  });

  it('reports exactly the numbers train saved in metrics.json, with --json', async () => {
    const run = await runCli(['evaluate', model, '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as EvaluateJson;
    const metrics = JSON.parse(await readFile(join(model, 'metrics.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(result).toMatchObject({
      model,
      dataset: 'moons',
      source: 'training.json',
      dtype: 'float32',
    });
    expect(Object.keys(result.results)).toEqual(['train', 'dev', 'test']);
    for (const set of ['train', 'dev', 'test']) expect(result.results[set]).toEqual(metrics[set]);
  });

  it('evaluates one split with --set', async () => {
    const run = await runCli(['evaluate', model, '--set', 'dev', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as EvaluateJson;
    expect(Object.keys(result.results)).toEqual(['dev']);
    expect(result.results.dev!.examples).toBe(200);
  });

  it('evaluates all examples of another dataset with --dataset', async () => {
    const run = await runCli([
      'evaluate',
      model,
      '--dataset',
      'circles',
      '--examples',
      '300',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as EvaluateJson;
    expect(result).toMatchObject({ dataset: 'circles', source: '--dataset' });
    expect(Object.keys(result.results)).toEqual(['all']);
    const all = result.results.all!;
    expect(all.examples).toBe(300);
    expect(all.accuracy + all.errorRate).toBeCloseTo(1, 12);
    expect(all.cost).toBeGreaterThan(0);
  });

  it('says when --dataset names the very data the model was trained on', async () => {
    const run = await runCli(['evaluate', model, '--dataset', 'moons']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'dataset moons: 1,000 examples, normalized with the saved standardizer',
    );
    expect(run.stdout).toContain('these are the very examples the model was trained on');
    expect(run.stdout).toMatch(/^all +[\d.e-]+ +\d+\.\d\d % +\d+\.\d\d % +1,000$/m);
  });

  it('maps CSV class names onto the classes the model was trained with', async () => {
    const rows = await trainNamedClassModel(dir);
    // A new file without any 'setosa' rows: its own sorted labels would be versicolor=0, virginica=1.
    const without = rows.filter((line) => !line.endsWith('setosa'));
    await writeFile(join(dir, 'iris-new.csv'), `a,b,species\n${without.join('\n')}\n`);
    const run = await runCli(
      ['evaluate', 'iris-model', '--dataset', 'csv:iris-new.csv', '--json'],
      { cwd: dir },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as EvaluateJson).results.all!.accuracy).toBe(1);
    await writeFile(join(dir, 'iris-odd.csv'), 'a,b,species\n1,2,iris\n');
    expectCliError(
      await runCli(['evaluate', 'iris-model', '--dataset', 'csv:iris-odd.csv'], { cwd: dir }),
      1,
      "row 2, column 'species': unknown class 'iris'; expected one of 'setosa', 'versicolor', 'virginica'",
    );
  });

  it('rejects a dataset whose feature count differs from the model input, exit 2', async () => {
    await writeFile(join(dir, 'three.csv'), 'a,b,c,label\n1,2,3,0\n4,5,6,1\n7,8,9,0\n');
    expectCliError(
      await runCli(['evaluate', 'model', '--dataset', 'csv:three.csv'], { cwd: dir }),
      2,
      `--dataset csv:three.csv has 3 features per example, but the model in ${model} takes 2`,
    );
  });

  it('rejects flags that only apply with --dataset, exit 2', async () => {
    expectCliError(
      await runCli(['evaluate', model, '--seed', '3']),
      2,
      '--seed applies only with --dataset',
    );
    expectCliError(
      await runCli(['evaluate', model, '--dataset', 'moons', '--set', 'dev']),
      2,
      '--set chooses a split of the training data',
    );
  });

  it('a missing model directory names the path, exit 2 (the command line is wrong)', async () => {
    const missing = join(dir, 'no-such-model');
    expectCliError(await runCli(['evaluate', missing]), 2, `${missing}: no such directory`);
  });

  it('a corrupt file of the model directory is named, exit 1', async () => {
    const corrupt = join(dir, 'corrupt');
    await cp(model, corrupt, { recursive: true, dereference: true });
    await writeFile(join(corrupt, 'standardizer.json'), '{"type": "standardizer", "version": 1}');
    expectCliError(
      await runCli(['evaluate', corrupt]),
      1,
      `${join(corrupt, 'standardizer.json')}: Standardizer.fromJSON: featureShape`,
    );
    await writeFile(join(corrupt, 'training.json'), '{"dataset": "moons"');
    expectCliError(
      await runCli(['evaluate', corrupt]),
      1,
      `${join(corrupt, 'training.json')} is not valid JSON`,
    );
  });

  it('refuses a re-created split that is not the one the model was trained on, exit 1', async () => {
    const edited = join(dir, 'edited-split');
    await cp(model, edited, { recursive: true, dereference: true });
    const path = join(edited, 'training.json');
    const config = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(config.splitRatios).toEqual([0.6, 0.2, 0.2]);
    await writeFile(path, JSON.stringify({ ...config, splitRatios: [0.5, 0.25, 0.25] }));
    const run = await runCli(['evaluate', edited]);
    expectCliError(
      run,
      1,
      `moons re-created from ${path} does not fit the model in ${edited}: recreateSplit: the re-created training set is not the one the model was trained on: its statistics differ from the saved standardizer's (mean of feature 0 is`,
    );
    expect(run.stderr).toContain('pass --dataset to evaluate on the data as it is now');
  });

  it('blames training.json for recorded split ratios that do not fit the data, exit 1', async () => {
    const edited = join(dir, 'two-ratios');
    await cp(model, edited, { recursive: true, dereference: true });
    const path = join(edited, 'training.json');
    const config = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    await writeFile(path, JSON.stringify({ ...config, splitRatios: [0.8, 0.2] }));
    expectCliError(
      await runCli(['evaluate', edited]),
      1,
      `${path} records settings that cannot be used: recreateSplit: ratios [train, dev] apply only to a dataset with its own test set`,
    );
  });

  it('without training.json asks for --dataset, exit 2', async () => {
    const bare = join(dir, 'bare');
    await cp(model, bare, { recursive: true, dereference: true });
    await rm(join(bare, 'training.json'));
    expectCliError(await runCli(['evaluate', bare]), 2, 'pass --dataset');
  });

  it('deeptune evaluate --help lists every option with its default', async () => {
    const run = await runCli(['evaluate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: deeptune evaluate <model-dir> \[flags\]$/m);
    for (const [flag, shown] of [
      ['dataset', 'the data in training.json'],
      ['examples', '1000 synthetic'],
      ['seed', 'the seed in training.json'],
      ['label-column', 'as in training.json'],
      ['label-type', 'as in training.json'],
      ['set', 'all'],
      ['json', 'false'],
    ] as const) {
      const entry = run.stdout
        .split(/\n(?= {2}--)/)
        .find((block) => block.startsWith(`  --${flag} `));
      expect(entry?.replace(/\s+/g, ' ')).toContain(`[default: ${shown}`);
    }
    expect(run.stdout).toContain('Examples:\n  deeptune evaluate models/mnist');
  });
});
