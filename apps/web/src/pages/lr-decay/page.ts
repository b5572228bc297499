import { definePage } from '../../app/page.js';
import { nextSeed } from '../../app/seed-param.js';
import { LineChart, type LineSeries } from '../../charts/line-chart.js';
import { SERIES_COLORS } from '../../charts/palette.js';
import type { LrDecayConfig } from '../../experiments/lr-decay/lr-decay-config.js';
import type { LrDecaySnapshot } from '../../experiments/lr-decay/lr-decay-job.js';
import {
  SCHEDULE_LABELS,
  SCHEDULE_NAMES,
  SCHEDULE_SHORT_LABELS,
  buildSchedule,
  scheduleValues,
  type ScheduleName,
} from '../../experiments/lr-decay/schedule-choice.js';
import { JobClient } from '../../worker/job-client.js';
import { h } from '../../ui/dom.js';
import { MessageBox } from '../../ui/message-box.js';
import { bindParamControls } from '../../ui/param-controls.js';
import { Readouts } from '../../ui/readout.js';
import { RunControls } from '../../ui/run-controls.js';
import { Select } from '../../ui/select.js';
import { LR_DECAY_PARAMS, LR_DECAY_POINTS, lrDecayConfig } from './lr-decay-params.js';
import './lr-decay.css';

