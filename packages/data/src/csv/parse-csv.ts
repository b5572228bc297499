import { ConfigError, DataFormatError, tensor } from '@deeptune/core';
import { parse } from 'csv-parse/browser/esm/sync';
import { dataset } from '../dataset/dataset.js';
import { describe } from '../internal/describe.js';
import type { CsvData } from './csv-data.js';
import type { CsvOptions } from './csv-options.js';

/** A decimal number as written in a CSV cell (no hex, no `Infinity`, no empty cell). */
const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A parsed CSV record and the line on which it ends (1-based, header included). */
interface CsvRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/** Finds the position of a column given by name or position. */
function columnIndex(
  where: string,
  what: string,
  column: string | number,
  names: readonly string[],
  header: boolean,
): number {
  if (typeof column === 'number') {
    if (!Number.isInteger(column) || column < 0 || column >= names.length) {
      throw new ConfigError(
        `${where}: ${what} ${column} is not a column position; expected an integer in [0, ${names.length}).`,
      );
    }
    return column;
  }
  if (!header) {
    throw new ConfigError(
      `${where}: ${what} '${column}' is a name, but header is false; use a 0-based column position.`,
    );
  }
  const index = names.indexOf(column);
  if (index === -1) {
    throw new DataFormatError(
      `${where}: no column named '${column}' (${what}); the columns are ${names.map((name) => `'${name}'`).join(', ')}.`,
    );
  }
  return index;
}

/**
 * Parses CSV text into a dataset, validating every value.
 *
 * Uses the `csv-parse` parser (quoted fields, escaped quotes, CRLF line ends; its browser
 * build, so this works everywhere). Every feature cell must be a decimal number: an empty
 * cell or text throws a {@link @deeptune/core!DataFormatError} naming the row and the
 * column, e.g. `data.csv row 17, column 'x3': expected a number, got 'abc'`. Rows are
 * numbered as in a spreadsheet: line numbers from 1, the header line included. Every row
 * must have as many fields as the first.
 *
 * @param text - the CSV text.
 * @param options - see {@link CsvOptions}; `labelColumn` is required.
 * @returns the dataset and its column names.
 * @throws {@link @deeptune/core!DataFormatError} for malformed CSV, a missing column (the
 *   message lists the columns), a non-numeric value, or a label that is not a class index.
 * @throws {@link @deeptune/core!ConfigError} for invalid options.
 * @category CSV
 *
 * @example
 * ```ts
 * const { dataset, featureNames } = parseCsv('x1,x2,y\n0.5,1.5,1\n2.0,-1,0\n', {
 *   labelColumn: 'y',
 * });
 * dataset.inputs.shape; // [2, 2]
 * featureNames; // ['x1', 'x2']
 * ```
 */
