import { readFile } from 'node:fs/promises';
import type { CsvData } from '../csv/csv-data.js';
import type { CsvOptions } from '../csv/csv-options.js';
import { parseCsv } from '../csv/parse-csv.js';
import { readBytes } from './read-bytes.js';

/**
 * Reads a CSV file (UTF-8) into a dataset, in Node.
 *
 * The same parsing and validation as `parseCsv`, with the path as the name in error
 * messages (`data.csv row 17, column 'x3': expected a number, got 'abc'`).
 *
 * @param path - the file path.
 * @param options - see `CsvOptions`; `labelColumn` is required, `name` defaults to `path`.
 * @returns the dataset and its column names.
 * @throws {@link @deeptune/core!DataFormatError} for malformed CSV, a missing column or a bad value.
 * @throws {@link @deeptune/core!ConfigError} when the file cannot be read or an option is invalid.
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
export async function readCsv(path: string, options: CsvOptions): Promise<CsvData> {
  const bytes = await readBytes('readCsv', path, readFile);
  return parseCsv(new TextDecoder('utf-8').decode(bytes), {
    ...options,
    name: options.name ?? path,
  });
}
