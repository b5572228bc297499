import { readFile } from 'node:fs/promises';
import { parseIdx } from '../idx/parse-idx.js';
import type { IdxArray } from '../idx/idx-array.js';
import { readBytes } from './read-bytes.js';

/**
 * Reads and validates an IDX file (the format of MNIST), in Node.
 *
 * The same checks as `parseIdx`: magic number, type byte, dimensions and the exact file
 * length, with a {@link @deeptune/core!DataFormatError} that says what is wrong.
 *
 * @param path - the file path (uncompressed; gunzip `*.gz` downloads first).
 * @returns the decoded file; convert it with `idxToTensor`.
 * @throws {@link @deeptune/core!DataFormatError} when the file is not a valid IDX file.
 * @throws {@link @deeptune/core!ConfigError} when the file cannot be read (missing, no permission).
 * @category IDX
 *
 * @example
 * ```ts
 * import { idxToTensor } from '@deeptune/data';
 * import { readIdx } from '@deeptune/data/node';
 *
 * const labels = idxToTensor(await readIdx('data/train-labels-idx1-ubyte')); // [60000]
 * ```
 */
export async function readIdx(path: string): Promise<IdxArray> {
  const bytes = await readBytes('readIdx', path, readFile);
  return parseIdx(bytes, path);
}
