import { DataFormatError } from '@deeptune/core';
import type { CsvData } from '../csv/csv-data.js';
import type { CsvOptions } from '../csv/csv-options.js';
import { parseCsv } from '../csv/parse-csv.js';
import { formatBytes } from '../internal/format-bytes.js';
import { readRegularFile } from './read-regular-file.js';

/**
 * The default size limit of `readCsv`: 256 MiB, within the longest string JavaScript
 * engines hold (V8: 2^29 − 24 characters, about 512 MiB) with room for the parsed rows.
 */
const DEFAULT_CSV_MAX_BYTES = 256 * 2 ** 20;

/**
 * Options of {@link readCsv}: those of `parseCsv` and a size limit.
 *
 * @category CSV
 */
export interface ReadCsvOptions extends CsvOptions {
  /**
   * The largest file accepted, in bytes; a larger file is refused before it is read.
   * @defaultValue 268435456 (256 MiB)
   */
  readonly maxBytes?: number;
}

/**
 * Reads a CSV file (UTF-8) into a dataset, in Node.
 *
 * The same parsing and validation as `parseCsv`, with the path as the name in error
 * messages (`data.csv row 17, column 'x3': expected a number, got 'abc'`). The path must
 * name a regular file of at most `maxBytes` bytes: a FIFO, a device such as `/dev/zero` or a
 * directory is refused at once, naming the path (see {@link readRegularFile}).
 *
 * @param path - the file path.
 * @param options - see {@link ReadCsvOptions}; `labelColumn` is required, `name` defaults
 *   to `path`.
 * @returns the dataset and its column names.
 * @throws {@link @deeptune/core!DataFormatError} for malformed CSV, a missing column, a bad
 *   value, or a path that is not a regular file within the size limit.
 * @throws {@link @deeptune/core!ConfigError} when the file does not exist or an option is
 *   invalid.
 * @category CSV
 *
 * @example
 * ```ts
 * import { readCsv } from '@deeptune/data/node';
 *
 * const { dataset, classNames } = await readCsv('iris.csv', {
 *   labelColumn: 'species',
 *   targets: 'class-name',
 * });
 * ```
 */
export async function readCsv(path: string, options: ReadCsvOptions): Promise<CsvData> {
  const { maxBytes, ...csvOptions } = options ?? ({} as ReadCsvOptions);
  const bytes = await readRegularFile('readCsv', path, {
    maxBytes: maxBytes ?? DEFAULT_CSV_MAX_BYTES,
    what: 'the CSV file',
  });
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(bytes);
  } catch (error) {
    throw new DataFormatError(
      `readCsv: the CSV file '${path}' (${formatBytes(bytes.length)}) cannot be decoded into one string: ${(error as Error).message}. ` +
        'Hint: split the file into smaller ones.',
      { cause: error },
    );
  }
  return parseCsv(text, { ...csvOptions, name: csvOptions.name ?? path });
}
