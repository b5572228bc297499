import type { Dataset } from '../dataset/dataset.js';

/**
 * A dataset parsed from CSV, with the names needed to interpret it.
 *
 * @category CSV
 */
export interface CsvData {
  /** The examples: inputs `[m, features]`, targets `[m]` (classes) or `[m, 1]` (`'real'`). */
  readonly dataset: Dataset;
  /** The names of the feature columns, in input order (positions as text without a header). */
  readonly featureNames: readonly string[];
  /** The name of the label column (its position as text without a header). */
  readonly labelName: string;
  /** For `targets: 'class-name'`, the class names; class i is `classNames[i]`. */
  readonly classNames?: readonly string[];
}
