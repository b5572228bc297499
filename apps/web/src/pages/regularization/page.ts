import { definePage } from '../../app/page.js';
import { nextSeed } from '../../app/seed-param.js';
import { DecisionBoundary } from '../../charts/decision-boundary.js';
import { Histogram } from '../../charts/histogram.js';
import { LineChart } from '../../charts/line-chart.js';
import type { ClassifierSnapshot } from '../../experiments/classifier/classifier-job.js';
import { h } from '../../ui/dom.js';
import { formatPercent } from '../../ui/format.js';
import { MessageBox } from '../../ui/message-box.js';
import { bindParamControls } from '../../ui/param-controls.js';
import { Readouts } from '../../ui/readout.js';
import { RunControls } from '../../ui/run-controls.js';
import { Slider } from '../../ui/slider.js';
import { ClassifierSession, type ClassifierHistory } from '../shared/classifier-session.js';
import {
  REGULARIZATION_HIDDEN_LAYERS,
  REGULARIZATION_PARAMS,
  keepProbsOf,
  regularizationRuns,
} from './regularization-params.js';
import './regularization.css';

/** Which of the two runs: without (`plain`) or with (`regularized`) regularization. */
type Side = 'plain' | 'regularized';

/** What the page keeps of one run between snapshots. */
interface SideState {
  history: ClassifierHistory | null;
  snapshot: ClassifierSnapshot | null;
  done: boolean;
  playing: boolean;
}

const SIDE_NAMES: Readonly<Record<Side, string>> = {
  plain: 'without regularization',
  regularized: 'with L2 / dropout',
};

/** `values` padded with `null` to `length` (a run that is behind the other). */
function padded(values: readonly number[], length: number): (number | null)[] {
  return Array.from({ length }, (_, index) => values[index] ?? null);
}

/** The mean absolute value of `weights`. */
function meanAbs(weights: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Math.abs(weights[i]!);
  return weights.length > 0 ? sum / weights.length : 0;
}

