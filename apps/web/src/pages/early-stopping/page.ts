import { definePage } from '../../app/page.js';
import { nextSeed } from '../../app/seed-param.js';
import { DecisionBoundary } from '../../charts/decision-boundary.js';
import { LineChart, type ChartMarker } from '../../charts/line-chart.js';
import type {
  EarlyStoppingSnapshot,
  ModelView,
} from '../../experiments/early-stopping/early-stopping-job.js';
import { h } from '../../ui/dom.js';
import { formatNumber, formatPercent } from '../../ui/format.js';
import { MessageBox } from '../../ui/message-box.js';
import { bindParamControls } from '../../ui/param-controls.js';
import { Readouts } from '../../ui/readout.js';
import { RunControls } from '../../ui/run-controls.js';
import {
  EARLY_STOPPING_HIDDEN_LAYERS,
  EARLY_STOPPING_PARAMS,
  earlyStoppingConfig,
} from './early-stopping-params.js';
import { EarlyStoppingSession } from './early-stopping-session.js';
import './early-stopping.css';

/** The two models the page shows: the weights being trained, and the best dev-cost ones. */
type Which = 'latest' | 'best';

/** The markers of the dev minimum and of the stop. */
function markersOf(snapshot: EarlyStoppingSnapshot): ChartMarker[] {
  const markers: ChartMarker[] = [];
  if (snapshot.best !== null) {
    markers.push({ x: snapshot.best.epoch, label: `dev min (epoch ${snapshot.best.epoch})` });
  }
  if (snapshot.stoppedEpoch !== null) {
    markers.push({ x: snapshot.stoppedEpoch, label: 'stopped' });
  }
  return markers;
}

