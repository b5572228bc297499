import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCliError } from './support/expect-cli-error.js';
import { runCli } from './support/run-cli.js';
import { SPECIES, trainNamedClassModel, trainSmallModel } from './support/train-small-model.js';

interface Prediction {
  readonly class: number;
  readonly probabilities: readonly number[];
}

/** Feature rows around both moons (x1 in [-1, 2], x2 in [-0.5, 1]). */
const ROWS = Array.from({ length: 12 }, (_, i) => [-1 + (i % 4), -0.5 + 0.5 * Math.floor(i / 4)]);

let dir: string;
let model: string;
beforeAll(async () => {
  ({ dir, model } = await trainSmallModel('deeptune-cli-predict-'));
  const lines = ROWS.map((row) => row.join(','));
  await writeFile(join(dir, 'rows.csv'), `x1,x2\n${lines.join('\n')}\n`);
  await writeFile(join(dir, 'bare.csv'), `${lines.join('\r\n')}\r\n\r\n`);
  await writeFile(join(dir, 'rows.json'), JSON.stringify(ROWS));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function predictJson(input: string, ...flags: string[]): Promise<Prediction[]> {
  const run = await runCli(['predict', 'model', input, '--json', ...flags], { cwd: dir });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Prediction[];
}

describe('deeptune predict', () => {
  it('prints class names for a model trained on a CSV file with named classes', async () => {
    await trainNamedClassModel(dir);
    const species = [...SPECIES];
    await writeFile(join(dir, 'iris-x.csv'), 'a,b\n0,0\n2,3\n4,6\n');
    const run = await runCli(['predict', 'iris-model', 'iris-x.csv'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(
      run.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t')[0]),
    ).toEqual(species);
    const json = await runCli(['predict', 'iris-model', 'iris-x.csv', '--json'], { cwd: dir });
    const predictions = JSON.parse(json.stdout) as (Prediction & { label: string })[];
    expect(predictions.map((p) => [p.class, p.label])).toEqual([
      [0, 'setosa'],
      [1, 'versicolor'],
      [2, 'virginica'],
    ]);
  });

  it("skips the model's recorded label column in a CSV file that still holds it", async () => {
    // trainNamedClassModel ran in the test before: iris-model, label column 'species'.
    await writeFile(join(dir, 'iris-labelled.csv'), 'a,species,b\n0,virginica,0\n2,setosa,3\n');
    const run = await runCli(['predict', 'iris-model', 'iris-labelled.csv'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      "deeptune: note: iris-labelled.csv: skipping column 'species', the label column the model was trained with\n",
    );
    expect(run.stdout.split('\n').map((line) => line.split('\t')[0])).toEqual([
      'setosa',
      'versicolor',
      '',
    ]);
    // Cells are still named by their place in the file.
    await writeFile(join(dir, 'iris-bad.csv'), 'a,species,b\n0,setosa,x\n');
    const bad = await runCli(['predict', 'iris-model', 'iris-bad.csv'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr.split('\n')[1]).toBe(
      "deeptune: error: iris-bad.csv line 2, column 3 ('b'): expected a finite number, got 'x'.",
    );
    // A model not trained on CSV has no label column to skip.
    await writeFile(join(dir, 'moons-labelled.csv'), 'x1,x2,label\n1,2,0\n');
    expectCliError(
      await runCli(['predict', 'model', 'moons-labelled.csv'], { cwd: dir }),
      2,
      `moons-labelled.csv line 1 has 3 columns, but the model in ${model} takes 2 features per row`,
    );
  });

  it('prints one line per CSV row: the class and its probability', async () => {
    const run = await runCli(['predict', 'model', 'rows.csv'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(ROWS.length);
    for (const line of lines) expect(line).toMatch(/^[01]\t(0\.\d{4}|1\.0000)$/);
    const predictions = await predictJson('rows.csv');
    expect(lines.map((line) => Number(line.split('\t')[0]))).toEqual(
      predictions.map((prediction) => prediction.class),
    );
  });

  it('with --json gives probabilities that sum to 1 and a class that is their arg-max', async () => {
    const predictions = await predictJson('rows.csv');
    expect(predictions).toHaveLength(ROWS.length);
    for (const { class: predicted, probabilities } of predictions) {
      expect(probabilities).toHaveLength(2);
      const sum = probabilities.reduce((total, p) => total + p, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-6);
      expect(predicted).toBe(probabilities.indexOf(Math.max(...probabilities)));
    }
    // The moons cross: a trained model does not put every point in one class.
    expect(new Set(predictions.map((prediction) => prediction.class)).size).toBe(2);
  });

  it('reads CSV without a header, and JSON rows, to the same predictions', async () => {
    const withHeader = await predictJson('rows.csv');
    expect(await predictJson('bare.csv')).toEqual(withHeader);
    expect(await predictJson('bare.csv', '--no-header')).toEqual(withHeader);
    expect(await predictJson('rows.json')).toEqual(withHeader);
    // --header takes the first data row as column names.
    expect(await predictJson('bare.csv', '--header')).toEqual(withHeader.slice(1));
  });

  it('agrees with evaluate on the same labelled rows', async () => {
    const labels = ROWS.map(([x1, x2]) => (x2! < 0.5 - 0.3 * x1! ? 1 : 0));
    await writeFile(
      join(dir, 'labelled.csv'),
      `x1,x2,label\n${ROWS.map((row, i) => `${row.join(',')},${labels[i]}`).join('\n')}\n`,
    );
    const predictions = await predictJson('rows.csv');
    const correct = predictions.filter((prediction, i) => prediction.class === labels[i]).length;
    const run = await runCli(['evaluate', 'model', '--dataset', 'csv:labelled.csv', '--json'], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { results: { all: { accuracy: number } } };
    expect(result.results.all.accuracy).toBe(correct / ROWS.length);
  });

  it('rejects rows whose column count differs from the model input, exit 2', async () => {
    await writeFile(join(dir, 'wide.csv'), 'a,b,c\n1,2,3\n');
    expectCliError(
      await runCli(['predict', 'model', 'wide.csv'], { cwd: dir }),
      2,
      `wide.csv line 1 has 3 columns, but the model in ${model} takes 2 features per row`,
    );
  });

  it('names the line of a ragged row and the cell of a non-number, exit 1', async () => {
    await writeFile(join(dir, 'ragged.csv'), 'x1,x2\n1,2\n3,4,5\n');
    expectCliError(
      await runCli(['predict', 'model', 'ragged.csv'], { cwd: dir }),
      1,
      'ragged.csv line 3 has 3 columns; expected 2, as in ragged.csv line 1',
    );
    await writeFile(join(dir, 'text.csv'), 'x1,x2\n1,2\n3,abc\n');
    expectCliError(
      await runCli(['predict', 'model', 'text.csv'], { cwd: dir }),
      1,
      "text.csv line 3, column 2 ('x2'): expected a finite number, got 'abc'",
    );
    await writeFile(join(dir, 'text.json'), '[[1, 2], [3, "4"]]');
    expectCliError(
      await runCli(['predict', 'model', 'text.json'], { cwd: dir }),
      1,
      "text.json[1][1]: expected a finite number, got '4'",
    );
  });

  it('asks for --header or --no-header when the first line mixes numbers and text, exit 1', async () => {
    await writeFile(join(dir, 'mixed.csv'), 'x1,2\n1,2\n');
    expectCliError(
      await runCli(['predict', 'model', 'mixed.csv'], { cwd: dir }),
      1,
      'mixed.csv line 1 mixes numbers and text',
    );
  });

  it('a missing input file is a usage error, exit 2', async () => {
    expectCliError(
      await runCli(['predict', 'model', 'nowhere.csv'], { cwd: dir }),
      2,
      "cannot read the input file '" + join(dir, 'nowhere.csv') + "': no such file",
    );
  });

  it('deeptune predict --help documents the input formats and the header rule', async () => {
    const run = await runCli(['predict', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: deeptune predict <model-dir> <input> \[flags\]$/m);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(
      '--header CSV: the first line names the columns; --no-header: it is a data row [default: detected: the first line is a header when none of its cells is a number]',
    );
    expect(run.stdout).toContain('Examples:\n  deeptune predict models/moons points.csv');
  });
});
