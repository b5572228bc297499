import { extname, resolve } from 'node:path';
import { DataFormatError, predict, softmax, tensor } from 'deeptune';
import { readRegularFile } from 'deeptune/node';
import type { Flag } from '../args/flag.js';
import { show } from '../args/parse-value.js';
import { UsageError } from '../cli-error.js';
import type { Command, CommandContext } from '../command.js';
import { loadSavedModel, type SavedModel } from '../setup/load-saved-model.js';

/** A decimal number as written in a CSV cell (no hex, no `Infinity`, no empty cell). */
const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** The flags of `deeptune predict`, in help order. */
const PREDICT_FLAGS: readonly Flag[] = [
  {
    name: 'header',
    type: 'boolean',
    group: 'Input',
    defaultText: 'detected: the first line is a header when none of its cells is a number',
    description: 'CSV: the first line names the columns; --no-header: it is a data row',
  },
];

/** One input row: where it is in the file (for messages) and its cells as read. */
interface InputRow {
  /** E.g. `"rows.csv line 3"` or `"rows.json[2]"`. */
  readonly where: string;
  /** The cells: numbers, or what stands where a number should (text in CSV, any JSON value). */
  readonly cells: readonly unknown[];
  /** Where cell j is, for messages. */
  readonly cell: (j: number) => string;
  /** Whether this is a CSV header: it sets the column count but holds no numbers. */
  readonly header: boolean;
}

/** Splits one CSV line into trimmed cells; `"…"` quotes a cell (`""` is a quote inside it). */
function splitCsvLine(line: string, where: string, maxCells: number): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char !== '"') cell += char;
      else if (line[i + 1] === '"') cell += line[++i];
      else quoted = false;
    } else if (char === ',') {
      cells.push(cell.trim());
      cell = '';
      if (cells.length >= maxCells) {
        throw new DataFormatError(
          `${where} has more than ${maxCells} columns; expected ${maxCells - 1}, one per input feature of the model.`,
        );
      }
    } else if (char === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else cell += char;
  }
  if (quoted) {
    throw new DataFormatError(`${where}: a quoted cell is not closed; expected a closing '"'.`);
  }
  cells.push(cell.trim());
  return cells;
}

function csvRows(
  text: string,
  name: string,
  header: boolean | undefined,
  features: number,
): InputRow[] {
  const lines = text.split(/\r?\n/);
  // Room for the features plus one (a row with one too many is reported with its count),
  // each a long decimal or a column name, plus slack: a longer line cannot be a row.
  const maxLineLength = 64 * (features + 1) + 1024;
  const records = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `${name} line ${index + 1}`;
    if (line.length > maxLineLength) {
      throw new DataFormatError(
        `${where} has ${line.length} characters; a row of ${features} numbers needs at most ${maxLineLength}.`,
      );
    }
    if (records.length === MAX_ROWS) {
      throw new DataFormatError(
        `${name} has more than ${MAX_ROWS} rows; split it into smaller files.`,
      );
    }
    records.push({ number: index + 1, cells: splitCsvLine(line, where, features + 1) });
  }
  const first = records[0];
  let names: readonly string[] | undefined;
  if (first !== undefined) {
    const numeric = first.cells.filter((cell) => NUMBER_PATTERN.test(cell)).length;
    if (header === undefined && numeric > 0 && numeric < first.cells.length) {
      throw new DataFormatError(
        `${name} line ${first.number} mixes numbers and text (${first.cells.join(',')}); pass --header if it names the columns, or --no-header if it is a data row.`,
      );
    }
    if (header ?? numeric === 0) names = first.cells;
  }
  return records.map((record, i) => {
    const where = `${name} line ${record.number}`;
    return {
      where,
      // A number too large for float64 (1e400) stays text, so messages quote it as written.
      cells: record.cells.map((cell) =>
        NUMBER_PATTERN.test(cell) && Number.isFinite(Number(cell)) ? Number(cell) : cell,
      ),
      cell: (j) => `${where}, column ${j + 1}${names?.[j] === undefined ? '' : ` ('${names[j]}')`}`,
      header: i === 0 && names !== undefined,
    };
  });
}

