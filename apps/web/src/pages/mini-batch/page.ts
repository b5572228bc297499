import { definePage } from '../../app/page.js';
import { nextSeed } from '../../app/seed-param.js';
import { LineChart } from '../../charts/line-chart.js';
import type { MiniBatchConfig } from '../../experiments/mini-batch/mini-batch-config.js';
import {
  DESCENT_KINDS,
  type MiniBatchSnapshot,
} from '../../experiments/mini-batch/mini-batch-job.js';
import { describeRisingCosts } from '../../experiments/mini-batch/rising-costs.js';
import { h } from '../../ui/dom.js';
import { MessageBox } from '../../ui/message-box.js';
import { bindParamControls } from '../../ui/param-controls.js';
import { Readouts } from '../../ui/readout.js';
import { RunControls } from '../../ui/run-controls.js';
import { Slider } from '../../ui/slider.js';
import { JobClient } from '../../worker/job-client.js';
import { MINI_BATCH_PARAMS, miniBatchConfig } from './mini-batch-params.js';
import './mini-batch.css';

/** The colours of batch, mini-batch and stochastic descent in both charts. */
const DESCENT_SERIES = [
  { label: 'batch', color: '#0072b2' },
  { label: 'mini-batch', color: '#009e73' },
  { label: 'stochastic', color: '#d55e00', width: 1 },
] as const;

export default definePage({
  params: MINI_BATCH_PARAMS,
  mount({ root, params }) {
    const values = params.values;
    const messages = new MessageBox('page-message');

    const iterationChart = new LineChart({
      title: 'Cost J of each iteration’s mini-batch (log iterations)',
      xLabel: 'iteration',
      yLabel: 'J',
      series: DESCENT_SERIES,
      logX: true,
      height: 280,
      testId: 'iteration-chart',
    });
    const epochChart = new LineChart({
      title: 'Cost on the whole training set after each epoch',
      xLabel: 'epoch',
      yLabel: 'J',
      series: DESCENT_SERIES,
      height: 280,
      testId: 'epoch-chart',
    });
    const readouts = new Readouts([
      { key: 'epoch', label: 'Epoch', format: String },
      { key: 'train-size', label: 'Training examples m', format: String },
      ...DESCENT_KINDS.map((kind) => ({
        key: `iterations-${kind}`,
        label: `Iterations per epoch, ${kind}`,
        format: String,
      })),
      ...DESCENT_KINDS.map((kind) => ({ key: `cost-${kind}`, label: `Cost now, ${kind}` })),
    ]);

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

    const showSnapshot = (
      snapshot: MiniBatchSnapshot,
      state: { readonly done: boolean; readonly playing: boolean },
    ): void => {
      const longest = Math.max(...snapshot.runs.map((run) => run.iterationCosts.length));
      const iterations = Array.from({ length: longest }, (_, index) => index + 1);
      iterationChart.setData(
        iterations,
        snapshot.runs.map((run) => iterations.map((_, index) => run.iterationCosts[index] ?? null)),
      );
      const epochs = Array.from({ length: snapshot.epoch + 1 }, (_, index) => index);
      epochChart.setData(
        epochs,
        snapshot.runs.map((run) => epochs.map((epoch) => run.epochCosts[epoch] ?? null)),
      );
      readouts.set('epoch', snapshot.epoch);
      readouts.set('train-size', snapshot.trainSize);
      for (const run of snapshot.runs) {
        readouts.set(`iterations-${run.kind}`, run.iterationsPerEpoch);
        readouts.set(`cost-${run.kind}`, run.diverged === null ? run.epochCosts.at(-1)! : null);
      }
      const diverged = snapshot.runs.filter((run) => run.diverged !== null);
      controls.setDone(state.done);
      controls.setPlaying(state.playing);
      controls.setStatus(
        `epoch ${snapshot.epoch} of ${values.epochs}${state.done ? ' — done' : ''}`,
      );
      const rising = describeRisingCosts(snapshot, values.lr);
      if (diverged.length > 0) {
        messages.error(
          diverged
            .map(
              (run) =>
                `${run.kind} descent (batch size ${run.batchSize}) diverged: ${run.diverged}`,
            )
            .join(' '),
        );
      } else if (rising !== null) {
        messages.notice(rising);
      } else if (values.batch >= snapshot.trainSize) {
        messages.notice(
          `A mini-batch of ${values.batch} is at least the ${snapshot.trainSize} training examples: mini-batch descent is batch descent here (one step per epoch).`,
        );
      } else {
        messages.clear();
      }
    };

    const client = new JobClient<MiniBatchConfig, MiniBatchSnapshot>({
      createWorker: () =>
        new Worker(new URL('../../experiments/mini-batch/mini-batch-worker.ts', import.meta.url), {
          type: 'module',
          name: 'deeptune-mini-batch',
        }),
      onSnapshot: showSnapshot,
      onError: (message) => {
        controls.setPlaying(false);
        messages.error(message);
      },
    });

    const restart = (): void => {
      messages.clear();
      controls.setDone(false);
      client.start(miniBatchConfig(values), controls.playing);
    };
    const control = bindParamControls(params, MINI_BATCH_PARAMS, restart);
    const seedSlider = control.slider('seed', { label: 'Seed' });

    const controlsPanel = h(
      'section',
      { className: 'controls', attrs: { 'aria-label': 'Settings' } },
      h('h2', { text: 'Descent' }),
      new Slider({
        label: 'Mini-batch size (powers of 2)',
        min: 0,
        max: 11,
        step: 1,
        value: Math.log2(values.batch),
        format: (exponent) => String(Math.round(2 ** exponent)),
        onInput: (exponent) => {
          params.set('batch', 2 ** exponent);
          restart();
        },
        testId: 'batch',
      }).element,
      control.slider('lr', { label: 'Learning rate α (all three)', step: 0.05, scale: 'log' })
        .element,
      control.slider('epochs', { label: 'Epochs' }).element,
      control.slider('units', { label: 'Hidden units (tanh)' }).element,
      h('h2', { text: 'Data' }),
      control.select('dataset', { label: 'Dataset' }).element,
      control.slider('points', { label: 'Points (70 % train)', step: 20 }).element,
      control.slider('noise', { label: 'Noise', step: 0.01 }).element,
      seedSlider.element,
    );

    root.replaceChildren(
      h(
        'div',
        { className: 'experiment mini-batch-page' },
        controlsPanel,
        h(
          'div',
          { className: 'figures' },
          controls.element,
          messages.element,
          h(
            'p',
            { className: 'mini-batch-problem' },
            'The same network, from the same initial weights, trained three times with plain gradient descent and the same α: on the whole training set per step (batch), on mini-batches, and on one example per step (stochastic).',
          ),
          readouts.element,
          h('div', { className: 'figure-row' }, iterationChart.element),
          h('div', { className: 'figure-row' }, epochChart.element),
        ),
      ),
    );
    restart();

    return () => {
      client.dispose();
      iterationChart.dispose();
      epochChart.dispose();
    };
  },
});
