import { mkdtemp } from 'node:fs/promises';
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
