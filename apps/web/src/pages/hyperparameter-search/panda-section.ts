import { nextSeed } from '../../app/seed-param.js';
import { LineChart } from '../../charts/line-chart.js';
import type { PandaSnapshot } from '../../experiments/search/panda-job.js';
import type { PandaCommand, PandaReport } from '../../experiments/search/panda-protocol.js';
import { h } from '../../ui/dom.js';
import { formatNumber, formatPercent } from '../../ui/format.js';
import { bindParamControls, paramSlider } from '../../ui/param-controls.js';
import { Readouts } from '../../ui/readout.js';
import { RunControls } from '../../ui/run-controls.js';
import { uniqueId } from '../../ui/unique-id.js';
import { HYPERPARAMETER_SEARCH_PARAMS, pandaConfig } from './hyperparameter-search-params.js';
import type { SectionContext, SectionView } from './section-view.js';

/** The most lines the session log keeps. */
const LOG_LINES = 8;

/**
 * Figure (e): panda — one model babysat with the library's `babysit` in a worker: its cost
 * curve, a learning-rate knob that applies from the next epoch, and a revert-to-epoch
 * control.
 */
export function pandaSection({ params, messages }: SectionContext): SectionView {
  const values = params.values;
  const worker = new Worker(new URL('../../experiments/search/panda-worker.ts', import.meta.url), {
    type: 'module',
    name: 'deeptune-panda',
  });
  let runId = 0;
  let playing = false;
  let trainPending = false;
  let last: PandaSnapshot | null = null;
  const log: string[] = [];
  /** Dev costs of epochs dropped by the last revert, by epoch, with the join point. */
  const discarded = new Map<number, number>();
  /** The epoch of the last logged adjustment (keyboard moves of the knob make one line). */
  let lastAdjustEpoch = -1;
  const send = (command: PandaCommand): void => worker.postMessage(command);

  const readouts = new Readouts([
    { key: 'epoch', label: 'Epoch', format: String },
    { key: 'next-lr', label: 'α of the next epoch' },
    { key: 'last-lr', label: 'α of the last epoch' },
    { key: 'train-cost', label: 'Train cost J (last epoch)' },
    { key: 'dev-cost', label: 'Dev cost (model now)' },
    { key: 'dev-error', label: 'Dev error (last epoch)', format: formatPercent },
  ]);
  const chart = new LineChart({
    title: 'Cost of the babysat model (the current line, after reverts)',
    xLabel: 'epoch',
    yLabel: 'cost',
    series: [
      { label: 'train J' },
      { label: 'dev cost', dash: [6, 4] },
      { label: 'dev cost, reverted away', color: '#999', dash: [2, 3] },
    ],
    height: 280,
    testId: 'panda-chart',
  });
  const logList = h('ol', {
    className: 'hyperparameter-search-log',
    attrs: { 'data-testid': 'panda-log' },
  });
  const note = (line: string, replaceLast = false): void => {
    if (replaceLast) log.pop();
    log.push(line);
    if (log.length > LOG_LINES) log.shift();
    logList.replaceChildren(...log.map((text) => h('li', { text })));
  };

  const render = (snapshot: PandaSnapshot, done: boolean): void => {
    last = snapshot;
    const history = snapshot.history;
    const latest = history.at(-1);
    let lastEpoch = snapshot.epoch;
    for (const epoch of discarded.keys()) lastEpoch = Math.max(lastEpoch, epoch);
    const epochs = Array.from({ length: lastEpoch }, (_, index) => index + 1);
    chart.setData(epochs, [
      epochs.map((epoch) => history[epoch - 1]?.cost ?? null),
      epochs.map((epoch) => history[epoch - 1]?.devCost ?? null),
      epochs.map((epoch) => discarded.get(epoch) ?? null),
    ]);
    const markers = [];
    for (let i = 1; i < history.length; i++) {
      if (history[i]!.learningRate !== history[i - 1]!.learningRate) {
        markers.push({
          x: history[i]!.epoch - 0.5,
          label: `α=${formatNumber(history[i]!.learningRate, 3)}`,
        });
      }
    }
    chart.setMarkers(markers);
    readouts.set('epoch', snapshot.epoch);
    readouts.set('next-lr', snapshot.nextLearningRate);
    readouts.set('last-lr', latest?.learningRate ?? null);
    readouts.set('train-cost', latest?.cost ?? null);
    readouts.set('dev-cost', snapshot.currentDevCost);
    readouts.set('dev-error', latest?.devError ?? null);
    revertInput.max = String(snapshot.epoch);
    controls.setDone(done);
    if (!done) controls.setPlaying(playing);
    controls.setStatus(`epoch ${snapshot.epoch} of ${snapshot.maxEpochs}${done ? ' — done' : ''}`);
  };

  worker.addEventListener('message', (event: MessageEvent) => {
    const report = event.data as PandaReport;
    if (report.runId !== runId) return;
    if (report.type === 'error') {
      playing = false;
      trainPending = false;
      controls.setPlaying(false);
      messages.error(report.message);
      return;
    }
    const snapshot = report.snapshot;
    if (report.command === 'train') {
      trainPending = false;
      if (snapshot.diverged !== null) {
        playing = false;
        messages.error(
          `Epoch ${snapshot.epoch + 1} diverged with α = ${formatNumber(snapshot.nextLearningRate, 3)} and was dropped (${snapshot.diverged}). Lower the learning rate or revert to an earlier epoch.`,
        );
      }
    }
    if (report.command === 'revert') {
      const dropped = last?.history.filter((epoch) => epoch.epoch > snapshot.epoch) ?? [];
      if (dropped.length > 0) {
        discarded.clear();
        const join = snapshot.history.at(-1);
        if (join !== undefined) discarded.set(join.epoch, join.devCost);
        for (const epoch of dropped) discarded.set(epoch.epoch, epoch.devCost);
      }
      note(
        `reverted to epoch ${snapshot.epoch} (α = ${formatNumber(snapshot.nextLearningRate, 3)})`,
      );
      lastAdjustEpoch = -1;
      knob.setValue(snapshot.nextLearningRate);
      params.set('lr', snapshot.nextLearningRate);
    }
    if (report.command === 'adjust') {
      note(
        `after epoch ${snapshot.epoch}: α → ${formatNumber(snapshot.nextLearningRate, 3)}`,
        lastAdjustEpoch === snapshot.epoch,
      );
      lastAdjustEpoch = snapshot.epoch;
    }
    if (report.command === 'train') lastAdjustEpoch = -1;
    if (report.done) playing = false;
    render(snapshot, report.done);
    if (playing && !trainPending) trainOne();
  });
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    messages.error(`the training worker failed: ${event.message || 'it could not be loaded'}`);
  });

  const trainOne = (): void => {
    if (trainPending) return;
    trainPending = true;
    send({ type: 'train', epochs: 1 });
  };

  const restart = (): void => {
    runId += 1;
    trainPending = false;
    messages.clear();
    log.length = 0;
    logList.replaceChildren();
    discarded.clear();
    lastAdjustEpoch = -1;
    note(`start: α = ${formatNumber(values.lr, 3)}`);
    send({ type: 'start', runId, config: pandaConfig(values) });
    if (playing) trainOne();
  };

  const controls = new RunControls({
    onPlayingChange: (value) => {
      playing = value;
      if (value) {
        messages.clear();
        trainOne();
      }
    },
    onStep: () => {
      messages.clear();
      trainOne();
    },
    onReset: () => restart(),
    onNewSeed: () => {
      params.set('seed', nextSeed(values.seed));
      seedSlider.setValue(values.seed);
      restart();
    },
  });
  const knob = paramSlider(
    params,
    HYPERPARAMETER_SEARCH_PARAMS,
    'lr',
    {
      label: 'Learning rate α (applies from the next epoch)',
      step: 0.1,
      scale: 'log',
      testId: 'panda-lr',
    },
    (value) => send({ type: 'adjust', learningRate: value }),
  );
  const control = bindParamControls(params, HYPERPARAMETER_SEARCH_PARAMS, restart);
  const seedSlider = control.slider('seed', { label: 'Seed' });
  const budgetSlider = control.slider('pandaEpochs', {
    label: 'Epoch budget',
    step: 5,
    testId: 'panda-epochs',
  });
  const revertId = uniqueId('revert-epoch');
  const revertInput = h('input', {
    attrs: {
      id: revertId,
      type: 'number',
      min: 0,
      max: 0,
      step: 1,
      value: 0,
      'data-testid': 'revert-epoch',
    },
  });
  const revertButton = h('button', {
    text: 'Revert',
    attrs: { type: 'button', 'data-testid': 'revert' },
  });
  revertButton.addEventListener('click', () => {
    const epoch = Number(revertInput.value);
    const latest = last?.epoch ?? 0;
    if (
      revertInput.value.trim() === '' ||
      !Number.isInteger(epoch) ||
      epoch < 0 ||
      epoch > latest
    ) {
      messages.error(
        `Revert: enter a whole epoch from 0 to ${latest} (the checkpoints kept), got “${revertInput.value}”.`,
      );
      return;
    }
    messages.clear();
    send({ type: 'revert', epoch });
  });
  const revertControl = h(
    'div',
    { className: 'control hyperparameter-search-revert' },
    h('label', { text: 'Revert to the checkpoint after epoch', attrs: { for: revertId } }),
    h('div', {}, revertInput, revertButton),
  );

  const figures = h(
    'div',
    { className: 'hyperparameter-search-section' },
    controls.element,
    h('p', {
      className: 'hyperparameter-search-note',
      text: 'One classifier on moons (16 hidden units, gradient descent on mini-batches of 32), trained one epoch at a time by the library’s babysit. Turn the knob while it trains: the next epoch uses the new α. If the cost jumps, revert: weights, optimizer state and α go back to that epoch.',
    }),
    h(
      'div',
      { className: 'figure-row' },
      chart.element,
      h(
        'div',
        { className: 'figure-column' },
        readouts.element,
        h('h3', { text: 'Session' }),
        logList,
      ),
    ),
  );
  restart();
  return {
    controls: [knob.element, revertControl, budgetSlider.element, seedSlider.element],
    figures,
    dispose: () => {
      worker.terminate();
      chart.dispose();
    },
  };
}