export default definePage({
  params: EARLY_STOPPING_PARAMS,
  mount({ root, params }) {
    const values = params.values;
    const messages = new MessageBox('page-message');

    const boundaries: Record<Which, DecisionBoundary> = {
      latest: new DecisionBoundary({
        title: 'Last epoch trained (overfits)',
        size: 300,
        testId: 'boundary-latest',
      }),
      best: new DecisionBoundary({
        title: 'Lowest dev cost (restored)',
        size: 300,
        testId: 'boundary-best',
      }),
    };
    const readoutSpecs = (which: Which) => [
      { key: `${which}-epoch`, label: 'Weights of epoch', format: String },
      { key: `${which}-train-error`, label: 'Train error', format: formatPercent },
      { key: `${which}-dev-error`, label: 'Dev error', format: formatPercent },
      { key: `${which}-train-cost`, label: 'Train cost' },
      { key: `${which}-dev-cost`, label: 'Dev cost' },
    ];
    const readouts: Record<Which, Readouts> = {
      latest: new Readouts(readoutSpecs('latest')),
      best: new Readouts(readoutSpecs('best')),
    };
    const outcome = h('p', {
      className: 'early-stopping-outcome',
      attrs: { 'data-testid': 'outcome', 'aria-live': 'polite' },
    });
    const costChart = new LineChart({
      title: 'Cost per epoch, with the dev minimum',
      xLabel: 'epoch',
      yLabel: 'cost',
      series: [{ label: 'train J' }, { label: 'dev cost', dash: [6, 4] }],
      testId: 'cost-chart',
    });
    const errorChart = new LineChart({
      title: 'Error per epoch',
      xLabel: 'epoch',
      yLabel: 'error',
      series: [{ label: 'train error' }, { label: 'dev error', dash: [6, 4] }],
      testId: 'error-chart',
    });

    const controls = new RunControls({
      onPlayingChange: (playing) => (playing ? session.play() : session.pause()),
      onStep: () => session.step(),
      onReset: () => restart(),
      onNewSeed: () => {
        params.set('seed', nextSeed(values.seed));
        seedSlider.setValue(values.seed);
        restart();
      },
    });

    const showModel = (which: Which, view: ModelView | null): void => {
      const shown = readouts[which];
      shown.set(`${which}-epoch`, view?.epoch ?? null);
      shown.set(`${which}-train-error`, view?.trainError ?? null);
      shown.set(`${which}-dev-error`, view?.devError ?? null);
      shown.set(`${which}-train-cost`, view?.trainCost ?? null);
      shown.set(`${which}-dev-cost`, view?.devCost ?? null);
    };

    const showOutcome = (snapshot: EarlyStoppingSnapshot, done: boolean): void => {
      const best = snapshot.best;
      outcome.dataset['stoppedEpoch'] = String(snapshot.stoppedEpoch ?? '');
      outcome.dataset['restoredEpoch'] = String(snapshot.restoredEpoch ?? '');
      if (snapshot.diverged !== null) {
        outcome.dataset['state'] = 'diverged';
        outcome.textContent = `Training diverged at epoch ${snapshot.epoch}; nothing to restore.`;
      } else if (snapshot.restoredEpoch !== null && best !== null) {
        const restored = `restored epoch ${snapshot.restoredEpoch} (dev cost ${formatNumber(best.devCost)})`;
        if (snapshot.stoppedEpoch !== null) {
          outcome.dataset['state'] = 'stopped';
          outcome.textContent = `Stopped at epoch ${snapshot.stoppedEpoch}, ${restored}.`;
        } else {
          outcome.dataset['state'] = 'budget';
          outcome.textContent = `Ran all ${snapshot.epoch} epochs without stopping (patience ${values.patience} was not used up); ${restored}.`;
        }
      } else if (best === null) {
        outcome.dataset['state'] = 'waiting';
        outcome.textContent = done
          ? 'No epoch was trained.'
          : `Train to find the epoch with the lowest dev cost; training stops after ${values.patience} epochs without a lower one.`;
      } else {
        outcome.dataset['state'] = 'training';
        outcome.textContent = `Epoch ${snapshot.epoch}: lowest dev cost so far ${formatNumber(best.devCost)} at epoch ${best.epoch}; ${snapshot.epoch - best.epoch} of ${values.patience} epochs of patience used.`;
      }
    };

    const session = new EarlyStoppingSession({
      onSnapshot: (snapshot, history, state) => {
        if (snapshot.scene !== null) {
          boundaries.latest.setScene(snapshot.scene);
          boundaries.best.setScene(snapshot.scene);
        }
        if (snapshot.diverged === null) {
          boundaries.latest.setGrid(snapshot.latest.grid, snapshot.gridSize);
          showModel('latest', snapshot.latest);
          if (snapshot.best !== null)
            boundaries.best.setGrid(snapshot.best.grid, snapshot.gridSize);
          showModel('best', snapshot.best);
        } else {
          messages.error(`Training diverged: ${snapshot.diverged}`);
        }
        costChart.setData(history.epochs, [history.cost, history.devCost]);
        errorChart.setData(history.epochs, [history.trainError, history.devError]);
        const markers = markersOf(snapshot);
        costChart.setMarkers(markers);
        errorChart.setMarkers(markers);
        controls.setDone(state.done);
        controls.setPlaying(state.playing);
        controls.setStatus(
          `epoch ${snapshot.epoch} of at most ${values.epochs}${state.done ? ' — done' : ''}`,
        );
        showOutcome(snapshot, state.done);
      },
      onError: (message) => {
        controls.setPlaying(false);
        messages.error(message);
      },
    });

    const restart = (): void => {
      messages.clear();
      boundaries.best.setGrid(new Float32Array(0), 0);
      session.start(earlyStoppingConfig(values), controls.playing);
    };
    const control = bindParamControls(params, EARLY_STOPPING_PARAMS, restart);
    const seedSlider = control.slider('seed', { label: 'Seed' });
    const controlsPanel = h(
      'section',
      { className: 'controls', attrs: { 'aria-label': 'Settings' } },
      h('h2', { text: 'Early stopping' }),
      control.slider('patience', { label: 'Patience (epochs without a lower dev cost)' }).element,
      control.slider('epochs', { label: 'Epoch budget', step: 10 }).element,
      h('h2', { text: 'Data' }),
      control.select('dataset', { label: 'Dataset' }).element,
      control.slider('points', { label: 'Points (train + dev)', step: 10 }).element,
      control.slider('noise', { label: 'Noise' }).element,
      h('h2', { text: 'Network and training' }),
      control.slider('units', {
        label: `Units in each of the ${EARLY_STOPPING_HIDDEN_LAYERS} hidden layers`,
        step: 8,
      }).element,
      control.slider('lr', {
        label: 'Learning rate α (Adam, full batch)',
        step: 0.05,
        scale: 'log',
      }).element,
      seedSlider.element,
    );

    const side = (which: Which): HTMLElement =>
      h(
        'section',
        { className: 'early-stopping-side', attrs: { 'data-testid': `side-${which}` } },
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
          outcome,
          h('div', { className: 'figure-row' }, side('latest'), side('best')),
          h('div', { className: 'figure-row' }, costChart.element, errorChart.element),
        ),
      ),
    );
    restart();

    return () => {
      session.dispose();
      costChart.dispose();
      errorChart.dispose();
    };
  },
});
