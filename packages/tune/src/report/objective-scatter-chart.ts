import type { TrialRecord } from '../study/trial-record.js';
import { formatNumber } from './format-value.js';
import { niceDomain, niceTicks } from './nice-ticks.js';
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
import { lastValue } from './study-ranking.js';

/**
 * The trials a scatter of the objective shows: complete ones at their objective and pruned
 * ones at their last reported value (failed and running ones have no objective), with a
 * finite value.
 *
 * @internal
 */
export function scatterTrials(
  context: ReportContext,
): Array<{ trial: TrialRecord; value: number }> {
  return context.trials
    .filter((trial) => trial.state === 'complete' || trial.state === 'pruned')
    .map((trial) => ({ trial, value: lastValue(trial) }))
    .filter(
      (point): point is { trial: TrialRecord; value: number } =>
        point.value !== null && Number.isFinite(point.value),
    );
}

/**
 * The objective against one hyperparameter on its own scale: x log-scaled with decade ticks
 * for `log`, log10(1 − β) labelled in β (0.9, 0.99, 0.999) for `oneMinusLog`, linear for
 * `uniform` and `int`, one column per value for `choice`; y the objective. Complete trials
 * are filled dots (coloured by round when the study has rounds, the best one ringed), pruned
 * ones hollow grey dots at their last value; failed and running trials are not shown.
 * Empty string when the hyperparameter has no known range.
 *
 * @internal
 */
export function objectiveScatterChart(context: ReportContext, name: string): string {
  const distribution = context.full.get(name);
  if (distribution === undefined) return '';
  const axis = scaleAxis(distribution);
  const points = scatterTrials(context);
  const values = points.map((point) => point.value);
  const yDomain =
    values.length === 0
      ? ([0, 1] as [number, number])
      : niceDomain(Math.min(...values), Math.max(...values), 4);
  const frame = chartFrame(320, 240, { left: 56, bottom: 44 });
  const x = xMap(frame, axis.domain);
  const y = yMap(frame, yDomain);
  const dots: string[] = [];
  // Pruned first, complete on top, the best last.
  const order = (trial: TrialRecord): number =>
    trial === context.best ? 2 : trial.state === 'complete' ? 1 : 0;
  for (const { trial, value } of [...points].sort((a, b) => order(a.trial) - order(b.trial))) {
    const param = trial.params[name];
    if (param === undefined) continue;
    const coordinate = dotCoordinate(axis, param, trial.number);
    if (coordinate === undefined) continue;
    const cx = x(coordinate);
    const cy = y(value);
    if (!allFinite(cx, cy)) continue;
    const color = context.rounds.zooming
      ? roundColor(context.rounds.roundOf(trial))
      : roundColor(0);
    const kind = trial === context.best ? 'best' : trial.state;
    const style =
      trial.state === 'pruned'
        ? 'fill="none" stroke="#8a8a8a"'
        : `fill="${color}"${trial === context.best ? ' stroke="#111" stroke-width="2"' : ''}`;
    dots.push(
      `<circle class="point point-${kind}" data-trial="${trial.number}" cx="${svgNumber(cx)}" cy="${svgNumber(cy)}" ` +
        `r="${trial === context.best ? 5 : 4}" ${style}>${svgTitle(describeTrial(context, trial))}</circle>`,
    );
  }
  const valueTicks = niceTicks(yDomain[0], yDomain[1], 4).map((at) => ({
    at,
    label: formatNumber(at),
  }));
  return (
    svgOpen(frame, `${context.header.objective} against ${name}`) +
    bottomAxis(frame, axis.ticks, x, `${name} (${axis.scaleLabel})`) +
    leftAxis(frame, valueTicks, y, context.header.objective) +
    dots.join('') +
    '</svg>'
  );
}