function jsonRows(text: string, name: string): InputRow[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new DataFormatError(`${name} is not valid JSON: ${(error as Error).message}.`, {
      cause: error,
    });
  }
  if (!Array.isArray(document) || !document.every((row) => Array.isArray(row))) {
    throw new DataFormatError(
      `${name} must hold an array of rows, each an array of numbers (e.g. [[0.5, 1.2], [1, -0.3]]), got ${show(document)}.`,
    );
  }
  if (document.length > MAX_ROWS) {
    throw new DataFormatError(
      `${name} has more than ${MAX_ROWS} rows; split it into smaller files.`,
    );
  }
  return (document as unknown[][]).map((cells, i) => ({
    where: `${name}[${i}]`,
    cells,
    cell: (j) => `${name}[${i}][${j}]`,
    header: false,
  }));
}

/** Reads the input rows as numbers in one `[m, n]` buffer, checking counts and values. */
function readValues(rows: readonly InputRow[], name: string, saved: SavedModel): Float64Array {
  const data = rows.filter((row) => !row.header);
  const n = saved.inputs;
  if (data.length === 0) {
    throw new DataFormatError(
      `${name} has no data rows; expected at least one row of ${n} numbers.`,
    );
  }
  const first = rows[0]!;
  if (first.cells.length !== n) {
    throw new UsageError(
      `${first.where} has ${first.cells.length} columns, but the model in ${saved.dir} takes ${n} features per row`,
    );
  }
  const values = new Float64Array(data.length * n);
  data.forEach((row, i) => {
    if (row.cells.length !== n) {
      throw new DataFormatError(
        `${row.where} has ${row.cells.length} columns; expected ${n}, as in ${first.where}.`,
      );
    }
    row.cells.forEach((cell, j) => {
      if (typeof cell !== 'number' || !Number.isFinite(cell)) {
        const got = cell === '' ? 'an empty cell' : show(cell);
        throw new DataFormatError(`${row.cell(j)}: expected a finite number, got ${got}.`);
      }
      values[i * n + j] = cell;
    });
  });
  return values;
}

/** The largest input file `predict` reads. */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;
/** The most rows `predict` reads from one file. */
const MAX_ROWS = 1_000_000;

async function readRows(
  path: string,
  cwd: string,
  header: boolean | undefined,
  features: number,
): Promise<InputRow[]> {
  const bytes = await readRegularFile('predict', resolve(cwd, path), {
    maxBytes: MAX_INPUT_BYTES,
    what: 'the input file',
  });
  const text = new TextDecoder('utf-8').decode(bytes);
  if (extname(path).toLowerCase() !== '.json') return csvRows(text, path, header, features);
  if (header !== undefined) {
    throw new UsageError(`--header applies to CSV input, not to the JSON file ${path}`);
  }
  return jsonRows(text, path);
}

/**
 * The label column the model was trained with, when it was trained on a CSV file: the
 * recorded `--label-column` (by name), else `undefined`.
 */
function recordedLabelColumn(saved: SavedModel): string | undefined {
  const config = saved.trainingConfig;
  const dataset = config?.['dataset'];
  const column = config?.['label-column'];
  if (typeof dataset !== 'string' || !dataset.startsWith('csv:')) return undefined;
  return typeof column === 'string' ? column : undefined;
}

/**
 * Drops the label column from CSV rows that still hold it: when the header has one column
 * more than the model's features and one of its names is the label column the model was
 * trained with, that column is skipped in every row, as training did. Messages keep naming
 * cells by their place in the file.
 *
 * @returns the rows to read, and the name of the dropped column (or `undefined`).
 */
function withoutLabelColumn(
  rows: readonly InputRow[],
  saved: SavedModel,
): { readonly rows: readonly InputRow[]; readonly dropped: string | undefined } {
  const first = rows[0];
  const label = recordedLabelColumn(saved);
  if (first?.header !== true || label === undefined || first.cells.length !== saved.inputs + 1) {
    return { rows, dropped: undefined };
  }
  const index = first.cells.indexOf(label);
  if (index < 0) return { rows, dropped: undefined };
  const kept = rows.map((row) => ({
    ...row,
    cells: row.cells.filter((_, j) => j !== index),
    cell: (j: number) => row.cell(j < index ? j : j + 1),
  }));
  return { rows: kept, dropped: label };
}