export default definePage({
  params: LR_DECAY_PARAMS,
  mount({ root, params }) {
    const values = params.values;
    const messages = new MessageBox('page-message');

    const scheduleChart = new LineChart({
      title: 'deeptune’s schedules: α against the epoch',
      xLabel: 'epoch',
      yLabel: 'α',
      series: SCHEDULE_NAMES.map((name) => ({
        label: SCHEDULE_SHORT_LABELS[name],
        ...(name === 'constant' ? { dash: [6, 4] } : {}),
      })),
      height: 260,
      testId: 'schedule-chart',
    });
    /** The run's series: constant α₀ and the chosen schedule, in its colour of the α chart. */
    const runSeries = (name: ScheduleName): LineSeries[] => [
      { label: 'constant α₀', color: SERIES_COLORS[0], dash: [6, 4] },
      {
        label: SCHEDULE_SHORT_LABELS[name],
        color: SERIES_COLORS[SCHEDULE_NAMES.indexOf(name) % SERIES_COLORS.length]!,
      },
    ];
    const makeDistanceChart = (name: ScheduleName): LineChart =>
      new LineChart({
        title: 'Distance of (w, b) to the least-squares optimum (log scale)',
        xLabel: 'epoch',
        yLabel: '‖θ − θ*‖',
        series: runSeries(name),
        logY: true,
        testId: 'distance-chart',
      });
    const makeCostChart = (name: ScheduleName): LineChart =>
      new LineChart({
        title: 'Excess training cost J − J* (log scale)',
        xLabel: 'epoch',
        yLabel: 'J − J*',
        series: runSeries(name),
        logY: true,
        testId: 'cost-chart',
      });
    let chartSchedule = values.schedule as ScheduleName;
    let distanceChart = makeDistanceChart(chartSchedule);
    let costChart = makeCostChart(chartSchedule);
    const runCharts = h(
      'div',
      { className: 'figure-row' },
      distanceChart.element,
      costChart.element,
    );
    /** Rebuilds the run's charts when the schedule (their second series) changes. */
    const matchChartsToSchedule = (): void => {
      const name = values.schedule as ScheduleName;
      if (name === chartSchedule) return;
      chartSchedule = name;
      distanceChart.dispose();
      costChart.dispose();
      distanceChart = makeDistanceChart(name);
      costChart = makeCostChart(name);
      runCharts.replaceChildren(distanceChart.element, costChart.element);
    };
    const readouts = new Readouts([
      { key: 'epoch', label: 'Epoch', format: String },
      { key: 'distance-constant', label: 'Distance, constant α' },
      { key: 'distance-scheduled', label: 'Distance, schedule' },
      { key: 'excess-constant', label: 'J − J*, constant α' },
      { key: 'excess-scheduled', label: 'J − J*, schedule' },
      { key: 'alpha-now', label: 'α of the last epoch trained' },
      { key: 'alpha-end', label: 'α at the final epoch' },
      { key: 'optimal-weight', label: 'w* (least squares)' },
      { key: 'optimal-bias', label: 'b* (least squares)' },
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
      snapshot: LrDecaySnapshot,
      state: { readonly done: boolean; readonly playing: boolean },
    ): void => {
      distanceChart.setData(snapshot.epochs, [
        snapshot.constant.distance,
        snapshot.scheduled.distance,
      ]);
      costChart.setData(snapshot.epochs, [
        snapshot.constant.excessCost,
        snapshot.scheduled.excessCost,
      ]);
      readouts.set('epoch', snapshot.epoch);
      readouts.set('distance-constant', snapshot.constant.distance.at(-1) ?? null);
      readouts.set('distance-scheduled', snapshot.scheduled.distance.at(-1) ?? null);
      readouts.set('excess-constant', snapshot.constant.excessCost.at(-1) ?? null);
      readouts.set('excess-scheduled', snapshot.scheduled.excessCost.at(-1) ?? null);
      readouts.set('alpha-now', snapshot.scheduled.learningRate.at(-1) ?? null);
      readouts.set('optimal-weight', snapshot.optimum.weight);
      readouts.set('optimal-bias', snapshot.optimum.bias);
      controls.setDone(state.done);
      controls.setPlaying(state.playing);
      controls.setStatus(
        `epoch ${snapshot.epoch} of ${values.epochs}${state.done ? ' — done' : ''}`,
      );
      if (snapshot.diverged !== null) {
        messages.error(`Training diverged: ${snapshot.diverged} Lower α₀ (it is ${values.lr}).`);
        controls.setStatus(`diverged at epoch ${snapshot.epoch + 1}`);
      }
    };

    const client = new JobClient<LrDecayConfig, LrDecaySnapshot>({
      createWorker: () =>
        new Worker(new URL('../../experiments/lr-decay/lr-decay-worker.ts', import.meta.url), {
          type: 'module',
          name: 'deeptune-lr-decay',
        }),
      onSnapshot: showSnapshot,
      onError: (message) => {
        controls.setPlaying(false);
        controls.setDone(true);
        controls.setStatus('not started');
        messages.error(message);
      },
    });

    /** Draws every schedule; a schedule the library refuses is named, its line left out. */
    const renderSchedules = (): void => {
      const config = lrDecayConfig(values);
      const epochs = Array.from({ length: values.epochs }, (_, index) => index + 1);
      const problems: string[] = [];
      const curves = SCHEDULE_NAMES.map((name) => {
        try {
          return scheduleValues(buildSchedule(name, config.settings), values.epochs);
        } catch (error) {
          problems.push(error instanceof Error ? error.message : String(error));
          return epochs.map(() => null);
        }
      });
      scheduleChart.setData(epochs, curves);
      const chosen = curves[SCHEDULE_NAMES.indexOf(config.schedule)]!;
      readouts.set('alpha-end', chosen.at(-1) ?? null);
      if (problems.length > 0) messages.notice(problems.join(' '));
    };

    const restart = (): void => {
      messages.clear();
      matchChartsToSchedule();
      renderSchedules();
      controls.setDone(false);
      client.start(lrDecayConfig(values), controls.playing);
    };
    const control = bindParamControls(params, LR_DECAY_PARAMS, restart);
    const slider = control.slider;
    const seedSlider = slider('seed', { label: 'Seed' });

    const controlsPanel = h(
      'section',
      { className: 'controls', attrs: { 'aria-label': 'Settings' } },
      h('h2', { text: 'Schedule' }),
      new Select({
        label: 'Compare with constant α₀',
        options: SCHEDULE_NAMES.filter((name) => name !== 'constant').map((name) => ({
          value: name,
          label: SCHEDULE_LABELS[name],
        })),
        value: values.schedule,
        onChange: (value) => {
          params.set('schedule', value as ScheduleName);
          restart();
        },
        testId: 'schedule',
      }).element,
      slider('lr', { label: 'Initial learning rate α₀', step: 0.05, scale: 'log' }).element,
      slider('decay', { label: 'Time decay d', step: 0.05 }).element,
      slider('k', { label: 'Exponential factor k', step: 0.005 }).element,
      slider('stair', { label: 'Staircase: epochs per stair s' }).element,
      slider('rate', { label: 'Staircase: factor per stair r', step: 0.05 }).element,
      slider('warmup', { label: 'Warmup epochs' }).element,
      h('h2', { text: 'Training' }),
      slider('epochs', { label: 'Epochs', step: 5 }).element,
      slider('batch', { label: `Mini-batch size (of ${LR_DECAY_POINTS} points)` }).element,
      slider('noise', { label: 'Noise of the targets', step: 0.1 }).element,
      seedSlider.element,
    );

    root.replaceChildren(
      h(
        'div',
        { className: 'experiment lr-decay-page' },
        controlsPanel,
        h(
          'div',
          { className: 'figures' },
          h('div', { className: 'figure-row' }, scheduleChart.element),
          h(
            'p',
            { className: 'lr-decay-key' },
            'time: α₀/(1 + d·epoch) · exp: α₀·k^epoch · stair: α₀·r^⌊epoch/s⌋ · √: α₀/√epoch · cosine: a linear warmup to α₀, then ½·(1 + cos) down to 0 at the last epoch. Epochs count from 1.',
          ),
          controls.element,
          messages.element,
          h(
            'p',
            { className: 'lr-decay-problem' },
            `Both runs fit y = w·x + b to ${LR_DECAY_POINTS} noisy points with plain mini-batch gradient descent, from the same initial (w, b) and on the same shuffled mini-batches; only α differs.`,
          ),
          readouts.element,
          runCharts,
        ),
      ),
    );
    restart();

    return () => {
      client.dispose();
      scheduleChart.dispose();
      distanceChart.dispose();
      costChart.dispose();
    };
  },
});
