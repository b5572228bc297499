import { parseCsv } from 'deeptune';

/** The largest CSV file the demo reads, in bytes. */
export const MAX_CSV_BYTES = 2 * 1024 * 1024;

/** The most points and classes a CSV may hold (the demo trains in the browser). */
export const CSV_LIMITS = { minPoints: 10, maxPoints: 5000, maxClasses: 8 } as const;

/** 2-D points with class labels, read from a CSV file. */
export interface CsvPoints {
  /** x₀, y₀, x₁, y₁, …. */
  readonly inputs: number[];
  /** Class indices, in the sorted order of the file's distinct labels. */
  readonly labels: number[];
  /** The number of classes. */
  readonly classes: number;
  /** The label names, in class-index order. */
  readonly classNames: readonly string[];
}

/**
 * Reads 2-D classification points from CSV text with a header: two numeric feature columns
 * and a label column (named `label`, `class`, `y` or `target`, else the last column). Labels
 * may be names or integers. Throws an `Error` whose message names the file and the problem.
 */
export function parsePointsCsv(text: string, fileName: string): CsvPoints {
  // A NUL or a byte that is not UTF-8 (decoded as U+FFFD) means this is not a text file.
  const head = text.slice(0, 4096);
  if (head.includes('\u0000') || head.includes('\uFFFD')) {
    throw new Error(
      `${fileName}: does not look like a CSV text file (it holds bytes that are not UTF-8 text); expected lines such as "x1,x2,label".`,
    );
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const columns = firstLine.split(',').map((column) => column.trim());
  if (columns.length !== 3) {
    throw new Error(
      `${fileName}: expected a header with 3 columns (x, y and a label, e.g. "x1,x2,label"), got ${columns.length} column${columns.length === 1 ? '' : 's'}: "${firstLine.slice(0, 80)}".`,
    );
  }
  const named = columns.findIndex((column) =>
    ['label', 'class', 'y', 'target'].includes(column.toLowerCase()),
  );
  const labelColumn = named === -1 ? 2 : named;
  const data = parseCsv(text, { labelColumn, targets: 'class-name', name: fileName });
  const m = data.dataset.size;
  const classes = data.classNames?.length ?? 0;
  if (m < CSV_LIMITS.minPoints || m > CSV_LIMITS.maxPoints) {
    throw new Error(
      `${fileName}: expected ${CSV_LIMITS.minPoints} to ${CSV_LIMITS.maxPoints} points, got ${m}.`,
    );
  }
  if (classes > CSV_LIMITS.maxClasses) {
    throw new Error(
      `${fileName}: expected at most ${CSV_LIMITS.maxClasses} classes, got ${classes}.`,
    );
  }
  return {
    inputs: Array.from(data.dataset.inputs.data),
    labels: Array.from(data.dataset.targets.data),
    classes,
    classNames: data.classNames ?? [],
  };
}