/** Float32 inputs: refuses a value that is finite as written but overflows float32. */
function toFloat32(raw: Float64Array, rows: readonly InputRow[], n: number): Float32Array {
  const values = Float32Array.from(raw);
  const data = rows.filter((row) => !row.header);
  for (let index = 0; index < values.length; index++) {
    if (!Number.isFinite(values[index]!)) {
      const row = data[Math.floor(index / n)]!;
      throw new DataFormatError(
        `${row.cell(index % n)}: ${raw[index]} overflows float32, the model's dtype (largest ±3.4e38).`,
      );
    }
  }
  return values;
}

/** The index of the largest value in `row[start, start + count)`; the first one on ties. */
function argmax(row: ArrayLike<number>, start: number, count: number): number {
  let best = 0;
  for (let j = 1; j < count; j++) if (row[start + j]! > row[start + best]!) best = j;
  return best;
}

async function run({ io, registry, positionals, values }: CommandContext): Promise<number> {
  const saved = await loadSavedModel(positionals[0]!, registry, io.cwd);
  const path = positionals[1]!;
  const rows = await readRows(
    path,
    io.cwd,
    values.get('header') as boolean | undefined,
    saved.inputs,
  );
  const { rows: featureRows, dropped } = withoutLabelColumn(rows, saved);
  if (dropped !== undefined) {
    io.err(
      `deeptune: note: ${path}: skipping column '${dropped}', the label column the model was trained with\n`,
    );
  }
  const raw = readValues(featureRows, path, saved);
  const m = raw.length / saved.inputs;
  const features = saved.dtype === 'float64' ? raw : toFloat32(raw, featureRows, saved.inputs);
  const inputs = tensor(features, {
    shape: [m, saved.inputs],
  });
  const logits = predict(saved.model, saved.standardizer?.transform(inputs) ?? inputs);
  const k = logits.shape[1]!;
  const probabilities = softmax(logits, 1).data;
  const names = saved.classNames;
  const predictions = Array.from({ length: m }, (_, i) => {
    const start = i * k;
    const index = argmax(logits.data, start, k);
    return {
      class: index,
      ...(names === undefined ? {} : { label: names[index]! }),
      probabilities: Array.from(probabilities.subarray(start, start + k)),
    };
  });
  if (values.get('json') === true) {
    io.out(`${JSON.stringify(predictions)}\n`);
  } else {
    io.out(
      predictions
        .map((p) => `${p.label ?? p.class}\t${p.probabilities[p.class]!.toFixed(4)}\n`)
        .join(''),
    );
  }
  return 0;
}

/** `deeptune predict`. */
export const predictCommand: Command = {
  name: 'predict',
  summary: 'Predict the class of each row of a CSV or JSON file with a saved model',
  description:
    "Loads a model directory written by 'deeptune train --save', normalizes the input rows with its saved standardizer and prints one line per row: the predicted class (the largest logit; its name when the model was trained on a CSV file with --label-type class-name) and its softmax probability, separated by a tab. With --json it prints an array of { class, label (when named), probabilities } with the probability of every class. A .json input is an array of rows, each an array of numbers; any other file is read as CSV: one row of numbers per line, empty lines skipped, and a first line of names is taken as a header when none of its cells is a number (--header or --no-header decide instead). A CSV file that still holds the label column the model was trained with (its name in the header, as training.json records it) is read without that column.",
  positionals: [
    {
      name: 'model-dir',
      description: "a directory written by 'deeptune train --save'",
      required: true,
    },
    {
      name: 'input',
      description: 'a CSV file of feature rows, or a .json file: [[x1, x2, …], …]',
      required: true,
    },
  ],
  flags: () => PREDICT_FLAGS,
  examples: [
    'deeptune predict models/moons points.csv',
    'deeptune predict models/moons points.csv --no-header --json',
    'deeptune predict models/mnist images.json',
  ],
  run,
};
