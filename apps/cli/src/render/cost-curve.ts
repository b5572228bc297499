import type { EpochRecord } from 'deeptune';
import { formatNumber } from './format.js';

/**
 * The cost curve so far as a small text chart: one column per epoch (the last `width`
 * epochs), the training cost as `·`, the dev cost as `*` (`#` where they meet), the y axis
 * from the lowest to the highest cost shown.
 */
export function formatCostCurve(history: readonly EpochRecord[], width = 60, height = 8): string {
  const shown = history.slice(-width);
  if (shown.length === 0) return 'no epoch trained yet\n';
  const series = shown
    .flatMap((record) => [record.cost, record.devCost ?? Number.NaN])
    .filter(Number.isFinite);
  const low = Math.min(...series);
  const high = Math.max(...series);
  const row = (value: number | undefined): number | undefined => {
    if (value === undefined || !Number.isFinite(value)) return undefined;
    if (high === low) return 0;
    return Math.round(((high - value) / (high - low)) * (height - 1));
  };
  const grid = Array.from({ length: height }, () =>
    Array.from({ length: shown.length }, () => ' '),
  );
  shown.forEach((record, column) => {
    const train = row(record.cost);
    const dev = row(record.devCost);
    if (train !== undefined) grid[train]![column] = '·';
    if (dev !== undefined) grid[dev]![column] = grid[dev]![column] === '·' ? '#' : '*';
  });
  const labelWidth = Math.max(formatNumber(high).length, formatNumber(low).length);
  const lines = grid.map((cells, index) => {
    const label = index === 0 ? formatNumber(high) : index === height - 1 ? formatNumber(low) : '';
    return `  ${label.padStart(labelWidth)} |${cells.join('')}`;
  });
  const first = shown[0]!.epoch;
  const last = shown.at(-1)!.epoch;
  lines.push(`  ${' '.repeat(labelWidth)} +${'-'.repeat(shown.length)}`);
  lines.push(`  ${' '.repeat(labelWidth)}  epochs ${first}–${last}: training cost ·, dev cost *`);
  return `${lines.join('\n')}\n`;
}
