import type { DType } from '@deeptune/core';

/**
 * How the label column of a CSV file becomes the targets.
 *
 * - `'class-index'`: integers 0, 1, 2, … → class-index targets `[m]`.
 * - `'class-name'`: any text (`setosa`, `virginica`, …) → class indices in the sorted order
 *   of the distinct names, reported as `classNames`.
 * - `'real'`: numbers → real-valued targets `[m, 1]` (regression).
 *
 * @category CSV
 */
export type CsvTargetKind = 'class-index' | 'class-name' | 'real';

/**
 * Options of `parseCsv` (and `readCsv` in `@deeptune/data/node`).
 *
 * @category CSV
 */
export interface CsvOptions {
  /**
   * The label column: its name when the file has a header, or its 0-based position.
   */
  readonly labelColumn: string | number;
  /**
   * Whether the first line holds the column names.
   * @defaultValue `true`
   */
  readonly header?: boolean;
  /**
   * The feature columns to use, by name (with a header) or 0-based position, in this order.
   * @defaultValue every column except the label column
   */
  readonly featureColumns?: readonly (string | number)[];
  /**
   * The field separator, one character.
   * @defaultValue `','`
   */
  readonly delimiter?: string;
  /**
   * How the label column becomes targets; see {@link CsvTargetKind}.
   * @defaultValue `'class-index'`
   */
  readonly targets?: CsvTargetKind;
  /**
   * With `targets: 'class-name'`, the class names in index order, e.g. those a model was
   * trained with: label `classNames[i]` becomes class i, and a label not in the list is a
   * `DataFormatError`. Without it the distinct labels of the file, sorted, are the classes —
   * which gives different indices when a file lacks a class — and a file whose labels are all
   * the same is refused.
   * @defaultValue the sorted distinct labels of the file
   */
  readonly classNames?: readonly string[];
  /**
   * With `targets: 'class-index'`, the number of classes, e.g. that of a trained model: every
   * label must be an integer in `[0, classes)`, and the file may hold any of them (one class
   * only, or a few, as a small test file may). Without it the labels themselves define the
   * classes `0 … max`, and a file with a single class, or with fewer than half of the indices
   * `0 … max`, is refused (a missing index is warned about).
   * @defaultValue the largest label + 1
   */
  readonly classes?: number;
  /**
   * The dtype of inputs and targets.
   * @defaultValue `'float32'`
   */
  readonly dtype?: DType;
  /**
   * The name used in error messages, e.g. the file name.
   * @defaultValue `'csv'` (`readCsv` passes the path)
   */
  readonly name?: string;
}
