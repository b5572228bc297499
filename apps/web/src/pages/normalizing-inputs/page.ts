import { definePage } from '../../app/page.js';
import { nextSeed } from '../../app/seed-param.js';
import { ContourPlot } from '../../charts/contour-plot.js';
import { LineChart } from '../../charts/line-chart.js';
import { SERIES_COLORS } from '../../charts/palette.js';
import { FrameLoop } from '../../experiments/surfaces/frame-loop.js';
import {
  createNormalizationRace,
  type NormalizationRace,
} from '../../experiments/surfaces/normalization-race.js';
import type { OptimizerPath } from '../../experiments/surfaces/optimizer-path.js';
import type { RegressionCost } from '../../experiments/surfaces/scaled-regression.js';
import { h } from '../../ui/dom.js';
import { formatNumber } from '../../ui/format.js';
import { MessageBox } from '../../ui/message-box.js';
import { bindParamControls } from '../../ui/param-controls.js';
import { Readouts } from '../../ui/readout.js';
import { RunControls } from '../../ui/run-controls.js';
import './normalizing-inputs.css';
import {
  NORMALIZING_EXAMPLES,
  NORMALIZING_INPUTS_PARAMS,
  NORMALIZING_TOLERANCE,
  normalizingInputsConfig,
} from './normalizing-inputs-params.js';

/** The colours of the two sides. */
const RAW_COLOR = SERIES_COLORS[5];
const NORMALIZED_COLOR = SERIES_COLORS[0];

/** The smallest J − J* the chart shows (well below the tolerance; keeps the log axis readable). */
const GAP_FLOOR = 1e-6;

/** One side of the comparison: its plot and readouts. */
interface Side {
  readonly key: 'raw' | 'norm';
  readonly name: string;
  readonly plot: ContourPlot;
  readonly readouts: Readouts;
  readonly verdict: HTMLElement;
}

function createSide(key: 'raw' | 'norm', name: string, title: string): Side {
  return {
    key,
    name,
    plot: new ContourPlot({
      title,
      xLabel: 'w₁',
      yLabel: 'w₂',
      size: 320,
      testId: `${key}-contours`,
    }),
    readouts: new Readouts([
      { key: `${key}-steps`, label: `Steps to J − J* < ${NORMALIZING_TOLERANCE}`, format: String },
      { key: `${key}-cost`, label: 'Cost J now' },
      { key: `${key}-gap`, label: 'J − J* now' },
      { key: `${key}-condition`, label: 'Condition number λmax/λmin' },
      { key: `${key}-stable-lr`, label: 'Largest stable α = 2/λmax' },
    ]),
    verdict: h('p', {
      className: 'normalizing-inputs-verdict',
      attrs: { 'data-testid': `${key}-verdict`, 'aria-live': 'polite' },
    }),
  };
}