export default definePage({
  params: REGULARIZATION_PARAMS,
  mount({ root, params }) {
    const values = params.values;
    const messages = new MessageBox('page-message');
    const states: Record<Side, SideState> = {
      plain: { history: null, snapshot: null, done: false, playing: false },
      regularized: { history: null, snapshot: null, done: false, playing: false },
    };

    const boundaries: Record<Side, DecisionBoundary> = {
      plain: new DecisionBoundary({
        title: 'Without regularization',
        size: 300,
        testId: 'boundary-plain',
      }),
      regularized: new DecisionBoundary({
        title: 'With L2 λ and dropout',
        size: 300,
        testId: 'boundary-regularized',
      }),
    };
    const readoutSpecs = (side: Side) => [
      { key: `${side}-train-error`, label: 'Train error', format: formatPercent },
      { key: `${side}-dev-error`, label: 'Dev error', format: formatPercent },
      { key: `${side}-train-cost`, label: 'Train cost (data)' },
      { key: `${side}-dev-cost`, label: 'Dev cost' },
      { key: `${side}-mean-abs-weight`, label: 'Mean |w|' },
      { key: `${side}-epoch`, label: 'Epoch', format: String },
    ];
    const readouts: Record<Side, Readouts> = {
      plain: new Readouts(readoutSpecs('plain')),
      regularized: new Readouts(readoutSpecs('regularized')),
    };
    const costChart = new LineChart({
      title: 'Cost: training (data part of J) and dev',
      xLabel: 'epoch',
      yLabel: 'cost',
      series: [
        { label: 'train, no reg.', color: '#d55e00' },
        { label: 'dev, no reg.', color: '#d55e00', dash: [6, 4] },
        { label: 'train, reg.', color: '#0072b2' },
        { label: 'dev, reg.', color: '#0072b2', dash: [6, 4] },
      ],
      testId: 'cost-chart',
    });
    const errorChart = new LineChart({
      title: 'Error: training and dev',
      xLabel: 'epoch',
      yLabel: 'error',
      series: [
        { label: 'train, no reg.', color: '#d55e00' },
        { label: 'dev, no reg.', color: '#d55e00', dash: [6, 4] },
        { label: 'train, reg.', color: '#0072b2' },
        { label: 'dev, reg.', color: '#0072b2', dash: [6, 4] },
      ],
      testId: 'error-chart',
    });
    const histogram = new Histogram({
      title: 'Weights of both networks (every weight matrix, no biases)',
      xLabel: 'weight value w',
      series: [
        { label: 'without regularization', color: '#d55e00' },
        { label: 'with L2 / dropout', color: '#0072b2' },
      ],
      bins: 50,
      testId: 'weight-histogram',
    });
    histogram.element.classList.add('regularization-histogram');

    const controls = new RunControls({
      onPlayingChange: (playing) => {
        for (const session of Object.values(sessions)) {
          if (playing) session.play();
          else session.pause();
        }
      },
      onStep: () => {
        for (const session of Object.values(sessions)) session.step();
      },
      onReset: () => restart(),
      onNewSeed: () => {
        params.set('seed', nextSeed(values.seed));
        seedSlider.setValue(values.seed);
        restart();
      },
    });

    const render = (): void => {
      const plain = states.plain;
      const regularized = states.regularized;
      const longer =
        (plain.history?.epochs.length ?? 0) >= (regularized.history?.epochs.length ?? 0)
          ? plain.history
          : regularized.history;
      if (longer !== null) {
        const length = longer.epochs.length;
        const series = (pick: (history: ClassifierHistory) => number[]): (number | null)[][] =>
          [plain.history, regularized.history].map((history) =>
            padded(history === null ? [] : pick(history), length),
          );
        const [trainPlain, trainRegularized] = series((history) => history.dataCost);
        const [devPlain, devRegularized] = series((history) => history.devCost);
        costChart.setData(longer.epochs, [
          trainPlain!,
          devPlain!,
          trainRegularized!,
          devRegularized!,
        ]);
        const [errorPlain, errorRegularized] = series((history) => history.trainError);
        const [devErrorPlain, devErrorRegularized] = series((history) => history.devError);
        errorChart.setData(longer.epochs, [
          errorPlain!,
          devErrorPlain!,
          errorRegularized!,
          devErrorRegularized!,
        ]);
      }
      const plainWeights = plain.snapshot?.weights ?? null;
      const regularizedWeights = regularized.snapshot?.weights ?? null;
      if (plainWeights !== null && regularizedWeights !== null) {
        histogram.setData([plainWeights, regularizedWeights]);
      }
      const done = plain.done && regularized.done;
      controls.setDone(done);
      controls.setPlaying(!done && (plain.playing || regularized.playing));
      const plainEpoch = plain.snapshot?.epoch ?? 0;
      const regularizedEpoch = regularized.snapshot?.epoch ?? 0;
      controls.setStatus(
        plainEpoch === regularizedEpoch
          ? `epoch ${plainEpoch} of ${values.epochs}${done ? ' — done' : ''}`
          : `epoch ${plainEpoch} (no reg.) and ${regularizedEpoch} (reg.) of ${values.epochs}`,
      );
    };

    const onSnapshot =
      (side: Side) =>
      (
        snapshot: ClassifierSnapshot,
        history: ClassifierHistory,
        state: { readonly done: boolean; readonly playing: boolean },
      ): void => {
        const sideState = states[side];
        sideState.snapshot = snapshot;
        sideState.history = history;
        sideState.done = state.done;
        sideState.playing = state.playing;
        const boundary = boundaries[side];
        if (snapshot.scene !== null) boundary.setScene(snapshot.scene);
        boundary.setGrid(snapshot.grid, snapshot.gridSize);
        const sideReadouts = readouts[side];
        sideReadouts.set(`${side}-epoch`, snapshot.epoch);
        sideReadouts.set(`${side}-train-error`, snapshot.trainError);
        sideReadouts.set(`${side}-dev-error`, snapshot.devError);
        sideReadouts.set(`${side}-train-cost`, snapshot.dataCost);
        sideReadouts.set(`${side}-dev-cost`, snapshot.devCost);
        sideReadouts.set(
          `${side}-mean-abs-weight`,
          snapshot.weights === null ? null : meanAbs(snapshot.weights),
        );
        if (snapshot.diverged !== null) {
          messages.error(`The network ${SIDE_NAMES[side]} diverged: ${snapshot.diverged}`);
        }
        render();
      };
    const onError = (side: Side) => (message: string) => {
      states[side].playing = false;
      controls.setPlaying(false);
      messages.error(`The network ${SIDE_NAMES[side]} failed: ${message}`);
    };
    const sessions: Record<Side, ClassifierSession> = {
      plain: new ClassifierSession({ onSnapshot: onSnapshot('plain'), onError: onError('plain') }),
      regularized: new ClassifierSession({
        onSnapshot: onSnapshot('regularized'),
        onError: onError('regularized'),
      }),
    };

    const restart = (): void => {
      messages.clear();
      const runs = regularizationRuns(values);
      const play = controls.playing;
      for (const side of ['plain', 'regularized'] as const) {
        states[side] = { history: null, snapshot: null, done: false, playing: play };
        sessions[side].start(runs[side], play);
      }
    };
    const control = bindParamControls(params, REGULARIZATION_PARAMS, restart);
    const seedSlider = control.slider('seed', { label: 'Seed' });
    const keepSliders = keepProbsOf(values).map(
      (keep, index) =>
        new Slider({
          label: `keepProb of hidden layer ${index + 1}`,
          min: 0.1,
          max: 1,
          step: 0.05,
          value: keep,
          onInput: () => {
            params.set(
              'keep',
              keepSliders.map((slider) => slider.value),
            );
            restart();
          },
          testId: `keep-${index + 1}`,
        }),
    );

    const controlsPanel = h(
      'section',
      { className: 'controls', attrs: { 'aria-label': 'Settings' } },
      h('h2', { text: 'Data' }),
      control.select('dataset', { label: 'Dataset' }).element,
      control.slider('points', { label: 'Points (train + dev)', step: 10 }).element,
      control.slider('noise', { label: 'Noise' }).element,
      h('h2', { text: 'Network (both sides)' }),
      control.slider('units', {
        label: `Units in each of the ${REGULARIZATION_HIDDEN_LAYERS} hidden layers`,
        step: 8,
      }).element,
      h('h2', { text: 'Regularization (right side)' }),
      control.slider('lambda', { label: 'L2 λ (cost + λ/2m · Σ‖W‖²)' }).element,
      ...keepSliders.map((slider) => slider.element),
      h('h2', { text: 'Training' }),
      control.slider('lr', { label: 'Learning rate α (Adam)', step: 0.05, scale: 'log' }).element,
      control.slider('epochs', { label: 'Epochs', step: 10 }).element,
      seedSlider.element,
    );

    const side = (which: Side): HTMLElement =>
      h(
        'section',
        {
          className: 'regularization-side',
          attrs: {
            'data-testid': `side-${which}`,
            'aria-label': `The network ${SIDE_NAMES[which]}`,
          },
        },
        boundaries[which].element,
        readouts[which].element,
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
          h('div', { className: 'figure-row' }, side('plain'), side('regularized')),
          h('div', { className: 'figure-row' }, costChart.element, errorChart.element),
          h('div', { className: 'figure-row' }, histogram.element),
        ),
      ),
    );
    restart();

    return () => {
      sessions.plain.dispose();
      sessions.regularized.dispose();
      costChart.dispose();
      errorChart.dispose();
      histogram.dispose();
    };
  },
});
