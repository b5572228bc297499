import { ConfigError } from '@deeptune/core';
import type { StudyHeaderEvent } from '../storage/study-event.js';
import type { TrialRecord } from '../study/trial-record.js';
import { formatNumber } from './format-value.js';
import { leaderboardRows } from './leaderboard-rows.js';
import { bestTrial, countTrials, paramNames } from './study-ranking.js';

/**
 * Options of {@link formatLeaderboard}.
 *
 * @category Reports
 */
export interface LeaderboardOptions {
  /** The most trials to list (an integer ≥ 1; 10). */
  readonly limit?: number;
  /** The width to fit, in characters (an integer ≥ 20; 100): no line is longer. */
  readonly columns?: number;
}

/** The longest failure reason shown in the state column. */
const REASON_WIDTH = 30;
/** The shortest a failure reason is cut to before hyperparameter columns are omitted. */
const MIN_REASON_WIDTH = 16;
/** Characters between columns. */
const GAP = '  ';

interface Column {
  /** The heading, possibly abbreviated. */
  title: string;
  /** The hyperparameter's full name, for hyperparameter columns. */
  readonly name?: string;
  readonly cells: string[];
  readonly align: 'left' | 'right';
  readonly param: boolean;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

function widthOf(column: Column): number {
  return column.cells.reduce((most, cell) => Math.max(most, cell.length), column.title.length);
}

function totalWidth(columns: readonly Column[]): number {
  return (
    columns.reduce((sum, column) => sum + widthOf(column), 0) + GAP.length * (columns.length - 1)
  );
}

/** The widest hyperparameter column matching `eligible`, the last one on ties. */
function widestParam(columns: readonly Column[], eligible: (column: Column) => boolean): number {
  let best = -1;
  columns.forEach((column, index) => {
    if (!column.param || !eligible(column)) return;
    if (best < 0 || widthOf(column) >= widthOf(columns[best]!)) best = index;
  });
  return best;
}

function checkOption(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(
      `formatLeaderboard: option '${name}' must be an integer ≥ ${min}, got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Formats a study as a plain-text leaderboard for a terminal: a summary line, then one row
 * per trial with its rank, number, objective, hyperparameters (each compactly on its own
 * scale: `0.00316` for a learning rate, `0.9968` for β, integers, choice text), epochs
 * reported, seconds and state. Complete trials come first, best first by the study's
 * direction (ties by number), then pruned ones by their last value, then failed ones (with
 * their reason, truncated), then running ones.
 *
 * At most `limit` rows are listed, then `… and K more`. To fit `columns`, the widest
 * failure reasons are shortened first, then the widest hyperparameter headings abbreviated,
 * then the widest hyperparameter columns omitted (the last one on ties; a line names them);
 * no line is ever longer than `columns`.
 *
 * @param header - the study's header (its name, direction and objective).
 * @param trials - its trials, e.g. from {@link replayStudy}.
 * @throws {@link @deeptune/core!ConfigError} when `limit` or `columns` is not an integer in
 * range.
 * @category Reports
 *
 * @example
 * ```ts
 * const { header, trials } = replayStudy(await storage.load(), storage.description);
 * console.log(formatLeaderboard(header!, trials, { limit: 5, columns: process.stdout.columns }));
 * // study 'mnist': 30 trials (24 complete, 5 pruned, 1 failed, 0 running); best dev error 0.0312 (trial 17)
 * // rank  trial  dev error  learningRate    beta  units  optimizer  epochs  seconds  state
 * //    1     17     0.0312       0.00316  0.9968    128  adam           10     41.9  complete
 * // …
 * ```
 */
export function formatLeaderboard(
  header: StudyHeaderEvent,
  trials: readonly TrialRecord[],
  options: LeaderboardOptions = {},
): string {
  const limit = checkOption('limit', options.limit ?? 10, 1);
  const width = checkOption('columns', options.columns ?? 100, 20);
  const counts = countTrials(trials);
  const best = bestTrial(header.direction, trials);
  const summary =
    `study '${header.name}': ${counts.total} trial${counts.total === 1 ? '' : 's'} ` +
    `(${counts.complete} complete, ${counts.pruned} pruned, ${counts.failed} failed, ` +
    `${counts.running} running);`;
  const bestText =
    best === undefined
      ? 'no complete trial yet'
      : `best ${header.objective} ${formatNumber(best.value!)} (trial ${best.number})`;
  // One line when it fits, else the best trial on a line of its own.
  const lines: string[] =
    summary.length + 1 + bestText.length <= width
      ? [`${summary} ${bestText}`]
      : [summary, bestText];
  if (trials.length === 0) return lines.map((line) => truncate(line, width)).join('\n');

  const names = paramNames(header, trials);
  const rows = leaderboardRows(header, trials, names);
  const shown = rows.slice(0, limit);
  const columns: Column[] = [
    {
      title: 'rank',
      cells: shown.map((row) => (row.rank === null ? '-' : String(row.rank))),
      align: 'right',
      param: false,
    },
    {
      title: 'trial',
      cells: shown.map((row) => String(row.trial.number)),
      align: 'right',
      param: false,
    },
    { title: header.objective, cells: shown.map((row) => row.value), align: 'right', param: false },
    ...names.map((name, index): Column => ({
      title: name,
      name,
      cells: shown.map((row) => row.params[index]!),
      align: shown.every((row) => typeof row.trial.params[name] !== 'number') ? 'left' : 'right',
      param: true,
    })),
    { title: 'epochs', cells: shown.map((row) => row.epochs), align: 'right', param: false },
    { title: 'seconds', cells: shown.map((row) => row.seconds), align: 'right', param: false },
  ];
  const state: Column = {
    title: 'state',
    cells: shown.map((row) =>
      row.trial.state === 'failed' && row.trial.reason !== null
        ? truncate(`failed: ${row.trial.reason.replace(/\s+/g, ' ')}`, REASON_WIDTH)
        : row.trial.state,
    ),
    align: 'left',
    param: false,
  };
  columns.push(state);

  // 1. Shorten failure reasons, down to a few words.
  const shortenState = (least: number): void => {
    const excess = totalWidth(columns) - width;
    if (excess <= 0) return;
    const stateWidth = Math.max(widthOf(state) - excess, least);
    state.cells.forEach((cell, index) => (state.cells[index] = truncate(cell, stateWidth)));
  };
  shortenState(MIN_REASON_WIDTH);
  // 2. Abbreviate hyperparameter headings wider than their values.
  const cellWidth = (column: Column): number =>
    column.cells.reduce((most, cell) => Math.max(most, cell.length), 0);
  const abbreviable = (column: Column): boolean =>
    column.title.length > Math.max(cellWidth(column), 4);
  for (let index = widestParam(columns, abbreviable); totalWidth(columns) > width && index >= 0;) {
    const column = columns[index]!;
    const excess = totalWidth(columns) - width;
    column.title = truncate(
      column.title,
      Math.max(cellWidth(column), 4, column.title.length - excess),
    );
    index = widestParam(columns, abbreviable);
  }
  // 3. Omit the widest hyperparameter columns.
  const omitted: string[] = [];
  for (let index = widestParam(columns, () => true); totalWidth(columns) > width && index >= 0;) {
    omitted.push(columns[index]!.name ?? columns[index]!.title);
    columns.splice(index, 1);
    index = widestParam(columns, () => true);
  }
  // Give back full headings that fit now that columns are gone.
  for (const column of columns) {
    if (column.name === undefined || column.title === column.name) continue;
    const shortened = column.title;
    column.title = column.name;
    if (totalWidth(columns) > width) column.title = shortened;
  }
  // 4. Shorten the state column to its states.
  shortenState('complete'.length);

  const pad = (text: string, column: Column): string =>
    column.align === 'right' ? text.padStart(widthOf(column)) : text.padEnd(widthOf(column));
  const line = (cell: (column: Column) => string): string =>
    columns
      .map((column) => pad(cell(column), column))
      .join(GAP)
      .trimEnd();
  lines.push(line((column) => column.title));
  shown.forEach((_, row) => lines.push(line((column) => column.cells[row]!)));
  if (rows.length > shown.length) lines.push(`… and ${rows.length - shown.length} more`);
  if (omitted.length > 0) lines.push(`(not shown to fit ${width} columns: ${omitted.join(', ')})`);
  return lines.map((text) => truncate(text, width)).join('\n');
}
