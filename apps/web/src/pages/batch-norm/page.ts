import { definePage } from '../../app/page.js';
import { nextSeed } from '../../app/seed-param.js';
import { Histogram } from '../../charts/histogram.js';
import { LineChart } from '../../charts/line-chart.js';
import type { BatchNormConfig } from '../../experiments/batch-norm/batch-norm-config.js';
import type { BatchNormSnapshot } from '../../experiments/batch-norm/batch-norm-job.js';
import { PLANAR_DATASETS } from '../../experiments/classifier/planar-data.js';
import { h } from '../../ui/dom.js';
import { formatNumber, formatPercent } from '../../ui/format.js';
import { MessageBox } from '../../ui/message-box.js';
import { bindParamControls } from '../../ui/param-controls.js';
import { Readouts } from '../../ui/readout.js';
import { RunControls } from '../../ui/run-controls.js';
import { JobClient } from '../../worker/job-client.js';
import {
  BATCH_NORM_PARAMS,
  RATE_COUNT,
  batchNormConfig,
  classesOf,
  describeOutcome,
} from './batch-norm-params.js';
import './batch-norm.css';

/** The curves of the current run, one entry per snapshot. */
interface BatchNormHistory {
  readonly epochs: number[];
  readonly plainCost: number[];
  readonly batchNormCost: number[];
  readonly devErrorRunning: number[];
  readonly devErrorBatchStats: number[];
  readonly runningMean0: number[];
  readonly trainMean0: number[];
  readonly runningVar0: number[];
  readonly trainVar0: number[];
}

function emptyHistory(): BatchNormHistory {
  return {
    epochs: [],
    plainCost: [],
    batchNormCost: [],
    devErrorRunning: [],
    devErrorBatchStats: [],
    runningMean0: [],
    trainMean0: [],
    runningVar0: [],
    trainVar0: [],
  };
}

