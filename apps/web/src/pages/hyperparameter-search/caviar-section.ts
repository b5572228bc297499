import { nextSeed } from '../../app/seed-param.js';
import { LineChart } from '../../charts/line-chart.js';
import { h } from '../../ui/dom.js';
import { formatNumber, formatPercent } from '../../ui/format.js';
import { bindParamControls } from '../../ui/param-controls.js';
import { Readouts } from '../../ui/readout.js';
import { RunControls } from '../../ui/run-controls.js';
import { CaviarSearch, type CaviarTrialView } from './caviar-search.js';
import { HYPERPARAMETER_SEARCH_PARAMS, caviarStudyConfig } from './hyperparameter-search-params.js';
import type { SectionContext, SectionView } from './section-view.js';

/** Complete trials by dev cost, then running ones, then failed ones. */
function ranked(trials: readonly CaviarTrialView[]): CaviarTrialView[] {
  const order = { complete: 0, running: 1, failed: 2 } as const;
  return trials
    .filter((trial) => trial !== undefined)
    .sort((a, b) => {
      if (a.state !== b.state) return order[a.state] - order[b.state];
      if (a.state === 'complete') return a.devCost! - b.devCost! || a.number - b.number;
      return a.number - b.number;
    });
}

/**
 * Figure (d): caviar — many small classifiers on moons with sampled α and hidden units,
 * training in parallel Web Workers; every trial's dev-cost curve in one chart and a
 * leaderboard.
 */
export function caviarSection({ params, messages }: SectionContext): SectionView {
  const values = params.values;
  const readouts = new Readouts([
    { key: 'finished', label: 'Trials finished', format: String },
    { key: 'running', label: 'Training now', format: String },
    { key: 'best-dev-cost', label: 'Best dev cost' },
    { key: 'best-trial', label: 'Best trial', format: (value) => `#${value}` },
  ]);
  const chartHolder = h('div', { className: 'hyperparameter-search-chart' });
  const leaderboard = h('tbody');
  let search: CaviarSearch | null = null;
  let chart: LineChart | null = null;

  const render = (): void => {
    const current = search;
    if (current === null) return;
    const trials = current.trials;
    const epochs = current.curveEpochs;
    chart?.setData(
      epochs,
      Array.from({ length: current.config.trials }, (_, index) => {
        const costs = trials[index]?.devCosts ?? [];
        return epochs.map((_, step) => costs[step] ?? null);
      }),
    );
    const rows = ranked(trials);
    const best = rows[0]?.state === 'complete' ? rows[0] : null;
    readouts.set('finished', current.finished);
    readouts.set('running', current.running);
    readouts.set('best-dev-cost', best?.devCost ?? null);
    readouts.set('best-trial', best?.number ?? null);
    let rank = 0;
    leaderboard.replaceChildren(
      ...rows.map((trial) =>
        h(
          'tr',
          {
            attrs: {
              'data-trial': trial.number,
              'data-state': trial.state,
              'data-dev-cost': trial.devCost ?? '',
            },
          },
          h('td', { text: trial.state === 'complete' ? String(++rank) : '' }),
          h('td', { text: `#${trial.number}` }),
          h('td', { text: formatNumber(trial.learningRate, 3) }),
          h('td', { text: String(trial.hiddenUnits) }),
          h('td', { text: String(trial.epoch) }),
          h('td', { text: formatNumber(trial.devCost) }),
          h('td', { text: formatPercent(trial.devError) }),
          h('td', {
            text: trial.state === 'failed' ? `failed: ${trial.reason ?? ''}` : trial.state,
          }),
        ),
      ),
    );
    const done = current.done;
    controls.setDone(done);
    if (!done) controls.setPlaying(current.playing);
    controls.setStatus(
      `${current.finished} of ${current.config.trials} trials finished${done ? ' — done' : `, ${current.running} training`}`,
    );
  };

  const restart = (): void => {
    search?.dispose();
    chart?.dispose();
    messages.clear();
    const config = caviarStudyConfig(values);
    chart = new LineChart({
      title: 'Dev cost of every trial (caviar: many models at once)',
      xLabel: 'epoch',
      yLabel: 'dev cost',
      series: Array.from({ length: config.trials }, (_, index) => ({
        label: `#${index}`,
        width: 1.5,
      })),
      logY: true,
      height: 300,
      testId: 'caviar-chart',
    });
    chartHolder.replaceChildren(chart.element);
    const created = new CaviarSearch({
      config,
      onChange: () => {
        if (search === created) render();
      },
      onError: (message) => {
        if (search === created) messages.error(message);
      },
    });
    search = created;
    controls.setDone(false);
    created.start(controls.playing).catch((error: unknown) => {
      messages.error(
        `The search could not start: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  };

  const controls = new RunControls({
    onPlayingChange: (playing) => (playing ? search?.play() : search?.pause()),
    onStep: () => search?.step(),
    onReset: () => restart(),
    onNewSeed: () => {
      params.set('seed', nextSeed(values.seed));
      seedSlider.setValue(values.seed);
      restart();
    },
  });
  const control = bindParamControls(params, HYPERPARAMETER_SEARCH_PARAMS, restart);
  const seedSlider = control.slider('seed', { label: 'Seed' });
  const sectionControls = [
    control.slider('workers', { label: 'Parallel workers' }).element,
    control.slider('caviarTrials', { label: 'Trials', testId: 'caviar-trials' }).element,
    control.slider('epochs', { label: 'Epochs per trial', step: 5 }).element,
    seedSlider.element,
  ];
  const figures = h(
    'div',
    { className: 'hyperparameter-search-section' },
    controls.element,
    h('p', {
      className: 'hyperparameter-search-note',
      text: 'Each trial is a one-hidden-layer classifier on the moons data (Adam, mini-batches of 32) with α ~ hp.log(0.001, 1) and hidden units ~ hp.int(2, 32) from the library’s random sampler; trials are compared on the dev cost.',
    }),
    h('div', { className: 'figure-row' }, chartHolder, readouts.element),
    h(
      'table',
      { className: 'hyperparameter-search-table', attrs: { 'data-testid': 'leaderboard' } },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Rank', 'Trial', 'α', 'Hidden units', 'Epoch', 'Dev cost', 'Dev error', 'State'].map(
            (text) => h('th', { text }),
          ),
        ),
      ),
      leaderboard,
    ),
  );
  restart();
  return {
    controls: sectionControls,
    figures,
    dispose: () => {
      search?.dispose();
      chart?.dispose();
    },
  };
}
