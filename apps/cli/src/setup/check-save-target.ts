import { resolve } from 'node:path';
import { DeeptuneError } from 'deeptune';
import { checkSaveTarget as checkModelTarget } from 'deeptune/node';
import { UsageError } from '../cli-error.js';

/**
 * Checks `--save` before any work is done: the target must be a new path in a writable
 * directory, an empty directory, or a deeptune model (which the save replaces atomically).
 * Anything else — a file, a directory of other things, `.` — is refused, never overwritten.
 *
 * @param cwd - the working directory.
 * @param dir - the `--save` value.
 * @returns the absolute path to save to.
 * @throws {@link UsageError} (exit code 2) naming `--save` and why the target is refused.
 */
export async function checkSaveTarget(cwd: string, dir: string): Promise<string> {
  try {
    return await checkModelTarget(resolve(cwd, dir));
  } catch (error) {
    if (!DeeptuneError.isInstance(error)) throw error;
    throw new UsageError(`--save ${dir}: ${error.message.replace(/^saveModel: /, '')}`);
  }
}