export default definePage({
  params: NORMALIZING_INPUTS_PARAMS,
  mount({ root, params }) {
    const values = params.values;
    const messages = new MessageBox('page-message');
    const raw = createSide('raw', 'Raw inputs', 'Raw inputs: cost J(w₁, w₂), equal axes');
    const normalized = createSide(
      'norm',
      'Normalized inputs',
      'Normalized inputs (Standardizer): cost J(w₁, w₂)',
    );
    const costChart = new LineChart({
      title: 'J − J* per step (log scale)',
      xLabel: 'step',
      yLabel: 'J − J*',
      series: [
        { label: 'raw inputs', color: RAW_COLOR },
        { label: 'normalized inputs', color: NORMALIZED_COLOR },
      ],
      logY: true,
      height: 280,
      testId: 'cost-chart',
    });
    const statistics = h('p', {
      className: 'normalizing-inputs-statistics',
      attrs: { 'data-testid': 'statistics' },
    });
    let experiment: NormalizationRace = createNormalizationRace(normalizingInputsConfig(values));

    const controls = new RunControls({
      onPlayingChange: (playing) => (playing ? loop.start() : loop.stop()),
      onStep: () => {
        experiment.race.advance(1);
        render();
      },
      onReset: () => restart(),
      onNewSeed: () => {
        params.set('seed', nextSeed(values.seed));
        seedSlider.setValue(values.seed);
        restart();
      },
    });

    const loop = new FrameLoop(() => {
      experiment.race.advance(Math.max(1, Math.ceil(values.steps / 100)));
      render();
      return controls.playing && !experiment.race.done;
    });

    const renderSide = (side: Side, cost: RegressionCost, path: OptimizerPath, lr: number) => {
      side.plot.setPaths([
        {
          label: `gradient descent, α = ${formatNumber(lr, 3)}`,
          color: side.key === 'raw' ? RAW_COLOR : NORMALIZED_COLOR,
          xs: path.xs,
          ys: path.ys,
        },
      ]);
      const gap = path.cost - cost.minValue;
      side.readouts.set(`${side.key}-steps`, path.stepsToTolerance);
      side.readouts.set(`${side.key}-cost`, Number.isFinite(path.cost) ? path.cost : null);
      side.readouts.set(`${side.key}-gap`, Number.isFinite(gap) ? gap : null);
      side.readouts.set(`${side.key}-condition`, cost.conditionNumber);
      side.readouts.set(`${side.key}-stable-lr`, cost.largestStableRate);
      let text: string;
      if (path.diverged !== null) {
        text = `Diverged: ${path.diverged}.`;
        side.verdict.dataset['state'] = 'diverged';
      } else if (path.stepsToTolerance !== null) {
        text = `Reached J − J* < ${NORMALIZING_TOLERANCE} after ${path.stepsToTolerance} steps.`;
        side.verdict.dataset['state'] = 'converged';
      } else {
        text = `Not within ${NORMALIZING_TOLERANCE} of the minimum after ${path.steps} steps (J − J* = ${formatNumber(gap)}).`;
        side.verdict.dataset['state'] = 'running';
      }
      side.verdict.textContent = text;
    };

    const describeDivergence = (
      side: Side,
      cost: RegressionCost,
      path: OptimizerPath,
      lr: number,
    ) =>
      path.diverged === null
        ? null
        : `${side.name}: gradient descent diverged (${path.diverged}). α = ${formatNumber(lr, 3)} is above the largest stable learning rate 2/λmax = ${formatNumber(cost.largestStableRate, 3)} for this cost; lower α${side.key === 'raw' ? ', or normalize the inputs' : ''}.`;

    const render = (): void => {
      const { race, rawPath, normalizedPath } = experiment;
      renderSide(raw, experiment.raw, rawPath, values.rawLr);
      renderSide(normalized, experiment.normalized, normalizedPath, values.normLr);
      const length = Math.max(rawPath.costs.length, normalizedPath.costs.length);
      const steps = Array.from({ length }, (_, i) => i);
      // Gaps below GAP_FLOOR are drawn at the floor.
      const gaps = (path: OptimizerPath, minValue: number): (number | null)[] =>
        steps.map((i) =>
          i < path.costs.length ? Math.max(GAP_FLOOR, path.costs[i]! - minValue) : null,
        );
      costChart.setData(steps, [
        gaps(rawPath, experiment.raw.minValue),
        gaps(normalizedPath, experiment.normalized.minValue),
      ]);
      const problems = [
        describeDivergence(raw, experiment.raw, rawPath, values.rawLr),
        describeDivergence(normalized, experiment.normalized, normalizedPath, values.normLr),
      ].filter((problem): problem is string => problem !== null);
      if (problems.length > 0) messages.error(problems.join(' '));
      else messages.clear();
      controls.setDone(race.done);
      controls.setStatus(`step ${race.steps} of ${values.steps}${race.done ? ' — done' : ''}`);
    };

    const restart = (): void => {
      loop.stop();
      experiment = createNormalizationRace(normalizingInputsConfig(values));
      raw.plot.setSurface(experiment.raw);
      normalized.plot.setSurface(experiment.normalized);
      const [sigma1, sigma2] = experiment.sigma;
      statistics.textContent = `Standardizer fitted on the ${NORMALIZING_EXAMPLES} training examples: σ₁ = ${formatNumber(sigma1, 3)}, σ₂ = ${formatNumber(sigma2, 3)}, so x₁ is ${formatNumber(sigma1 / sigma2, 3)} times wider than x₂ before normalizing. The bias b is set to its best value for each (w₁, w₂), so J depends on two weights.`;
      render();
      if (controls.playing) loop.start();
    };

    const control = bindParamControls(params, NORMALIZING_INPUTS_PARAMS, restart);
    const seedSlider = control.slider('seed', { label: 'Seed' });
    const controlsPanel = h(
      'section',
      { className: 'controls', attrs: { 'aria-label': 'Settings' } },
      h('h2', { text: 'Data' }),
      control.slider('ratio', { label: 'Scale ratio σ(x₁)/σ(x₂)', step: 0.05, scale: 'log' })
        .element,
      seedSlider.element,
      h('h2', { text: 'Gradient descent' }),
      control.slider('rawLr', {
        label: 'α on raw inputs',
        step: 0.05,
        scale: 'log',
        testId: 'raw-lr',
      }).element,
      control.slider('normLr', {
        label: 'α on normalized inputs',
        step: 0.05,
        scale: 'log',
        testId: 'norm-lr',
      }).element,
      control.slider('steps', { label: 'Steps', step: 10 }).element,
      h('p', {
        className: 'normalizing-inputs-hint',
        text: 'Each side has its own α: gradient descent converges only for α < 2/λmax of its cost (shown under each plot). Raise the scale ratio and the raw cost needs a far smaller α.',
      }),
    );

    const sideColumn = (side: Side): HTMLElement =>
      h(
        'div',
        { className: 'normalizing-inputs-side' },
        side.plot.element,
        side.readouts.element,
        side.verdict,
      );

    root.replaceChildren(
      h(
        'div',
        { className: 'experiment' },
        controlsPanel,
        h(
          'div',
          { className: 'figures' },
          controls.element,
          messages.element,
          h('div', { className: 'figure-row' }, sideColumn(raw), sideColumn(normalized)),
          statistics,
          h('div', { className: 'figure-row' }, costChart.element),
        ),
      ),
    );
    restart();

    return () => {
      loop.stop();
      costChart.dispose();
    };
  },
});
