import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

/** A fresh temporary directory holding a small trained model. */
export interface SmallModel {
  /** The temporary directory (remove it after the tests). */
  readonly dir: string;
  /** `<dir>/model`, saved by `deeptune train --save`. */
  readonly model: string;
}

/**
 * Trains a 2-8-2 network on moons for 5 epochs and saves it to `<dir>/model` in a new
 * temporary directory, for the tests of commands that load models.
 *
 * @param prefix - the temporary directory's name prefix.
 * @throws when training fails, with its standard error.
 */
export async function trainSmallModel(prefix: string): Promise<SmallModel> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const args = [
    '--dataset',
    'moons',
    '--layers',
    '8',
    '--epochs',
    '5',
    '--save',
    'model',
    '--json',
  ];
  const run = await runCli(['train', ...args], { cwd: dir });
  if (run.code !== 0) throw new Error(`deeptune train failed (exit ${run.code}): ${run.stderr}`);
  return { dir, model: join(dir, 'model') };
}

/** The class names of {@link trainNamedClassModel}'s data, in index order. */
export const SPECIES = ['setosa', 'versicolor', 'virginica'] as const;

/**
 * Writes `<dir>/iris.csv` (30 rows, two features, a `species` column with the three
 * {@link SPECIES}, class k near (2k, 3k)) and trains `<dir>/iris-model` on it with
 * `--label-type class-name`.
 *
 * @param dir - the directory to write into.
 * @returns the CSV lines without the header.
 * @throws when training fails, with its standard error.
 */
export async function trainNamedClassModel(dir: string): Promise<string[]> {
  const rows = Array.from({ length: 30 }, (_, i) => {
    const k = i % 3;
    return `${k * 2 + (i % 5) * 0.1},${k * 3 - (i % 4) * 0.1},${SPECIES[k]}`;
  });
  await writeFile(join(dir, 'iris.csv'), `a,b,species\n${rows.join('\n')}\n`);
  const args = ['--dataset', 'csv:iris.csv', '--label-column', 'species'];
  args.push('--label-type', 'class-name', '--layers', '8', '--lr', '0.05', '--epochs', '60');
  args.push('--split', '0.6,0.2,0.2', '--save', 'iris-model');
  const run = await runCli(['train', ...args], { cwd: dir });
  if (run.code !== 0) throw new Error(`deeptune train failed (exit ${run.code}): ${run.stderr}`);
  return rows;
}
