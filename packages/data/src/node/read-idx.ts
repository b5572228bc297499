import { parseIdx } from '../idx/parse-idx.js';
import type { IdxArray } from '../idx/idx-array.js';
import { readRegularFile } from './read-regular-file.js';

/**
 * The default size limit of IDX files: 1 GiB, room for MNIST-like data (the MNIST training
 * images are 45 MiB) and far below what would exhaust memory.
 * @internal
 */
export const DEFAULT_IDX_MAX_BYTES = 2 ** 30;

/**
 * Options of {@link readIdx}.
 *
 * @category IDX
 */
export interface ReadIdxOptions {
  /**
   * The largest file accepted, in bytes; a larger file is refused before it is read.
   * @defaultValue 1073741824 (1 GiB)
   */
  readonly maxBytes?: number;
}

/**
 * Reads and validates an IDX file (the format of MNIST), in Node.
 *
 * The same checks as `parseIdx`: magic number, type byte, dimensions and the exact file
 * length, with a {@link @deeptune/core!DataFormatError} that says what is wrong. The path
 * must name a regular file of at most `maxBytes` bytes: a FIFO, a device or a directory is
 * refused at once, naming the path (see {@link readRegularFile}).
 *
 * @param path - the file path (uncompressed; gunzip `*.gz` downloads first).
 * @param options - see {@link ReadIdxOptions}.
 * @returns the decoded file; convert it with `idxToTensor`.
 * @throws {@link @deeptune/core!DataFormatError} when the file is not a valid IDX file, or
 *   not a regular file within the size limit.
 * @throws {@link @deeptune/core!ConfigError} when the file does not exist or `maxBytes` is
 *   invalid.
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
export async function readIdx(path: string, options: ReadIdxOptions = {}): Promise<IdxArray> {
  const bytes = await readRegularFile('readIdx', path, {
    maxBytes: options.maxBytes ?? DEFAULT_IDX_MAX_BYTES,
    what: 'the IDX file',
  });
  return parseIdx(bytes, path);
}
