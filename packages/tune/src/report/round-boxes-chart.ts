import type { Distribution } from '../space/distribution.js';
import type { TrialRecord } from '../study/trial-record.js';
import { formatDistribution } from '../space/hp.js';
import { describeTrial, type ReportContext } from './report-context.js';
import { dotCoordinate, scaleAxis } from './scale-axis.js';
import {
  allFinite,
  bottomAxis,
  chartFrame,
  leftAxis,
  roundColor,
  svgNumber,
  svgOpen,
  svgTitle,
  xMap,
  yMap,
} from './svg-chart.js';

/** The trials of each round, in round order. */
function trialsByRound(context: ReportContext): TrialRecord[][] {
  const rounds: TrialRecord[][] = Array.from({ length: context.rounds.count }, () => []);
  for (const trial of context.trials) rounds[context.rounds.roundOf(trial)]?.push(trial);
  return rounds;
}

/** The box a round drew `name` from: the first of its trials that sampled it. */
function roundBox(trials: readonly TrialRecord[], name: string): Distribution | undefined {
  return trials.find((trial) => trial.distributions[name] !== undefined)?.distributions[name];
}

function dot(
  context: ReportContext,
  trial: TrialRecord,
  cx: number,
  cy: number,
  color: string,
): string {
  const style = trial.state === 'complete' ? `fill="${color}"` : `fill="#fff" stroke="${color}"`;
  return (
    `<circle class="point point-${trial.state}" data-trial="${trial.number}" cx="${svgNumber(cx)}" ` +
    `cy="${svgNumber(cy)}" r="3.5" ${style}>${svgTitle(describeTrial(context, trial))}</circle>`
  );
}

const ROW = 30;

/**
 * The box of each round for one hyperparameter on its own scale: a row per round (round 0,
 * the full range, at the top), the box as a horizontal bar (`<rect class="round-bar">`; one
 * per value for a choice), and the round's trials as dots on it (complete filled, others
 * hollow). Empty string when the hyperparameter has no known range.
 *
 * @internal
 */
export function roundIntervalsChart(context: ReportContext, name: string): string {
  const distribution = context.full.get(name);
  if (distribution === undefined) return '';
  const axis = scaleAxis(distribution);
  const rounds = trialsByRound(context);
  const frame = chartFrame(640, 14 + rounds.length * ROW + 46, { left: 72, top: 8 });
  const x = xMap(frame, axis.domain);
  const rows = rounds.map((trials, round) => {
    const middle = frame.top + ROW / 2 + round * ROW;
    const color = roundColor(round);
    const box = roundBox(trials, name);
    const bars = (box === undefined ? [] : axis.intervals(box)).flatMap(([low, high]) => {
      const x0 = x(low);
      const x1 = x(high);
      if (!allFinite(x0, x1)) return [];
      const left = Math.min(x0, x1);
      const width = Math.max(Math.abs(x1 - x0), 2);
      return [
        `<rect class="round-bar" x="${svgNumber(left)}" y="${svgNumber(middle - 8)}" width="${svgNumber(width)}" ` +
          `height="16" rx="3" fill="${color}" fill-opacity="0.18" stroke="${color}">` +
          `${svgTitle(`round ${round}: ${name} ~ ${formatDistribution(box!)}`)}</rect>`,
      ];
    });
    const dots = trials.flatMap((trial) => {
      const value = trial.params[name];
      const coordinate = value === undefined ? undefined : dotCoordinate(axis, value, trial.number);
      if (coordinate === undefined || !Number.isFinite(x(coordinate))) return [];
      return [dot(context, trial, x(coordinate), middle, color)];
    });
    return (
      `<text class="tick" x="${svgNumber(frame.left - 8)}" y="${svgNumber(middle)}" dy="0.32em" ` +
      `text-anchor="end">round ${round}</text>${bars.join('')}${dots.join('')}`
    );
  });
  return (
    svgOpen(frame, `The box of ${name} in each round`) +
    bottomAxis(frame, axis.ticks, x, `${name} (${axis.scaleLabel})`) +
    rows.join('') +
    '</svg>'
  );
}

/**
 * The first two numeric (non-choice) hyperparameters, or `undefined` when there are fewer.
 *
 * @internal
 */
export function boxPair(context: ReportContext): readonly [string, string] | undefined {
  const numeric = context.names.filter((name) => {
    const distribution = context.full.get(name);
    return distribution !== undefined && distribution.scale !== 'choice';
  });
  return numeric.length >= 2 ? [numeric[0]!, numeric[1]!] : undefined;
}

/**
 * The first two numeric hyperparameters against each other, both on their own scales, with
 * each round's box as a rectangle (`<rect class="round-box">`, nested as the search zooms
 * in) and the trials as dots coloured by round. Empty string without two numeric
 * hyperparameters.
 *
 * @internal
 */
export function roundBoxes2dChart(context: ReportContext): string {
  const pair = boxPair(context);
  if (pair === undefined) return '';
  const [xName, yName] = pair;
  const xAxis = scaleAxis(context.full.get(xName)!);
  const yAxis = scaleAxis(context.full.get(yName)!);
  const frame = chartFrame(640, 400);
  const x = xMap(frame, xAxis.domain);
  const y = yMap(frame, yAxis.domain);
  const rounds = trialsByRound(context);
  const boxes = rounds.flatMap((trials, round) => {
    const xBox = roundBox(trials, xName);
    const yBox = roundBox(trials, yName);
    if (xBox === undefined || yBox === undefined) return [];
    const [xi] = xAxis.intervals(xBox);
    const [yi] = yAxis.intervals(yBox);
    if (xi === undefined || yi === undefined) return [];
    const [x0, x1, y0, y1] = [x(xi[0]), x(xi[1]), y(yi[0]), y(yi[1])];
    if (!allFinite(x0, x1, y0, y1)) return [];
    const color = roundColor(round);
    return [
      `<rect class="round-box" data-round="${round}" x="${svgNumber(Math.min(x0, x1))}" ` +
        `y="${svgNumber(Math.min(y0, y1))}" width="${svgNumber(Math.max(Math.abs(x1 - x0), 2))}" ` +
        `height="${svgNumber(Math.max(Math.abs(y1 - y0), 2))}" fill="${color}" fill-opacity="0.06" ` +
        `stroke="${color}" stroke-width="1.5">` +
        `${svgTitle(`round ${round}: ${xName} ~ ${formatDistribution(xBox)}, ${yName} ~ ${formatDistribution(yBox)}`)}</rect>`,
    ];
  });
  const dots = rounds.flatMap((trials, round) =>
    trials.flatMap((trial) => {
      const xv = trial.params[xName];
      const yv = trial.params[yName];
      const cx = xv === undefined ? undefined : dotCoordinate(xAxis, xv, trial.number);
      const cy = yv === undefined ? undefined : dotCoordinate(yAxis, yv, trial.number);
      if (cx === undefined || cy === undefined || !allFinite(x(cx), y(cy))) return [];
      return [dot(context, trial, x(cx), y(cy), roundColor(round))];
    }),
  );
  return (
    svgOpen(frame, `${yName} against ${xName} with the box of each round`) +
    bottomAxis(frame, xAxis.ticks, x, `${xName} (${xAxis.scaleLabel})`) +
    leftAxis(frame, yAxis.ticks, y, `${yName} (${yAxis.scaleLabel})`) +
    boxes.join('') +
    dots.join('') +
    '</svg>'
  );
}
