import { ConfigError, DataFormatError, tensor, describeValue } from '@deeptune/core';
import { dataset } from '../dataset/dataset.js';
import { parse } from '../internal/csv-parse-sync.js';
import { checkClassIndexLabels, checkClassNames } from './check-labels.js';
import type { CsvData } from './csv-data.js';
import type { CsvOptions } from './csv-options.js';

/** A decimal number as written in a CSV cell (no hex, no `Infinity`, no empty cell). */
const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** A non-finite value as spreadsheets and NumPy write it: `NaN`, `inf`, `-Infinity`, … */
const NON_FINITE_PATTERN = /^[+-]?(?:nan|inf|infinity)$/i;
/** A cell that is text rather than a number, a non-finite value or a missing value. */
const isText = (cell: string): boolean =>
  cell !== '' && !NUMBER_PATTERN.test(cell) && !NON_FINITE_PATTERN.test(cell);
/** The largest class index accepted: 2^31 - 1 (class indices are int32 downstream). */
const MAX_CLASS_INDEX = 2 ** 31 - 1;

/** Refuses a header that names a column twice, naming the column and both positions. */
function checkDistinctNames(where: string, names: readonly string[]): void {
  const seen = new Map<string, number>();
  names.forEach((name, position) => {
    const first = seen.get(name);
    if (first !== undefined) {
      throw new DataFormatError(
        `${where}: the header names column '${name}' twice, at positions ${first} and ${position} (0-based); expected distinct column names. ` +
          'Hint: rename one of them.',
      );
    }
    seen.set(name, position);
  });
}

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
 * build, so this works everywhere). Every feature cell must be a finite decimal number: an
 * empty cell, text, `NaN`/`Infinity`, or a number beyond the range of the dtype (`1e400`;
 * `1e300` for `float32`) throws a {@link @deeptune/core!DataFormatError} naming the row
 * and the column, e.g. `data.csv row 17, column 'x3': expected a number, got 'abc'`. Rows
 * are numbered as in a spreadsheet: line numbers from 1, the header line included. Every
 * row must have as many fields as the first, and header names must be distinct.
 *
 * Class labels must define a sensible classifier: a file whose labels are all the same
 * class is refused, and so are numeric class indices of which fewer than half of `0 … max`
 * occur (`0, 1, 1000000` would make a million-class network); when some indices are missing
 * but at least half occur, a warning naming them goes to core's logger (`warnOnce`). Given
 * `classes` or `classNames` (e.g. a trained model's), the file may hold any subset.
 *
 * @param text - the CSV text.
 * @param options - see {@link CsvOptions}; `labelColumn` is required.
 * @returns the dataset and its column names.
 * @throws {@link @deeptune/core!DataFormatError} for malformed CSV, a duplicate or missing
 *   column (the message lists the columns), a non-numeric or non-finite value, a label that
 *   is not a class index, or degenerate labels (one class; sparse class indices).
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
      `parseCsv: options must be an object such as { labelColumn: 'y' }, got ${describeValue(options)}.`,
    );
  }
  const where = options.name ?? 'csv';
  if (typeof text !== 'string') {
    throw new ConfigError(`${where}: text must be a string, got ${describeValue(text)}.`);
  }
  const header = options.header ?? true;
  const delimiter = options.delimiter ?? ',';
  const targetKind = options.targets ?? 'class-index';
  const dtype = options.dtype ?? 'float32';
  if (typeof delimiter !== 'string' || delimiter.length !== 1) {
    throw new ConfigError(
      `${where}: delimiter must be one character, got ${describeValue(delimiter)}.`,
    );
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
      `${where}: classNames must be a non-empty list of distinct strings and needs targets: 'class-name', got ${describeValue(givenNames)} with targets ${describeValue(targetKind)}.`,
    );
  }
  if (targetKind !== 'class-index' && targetKind !== 'class-name' && targetKind !== 'real') {
    throw new ConfigError(
      `${where}: targets must be 'class-index', 'class-name' or 'real', got ${describeValue(targetKind)}.`,
    );
  }
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new ConfigError(
      `${where}: dtype must be 'float32' or 'float64', got ${describeValue(dtype)}.`,
    );
  }
  const classes = options.classes;
  if (
    classes !== undefined &&
    (targetKind !== 'class-index' ||
      typeof classes !== 'number' ||
      !Number.isInteger(classes) ||
      classes < 1 ||
      classes > MAX_CLASS_INDEX + 1)
  ) {
    throw new ConfigError(
      `${where}: classes must be an integer in [1, ${MAX_CLASS_INDEX + 1}] and needs targets: 'class-index', got ${describeValue(classes)} with targets ${describeValue(targetKind)}.`,
    );
  }
  const float32 = dtype === 'float32';

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
  if (header) checkDistinctNames(where, names);
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
  const cellAt = (row: CsvRecord, column: number): string =>
    `${where} row ${row.info.lines}, column '${names[column]}'`;
  const cellNumber = (row: CsvRecord, column: number): number => {
    const cell = row.record[column]!;
    if (!NUMBER_PATTERN.test(cell)) {
      if (NON_FINITE_PATTERN.test(cell)) {
        throw new DataFormatError(
          `${cellAt(row, column)}: expected a finite number, got '${cell}'. ` +
            'Hint: fill in or drop missing and infinite values before loading.',
        );
      }
      const got = cell === '' ? 'an empty cell' : `'${cell}'`;
      throw new DataFormatError(`${cellAt(row, column)}: expected a number, got ${got}.`);
    }
    const value = Number(cell);
    if (!Number.isFinite(value)) {
      throw new DataFormatError(
        `${cellAt(row, column)}: '${cell}' is beyond the range of float64 (it reads as ${value}); expected a finite number. ` +
          'Hint: rescale the column (e.g. take its logarithm) before loading.',
      );
    }
    if (float32 && !Number.isFinite(Math.fround(value))) {
      throw new DataFormatError(
        `${cellAt(row, column)}: '${cell}' is beyond the range of float32 (largest finite magnitude 3.4028234663852886e38; it would become ${Math.fround(value)}); expected a finite float32 number. ` +
          "Hint: use dtype 'float64', or rescale the column before loading.",
      );
    }
    return value;
  };
  body.forEach((row, i) => {
    features.forEach((column, j) => {
      inputs[i * n + j] = cellNumber(row, column);
    });
  });

  let classNames: string[] | undefined;
  const targets = new Float64Array(m);
  if (targetKind === 'class-name') {
    if (givenNames === undefined) {
      classNames = [...new Set(body.map((row) => row.record[label]!))].sort();
      checkClassNames(where, names[label]!, classNames, m);
    } else {
      classNames = [...givenNames];
    }
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
    const maxIndex = classes === undefined ? MAX_CLASS_INDEX : classes - 1;
    body.forEach((row, i) => {
      const cell = row.record[label]!;
      if (targetKind === 'class-index' && isText(cell)) {
        throw new DataFormatError(
          `${cellAt(row, label)}: expected a class index (an integer in [0, ${maxIndex}]), got the text '${cell}'. ` +
            "Hint: for labels that are names, use targets: 'class-name' (--label-type class-name on the command line).",
        );
      }
      const value = cellNumber(row, label);
      if (targetKind === 'class-index') {
        if (!Number.isInteger(value) || value < 0 || value > maxIndex) {
          throw new DataFormatError(
            `${cellAt(row, label)}: expected a class index (an integer in [0, ${maxIndex}]), got '${row.record[label]}'. ` +
              "Hint: use targets: 'class-name' for text labels or 'real' for regression.",
          );
        }
        if (float32 && Math.fround(value) !== value) {
          throw new DataFormatError(
            `${cellAt(row, label)}: the class index ${value} is not exactly representable in float32 (it would become ${Math.fround(value)}). ` +
              "Hint: use targets: 'class-name', or dtype 'float64'.",
          );
        }
      }
      targets[i] = value;
    });
    if (targetKind === 'class-index' && classes === undefined) {
      checkClassIndexLabels(where, names[label]!, targets);
    }
  }
  const targetShape = targetKind === 'real' ? [m, 1] : [m];
  const data = dataset(
    tensor(float32 ? Float32Array.from(inputs) : inputs, { shape: [m, n] }),
    tensor(float32 ? Float32Array.from(targets) : targets, { shape: targetShape }),
  );
  return Object.freeze({
    dataset: data,
    featureNames: Object.freeze(features.map((column) => names[column]!)),
    labelName: names[label]!,
    ...(classNames === undefined ? {} : { classNames: Object.freeze(classNames) }),
  });
}