export default definePage({
  params: BATCH_NORM_PARAMS,
  mount({ root, params }) {
    const values = params.values;
    const messages = new MessageBox('page-message');
    let config: BatchNormConfig = batchNormConfig(values);
    let history = emptyHistory();

    const rateChart = new LineChart({
      title: 'Final training cost per learning rate α (gaps: diverged)',
      xLabel: 'log₁₀ α',
      yLabel: 'train cost',
      series: [{ label: 'plain' }, { label: 'batch norm' }],
      testId: 'rate-chart',
    });
    const resultsBody = h('tbody');
    const resultsTable = h(
      'table',
      { className: 'batch-norm-results', attrs: { 'data-testid': 'results' } },
      h('caption', { text: 'The same net (same initial W) with and without batch norm' }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { text: 'α', attrs: { scope: 'col' } }),
          h('th', { text: 'plain: train cost', attrs: { scope: 'col' } }),
          h('th', { text: 'batch norm: train cost', attrs: { scope: 'col' } }),
        ),
      ),
      resultsBody,
    );
    const costChart = new LineChart({
      title: 'Training cost at the inspected α',
      xLabel: 'epoch',
      yLabel: 'cost',
      series: [{ label: 'plain' }, { label: 'batch norm' }],
      testId: 'cost-chart',
    });
    const zHistogram = new Histogram({
      title: 'One mini-batch at the inspected layer: Z before batch norm, Ẑ after normalising',
      xLabel: 'value (all units of the batch)',
      series: [
        { label: 'Z = W·a (before BN)' },
        { label: 'Ẑ = (Z − μ_B) / √(σ²_B + ε) (before γ, β)', color: '#009e73' },
      ],
      bins: 48,
      testId: 'z-histogram',
    });
    // Short legend labels: a legend that wraps at uPlot's initial width and not at the final
    // one changes the chart's height inside its ResizeObserver callback (a loop error).
    const devChart = new LineChart({
      title: 'Dev error of the inspected batch-norm net: running μ, σ² vs the dev batch’s own',
      xLabel: 'epoch',
      yLabel: 'dev error',
      series: [{ label: 'running' }, { label: 'dev batch', dash: [6, 4] }],
      testId: 'dev-chart',
    });
    const runningMeanChart = new LineChart({
      title: 'Running mean μ of unit 1 vs its mean over the training set',
      xLabel: 'epoch',
      yLabel: 'μ',
      series: [{ label: 'running' }, { label: 'train set', dash: [6, 4] }],
      testId: 'running-mean-chart',
    });
    const runningVarianceChart = new LineChart({
      title: 'Running variance σ² of unit 1 vs its variance over the training set',
      xLabel: 'epoch',
      yLabel: 'σ²',
      series: [{ label: 'running' }, { label: 'train set', dash: [6, 4] }],
      testId: 'running-variance-chart',
    });
    const readouts = new Readouts([
      { key: 'epoch', label: 'Epoch', format: String },
      { key: 'inspected-rate', label: 'Inspected α' },
      { key: 'dev-error-running', label: 'Dev error, running μ, σ²', format: formatPercent },
      { key: 'dev-error-batch', label: 'Dev error, dev batch’s μ, σ²', format: formatPercent },
      { key: 'mean-gap', label: 'Mean |running μ − train μ|' },
      { key: 'variance-gap', label: 'Mean relative σ² gap' },
    ]);

    const renderResults = (snapshot: BatchNormSnapshot): void => {
      const classes = config.source.classes;
      const plain = snapshot.runs.filter((run) => !run.batchNorm);
      const normed = snapshot.runs.filter((run) => run.batchNorm);
      rateChart.setData(
        plain.map((run) => Math.log10(run.learningRate)),
        [plain.map((run) => run.cost), normed.map((run) => run.cost)],
      );
      resultsBody.replaceChildren(
        ...plain.map((run, index) => {
          const other = normed[index]!;
          const cell = (
            outcome: { readonly cost: number; readonly divergedAt: number | null },
            testId: string,
          ) =>
            h('td', {
              className: outcome.divergedAt !== null ? 'batch-norm-diverged' : '',
              text: describeOutcome(outcome, classes),
              attrs: {
                'data-testid': testId,
                'data-value': Number.isFinite(outcome.cost) ? String(outcome.cost) : undefined,
                'data-diverged-at':
                  outcome.divergedAt === null ? undefined : String(outcome.divergedAt),
              },
            });
          return h(
            'tr',
            { className: index === config.inspectRate ? 'batch-norm-inspected' : '' },
            h('th', {
              text: `${formatNumber(run.learningRate, 3)}${index === config.inspectRate ? ' (inspected)' : ''}`,
              attrs: { scope: 'row' },
            }),
            cell(run, `outcome-plain-${index}`),
            cell(other, `outcome-bn-${index}`),
          );
        }),
      );
      const diverged = snapshot.runs.filter((run) => run.divergedAt !== null);
      if (diverged.length > 0) {
        messages.notice(
          `Diverged (the cost became NaN or infinite): ${diverged
            .map(
              (run) =>
                `${run.batchNorm ? 'batch norm' : 'plain'} at α = ${formatNumber(run.learningRate, 3)} (epoch ${run.divergedAt})`,
            )
            .join('; ')}.`,
        );
      }
    };

    const onSnapshot = (
      snapshot: BatchNormSnapshot,
      state: { readonly done: boolean; readonly playing: boolean },
    ): void => {
      renderResults(snapshot);
      const plain = snapshot.runs[config.inspectRate]!;
      const normed = snapshot.runs[RATE_COUNT + config.inspectRate]!;
      const inspection = snapshot.inspection;
      history.epochs.push(snapshot.epoch);
      history.plainCost.push(plain.cost);
      history.batchNormCost.push(normed.cost);
      history.devErrorRunning.push(inspection?.devErrorRunning ?? Number.NaN);
      history.devErrorBatchStats.push(inspection?.devErrorBatchStats ?? Number.NaN);
      history.runningMean0.push(inspection?.runningMean0 ?? Number.NaN);
      history.trainMean0.push(inspection?.trainMean0 ?? Number.NaN);
      history.runningVar0.push(inspection?.runningVar0 ?? Number.NaN);
      history.trainVar0.push(inspection?.trainVar0 ?? Number.NaN);
      costChart.setData(history.epochs, [history.plainCost, history.batchNormCost]);
      devChart.setData(history.epochs, [history.devErrorRunning, history.devErrorBatchStats]);
      runningMeanChart.setData(history.epochs, [history.runningMean0, history.trainMean0]);
      runningVarianceChart.setData(history.epochs, [history.runningVar0, history.trainVar0]);
      readouts.set('epoch', snapshot.epoch);
      readouts.set('inspected-rate', normed.learningRate);
      readouts.set('dev-error-running', inspection?.devErrorRunning ?? null);
      readouts.set('dev-error-batch', inspection?.devErrorBatchStats ?? null);
      readouts.set('mean-gap', inspection?.meanGap ?? null);
      readouts.set('variance-gap', inspection?.varianceGap ?? null);
      if (inspection !== null) {
        zHistogram.setData([inspection.z, inspection.zHat]);
      } else {
        messages.error(
          `The inspected batch-norm net (α = ${formatNumber(normed.learningRate, 3)}) diverged at epoch ${normed.divergedAt}: pick a smaller α to inspect, or lower the largest α.`,
        );
      }
      controls.setDone(state.done);
      controls.setPlaying(state.playing);
      controls.setStatus(
        `epoch ${snapshot.epoch} of ${values.epochs}${state.done ? ' — done' : ''}`,
      );
    };

    const client = new JobClient<BatchNormConfig, BatchNormSnapshot>({
      createWorker: () =>
        new Worker(new URL('../../experiments/batch-norm/batch-norm-worker.ts', import.meta.url), {
          type: 'module',
          name: 'deeptune-batch-norm',
        }),
      onSnapshot,
      onError: (message) => {
        controls.setPlaying(false);
        messages.error(message);
      },
    });

    const controls = new RunControls({
      onPlayingChange: (playing) => (playing ? client.play() : client.pause()),
      onStep: () => client.step(),
      onReset: () => restart(),
      onNewSeed: () => {
        params.set('seed', nextSeed(values.seed));
        seedSlider.setValue(values.seed);
        restart();
      },
    });

    const restart = (): void => {
      messages.clear();
      config = batchNormConfig(values);
      history = emptyHistory();
      if (values.layer > values.layers) {
        messages.notice(
          `The net has ${values.layers} hidden layer${values.layers === 1 ? '' : 's'}: inspecting layer ${values.layers} instead of ${values.layer}.`,
        );
      }
      client.start(config, controls.playing);
    };
    const control = bindParamControls(params, BATCH_NORM_PARAMS, restart);
    const slider = control.slider;

    const seedSlider = slider('seed', { label: 'Seed' });
    const controlsPanel = h(
      'section',
      { className: 'controls', attrs: { 'aria-label': 'Settings' } },
      h('h2', { text: 'Learning rates' }),
      slider('lrmax', {
        label: `Largest α (${RATE_COUNT} values over 2 decades)`,
        step: 0.05,
        scale: 'log',
      }).element,
      control.select('optimizer', {
        label: 'Optimizer',
        labels: { sgd: 'gradient descent', momentum: 'momentum β = 0.9' },
      }).element,
      slider('batch', { label: 'Mini-batch size', step: 4 }).element,
      slider('epochs', { label: 'Epochs', step: 2 }).element,
      h('h2', { text: 'Inspect' }),
      slider('inspect', { label: 'Inspected α (1 = smallest)' }).element,
      slider('layer', { label: 'Inspected hidden layer' }).element,
      h('h2', { text: 'Network' }),
      slider('layers', { label: 'Hidden layers (ReLU)' }).element,
      slider('units', { label: 'Units per layer' }).element,
      h('h2', { text: 'Data' }),
      control.select('dataset', {
        label: 'Dataset',
        labels: Object.fromEntries(
          PLANAR_DATASETS.map((name) => [name, `${name} (${classesOf(name)} classes)`]),
        ),
      }).element,
      slider('points', { label: 'Points', step: 20 }).element,
      slider('noise', { label: 'Noise', step: 0.01 }).element,
      seedSlider.element,
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
          h('h2', { className: 'batch-norm-section', text: 'Larger learning rates' }),
          h('p', {
            className: 'batch-norm-note',
            text: 'Each α trains the same ReLU net twice from the same initial weights: plain, and with batch norm after every hidden layer’s linear part (Dense without bias → BN → ReLU).',
          }),
          h('div', { className: 'figure-row' }, rateChart.element, resultsTable),
          h('h2', { className: 'batch-norm-section', text: 'What batch norm does to Z' }),
          h('div', { className: 'batch-norm-histogram' }, zHistogram.element),
          h(
            'div',
            { className: 'figure-row' },
            costChart.element,
            h('div', { className: 'figure-column' }, readouts.element),
          ),
          h('h2', { className: 'batch-norm-section', text: 'Test time: running averages' }),
          h('p', {
            className: 'batch-norm-note',
            text: 'At test time there is no mini-batch: each batch-norm layer uses the exponentially weighted averages of μ and σ² kept during training (decay 0.9). They converge to the layer’s statistics over the training set.',
          }),
          h('div', { className: 'figure-row' }, devChart.element),
          h(
            'div',
            { className: 'figure-row' },
            runningMeanChart.element,
            runningVarianceChart.element,
          ),
        ),
      ),
    );
    restart();

    return () => {
      client.dispose();
      rateChart.dispose();
      costChart.dispose();
      devChart.dispose();
      runningMeanChart.dispose();
      runningVarianceChart.dispose();
      zHistogram.dispose();
    };
  },
});