export function parseCsv(text: string, options: CsvOptions): CsvData {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError(
      `parseCsv: options must be an object such as { labelColumn: 'y' }, got ${describe(options)}.`,
    );
  }
  const where = options.name ?? 'csv';
  if (typeof text !== 'string') {
    throw new ConfigError(`${where}: text must be a string, got ${describe(text)}.`);
  }
  const header = options.header ?? true;
  const delimiter = options.delimiter ?? ',';
  const targetKind = options.targets ?? 'class-index';
  const dtype = options.dtype ?? 'float32';
  if (typeof delimiter !== 'string' || delimiter.length !== 1) {
    throw new ConfigError(`${where}: delimiter must be one character, got ${describe(delimiter)}.`);
  }
  const givenNames = options.classNames;
  if (
    givenNames !== undefined &&
    (targetKind !== 'class-name' ||
      !Array.isArray(givenNames) ||
      givenNames.length === 0 ||
      !givenNames.every((name) => typeof name === 'string') ||
      new Set(givenNames).size !== givenNames.length)
  ) {
    throw new ConfigError(
      `${where}: classNames must be a non-empty list of distinct strings and needs targets: 'class-name', got ${describe(givenNames)} with targets ${describe(targetKind)}.`,
    );
  }
  if (targetKind !== 'class-index' && targetKind !== 'class-name' && targetKind !== 'real') {
    throw new ConfigError(
      `${where}: targets must be 'class-index', 'class-name' or 'real', got ${describe(targetKind)}.`,
    );
  }
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new ConfigError(
      `${where}: dtype must be 'float32' or 'float64', got ${describe(dtype)}.`,
    );
  }

  let rows: CsvRecord[];
  try {
    rows = parse(text, {
      delimiter,
      info: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataFormatError(`${where}: malformed CSV: ${reason}`, { cause: error });
  }
  if (rows.length === 0 || (header && rows.length === 1)) {
    throw new DataFormatError(
      `${where}: no data rows; expected ${header ? 'a header and ' : ''}at least one row.`,
    );
  }
  const first = rows[0]!.record;
  const names = header ? first : first.map((_, i) => String(i));
  const body = header ? rows.slice(1) : rows;
  const label = columnIndex(where, 'labelColumn', options.labelColumn, names, header);
  const features =
    options.featureColumns === undefined
      ? names.map((_, i) => i).filter((i) => i !== label)
      : options.featureColumns.map((column) =>
          columnIndex(where, 'feature column', column, names, header),
        );
  if (features.includes(label)) {
    throw new ConfigError(
      `${where}: the label column '${names[label]}' is also listed as a feature column.`,
    );
  }
  if (features.length === 0) {
    throw new DataFormatError(
      `${where}: no feature columns besides the label column '${names[label]}'.`,
    );
  }

  const m = body.length;
  const n = features.length;
  const inputs = new Float64Array(m * n);
  const cellNumber = (row: CsvRecord, column: number): number => {
    const cell = row.record[column]!;
    if (!NUMBER_PATTERN.test(cell)) {
      const got = cell === '' ? 'an empty cell' : `'${cell}'`;
      throw new DataFormatError(
        `${where} row ${row.info.lines}, column '${names[column]}': expected a number, got ${got}.`,
      );
    }
    return Number(cell);
  };
  body.forEach((row, i) => {
    features.forEach((column, j) => {
      inputs[i * n + j] = cellNumber(row, column);
    });
  });

  let classNames: string[] | undefined;
  const targets = new Float64Array(m);
  if (targetKind === 'class-name') {
    classNames =
      givenNames === undefined
        ? [...new Set(body.map((row) => row.record[label]!))].sort()
        : [...givenNames];
    const lookup = new Map(classNames.map((name, index) => [name, index]));
    body.forEach((row, i) => {
      const index = lookup.get(row.record[label]!);
      if (index === undefined) {
        throw new DataFormatError(
          `${where} row ${row.info.lines}, column '${names[label]}': unknown class '${row.record[label]}'; expected one of ${classNames!.map((name) => `'${name}'`).join(', ')}.`,
        );
      }
      targets[i] = index;
    });
  } else {
    body.forEach((row, i) => {
      const value = cellNumber(row, label);
      if (targetKind === 'class-index' && (!Number.isInteger(value) || value < 0)) {
        throw new DataFormatError(
          `${where} row ${row.info.lines}, column '${names[label]}': expected a class index (an integer >= 0), got '${row.record[label]}'. ` +
            "Hint: use targets: 'class-name' for text labels or 'real' for regression.",
        );
      }
      targets[i] = value;
    });
  }
  const targetShape = targetKind === 'real' ? [m, 1] : [m];
  const data = dataset(
    tensor(dtype === 'float64' ? inputs : Float32Array.from(inputs), { shape: [m, n] }),
    tensor(dtype === 'float64' ? targets : Float32Array.from(targets), { shape: targetShape }),
  );
  return Object.freeze({
    dataset: data,
    featureNames: Object.freeze(features.map((column) => names[column]!)),
    labelName: names[label]!,
    ...(classNames === undefined ? {} : { classNames: Object.freeze(classNames) }),
  });
}
