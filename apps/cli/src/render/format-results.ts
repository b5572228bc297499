import type { SetResult } from '../setup/measure-set.js';
import { formatCount, formatNumber, formatPercent, formatTable } from './format.js';

/**
 * The results table of `train` and `evaluate`: one row per set with its cost, accuracy,
 * error rate and number of examples.
 *
 * @param results - the results by set name (`train`, `dev`, `test`, …), in row order.
 * @returns the table's lines with a trailing newline.
 */
export function formatResults(results: Readonly<Record<string, SetResult>>): string {
  const rows = [['', 'cost', 'accuracy', 'error', 'examples']];
  for (const [name, result] of Object.entries(results)) {
    rows.push([
      name,
      formatNumber(result.cost),
      formatPercent(result.accuracy),
      formatPercent(result.errorRate),
      formatCount(result.examples),
    ]);
  }
  return formatTable(rows);
}
