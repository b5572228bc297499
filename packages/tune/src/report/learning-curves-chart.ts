import { formatNumber } from './format-value.js';
import { niceDomain, niceTicks } from './nice-ticks.js';
import { describeTrial, type ReportContext } from './report-context.js';
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

/**
 * The learning curves of all trials ("caviar") in one SVG chart: x = epoch, y = the value
 * reported after it, one `<polyline class="curve">` per trial that reported a finite value;
 * complete trials coloured (by round when the study has rounds), the best one thicker,
 * pruned ones grey and dashed with a × where they stopped, failed ones grey and dotted,
 * running ones thin. Non-finite values are left out. Empty string when no trial reported.
 *
 * @internal
 */
export function learningCurvesChart(context: ReportContext): string {
  const curves = context.trials
    .map((trial) => ({
      trial,
      points: trial.intermediate.filter(
        (point) => Number.isFinite(point.epoch) && Number.isFinite(point.value),
      ),
    }))
    .filter((curve) => curve.points.length > 0);
  if (curves.length === 0) return '';
  const epochs = curves.flatMap((curve) => curve.points.map((point) => point.epoch));
  const values = curves.flatMap((curve) => curve.points.map((point) => point.value));
  const maxEpoch = Math.max(...epochs);
  const minEpoch = Math.min(1, ...epochs);
  const xDomain: [number, number] =
    maxEpoch === minEpoch ? [minEpoch - 0.5, maxEpoch + 0.5] : [minEpoch, maxEpoch];
  const yDomain = niceDomain(Math.min(...values), Math.max(...values));
  const frame = chartFrame(640, 320);
  const x = xMap(frame, xDomain);
  const y = yMap(frame, yDomain);
  const best = context.best;
  // Draw the best curve last, so it lies on top.
  curves.sort(
    (a, b) =>
      Number(a.trial === best) - Number(b.trial === best) || a.trial.number - b.trial.number,
  );
  const lines = curves.map(({ trial, points }) => {
    const coordinates = points
      .map((point) => [x(point.epoch), y(point.value)] as const)
      .filter(([px, py]) => allFinite(px, py));
    const path = coordinates.map(([px, py]) => `${svgNumber(px)},${svgNumber(py)}`).join(' ');
    const round = context.rounds.zooming ? context.rounds.roundOf(trial) : 0;
    const kind = trial === best ? 'best' : trial.state;
    const stroke =
      trial.state === 'pruned' || trial.state === 'failed' ? '#8a8a8a' : roundColor(round);
    let marker = '';
    const last = coordinates.at(-1);
    if (trial.state === 'pruned' && last !== undefined) {
      const [px, py] = last;
      marker =
        `<path class="pruned-mark" d="M${svgNumber(px - 4)} ${svgNumber(py - 4)}L${svgNumber(px + 4)} ${svgNumber(py + 4)}` +
        `M${svgNumber(px - 4)} ${svgNumber(py + 4)}L${svgNumber(px + 4)} ${svgNumber(py - 4)}"/>`;
    } else if (coordinates.length === 1 && last !== undefined) {
      // A one-point polyline draws nothing: show the point.
      marker = `<circle class="single" cx="${svgNumber(last[0])}" cy="${svgNumber(last[1])}" r="2.5" fill="${stroke}"/>`;
    }
    return (
      `<g class="trial-curve">` +
      `<polyline class="curve curve-${kind}" data-trial="${trial.number}" stroke="${stroke}" points="${path}">` +
      `${svgTitle(describeTrial(context, trial))}</polyline>${marker}</g>`
    );
  });
  const epochTicks = niceTicks(xDomain[0], xDomain[1], 8, true)
    .filter((epoch) => epoch >= minEpoch)
    .map((at) => ({ at, label: String(at) }));
  const valueTicks = niceTicks(yDomain[0], yDomain[1], 5).map((at) => ({
    at,
    label: formatNumber(at),
  }));
  return (
    svgOpen(frame, `Learning curves: ${context.header.objective} after each epoch`) +
    bottomAxis(frame, epochTicks, x, 'epoch') +
    leftAxis(frame, valueTicks, y, context.header.objective) +
    lines.join('') +
    '</svg>'
  );
}
