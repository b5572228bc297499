import { nextSeed } from '../../app/seed-param.js';
import {
  C2F_FLOOR,
  C2F_OPTIMUM,
  CoarseToFineRun,
  c2fObjective,
  type C2fRound,
} from '../../experiments/search/coarse-to-fine-run.js';
import { SERIES_COLORS } from '../../charts/palette.js';
import { h } from '../../ui/dom.js';
import { formatNumber } from '../../ui/format.js';
import { bindParamControls } from '../../ui/param-controls.js';
import { Readouts } from '../../ui/readout.js';
import { RunControls } from '../../ui/run-controls.js';
import {
  HYPERPARAMETER_SEARCH_PARAMS,
  coarseToFineConfig,
} from './hyperparameter-search-params.js';
import { decadeTicks, PlotCanvas } from './plot-canvas.js';
import type { SectionContext, SectionView } from './section-view.js';

/** Milliseconds between rounds while playing (to watch the zoom). */
const ROUND_PAUSE_MS = 600;

function roundColor(round: number): string {
  return SERIES_COLORS[round % SERIES_COLORS.length]!;
}

function formatRange(range: readonly [number, number], value: (x: number) => number): string {
  const a = value(range[0]);
  const b = value(range[1]);
  return `${formatNumber(Math.min(a, b), 3)} – ${formatNumber(Math.max(a, b), 3)}`;
}

/**
 * Figure (c): a study with the library's coarse-to-fine sampler on a cheap seeded objective
 * of (log α, log(1 − β)); each round's box drawn nested, trials coloured by round; run round
 * by round.
 */
export function c2fSection({ params, messages }: SectionContext): SectionView {
  const values = params.values;
  let run: CoarseToFineRun | null = null;
  let generation = 0;
  let busy = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const readouts = new Readouts([
    { key: 'rounds', label: 'Rounds run', format: String },
    { key: 'trials-run', label: 'Trials run', format: String },
    { key: 'best-value', label: 'Best value (optimum 0.05)' },
    { key: 'best-alpha', label: 'Best α (optimum 0.02)' },
    { key: 'best-beta', label: 'Best β (optimum 0.995)' },
  ]);
  const table = h('tbody');
  const rounds = (): readonly C2fRound[] => run?.rounds ?? [];

  const plot = new PlotCanvas({
    title:
      'Coarse to fine: each round samples inside the box around the best trials of the round before',
    testId: 'c2f-plot',
    height: 380,
    draw: (canvas) => {
      const context = canvas.context;
      const columns = 48;
      const rows = 36;
      for (let row = 0; row < rows; row++) {
        const y0 = -1 - (2 * row) / rows;
        const y1 = -1 - (2 * (row + 1)) / rows;
        for (let column = 0; column < columns; column++) {
          const x0 = -4 + (4 * column) / columns;
          const x1 = -4 + (4 * (column + 1)) / columns;
          const value = c2fObjective(10 ** ((x0 + x1) / 2), 1 - 10 ** ((y0 + y1) / 2), 0, 0);
          const shade = Math.max(0, 1 - (value - C2F_FLOOR) / 0.6);
          context.fillStyle = `rgb(0 158 115 / ${(0.3 * shade * shade).toFixed(3)})`;
          const left = Math.round(canvas.px(x0));
          const top = Math.round(canvas.py(y1));
          const width = Math.round(canvas.px(x1)) - left;
          context.fillRect(left, top, width, Math.round(canvas.py(y0)) - top);
        }
      }
      for (const round of rounds()) {
        const [x0, x1] = round.box.logAlpha;
        const [y0, y1] = round.box.logOneMinusBeta;
        const color = roundColor(round.round);
        context.strokeStyle = color;
        context.lineWidth = 2;
        context.setLineDash(round.round === 0 ? [] : [6, 3]);
        const left = canvas.px(x0);
        const top = canvas.py(y0);
        context.strokeRect(left, top, canvas.px(x1) - left, canvas.py(y1) - top);
        context.setLineDash([]);
        for (const trial of round.trials) {
          canvas.dot(canvas.px(trial.logAlpha), canvas.py(trial.logOneMinusBeta), 4, color);
        }
        context.beginPath();
        context.arc(
          canvas.px(round.best.logAlpha),
          canvas.py(round.best.logOneMinusBeta),
          8,
          0,
          2 * Math.PI,
        );
        context.strokeStyle = color;
        context.lineWidth = 2;
        context.stroke();
      }
      const ox = canvas.px(C2F_OPTIMUM.logAlpha);
      const oy = canvas.py(C2F_OPTIMUM.logOneMinusBeta);
      context.strokeStyle = '#000';
      context.lineWidth = 2;
      context.beginPath();
      context.moveTo(ox - 7, oy - 7);
      context.lineTo(ox + 7, oy + 7);
      context.moveTo(ox - 7, oy + 7);
      context.lineTo(ox + 7, oy - 7);
      context.stroke();
    },
  });
  plot.setAxes(
    { label: 'learning rate α (log scale)', from: -4, to: 0, ticks: decadeTicks(-4, 0) },
    {
      label: 'β (scale: log₁₀(1 − β))',
      from: -1,
      to: -3,
      ticks: [
        { value: -1, label: '0.9' },
        { value: -2, label: '0.99' },
        { value: -3, label: '0.999' },
      ],
    },
  );

  const render = (): void => {
    const finished = rounds();
    const best = run?.best ?? null;
    readouts.set('rounds', finished.length);
    readouts.set(
      'trials-run',
      finished.reduce((sum, round) => sum + round.trials.length, 0),
    );
    readouts.set('best-value', best?.value ?? null);
    readouts.set('best-alpha', best?.alpha ?? null);
    readouts.set('best-beta', best?.beta ?? null);
    plot.element.dataset['rounds'] = String(finished.length);
    table.replaceChildren(
      ...finished.map((round) =>
        h(
          'tr',
          {
            attrs: {
              'data-round': round.round,
              'data-box': [...round.box.logAlpha, ...round.box.logOneMinusBeta].join(','),
            },
          },
          h(
            'td',
            {},
            h('span', {
              className: 'hyperparameter-search-swatch',
              attrs: { style: `background:${roundColor(round.round)}` },
            }),
            String(round.round + 1),
          ),
          h('td', { text: formatRange(round.box.logAlpha, (x) => 10 ** x) }),
          h('td', { text: formatRange(round.box.logOneMinusBeta, (y) => 1 - 10 ** y) }),
          h('td', { text: formatNumber(round.best.value) }),
        ),
      ),
    );
    const done = run?.done ?? false;
    controls.setDone(done);
    controls.setStatus(`round ${finished.length} of ${values.rounds}${done ? ' — done' : ''}`);
    plot.render();
  };

  const stepRound = async (): Promise<void> => {
    const current = run;
    const id = generation;
    if (current === null || current.done || busy) return;
    busy = true;
    try {
      await current.step();
    } catch (error) {
      messages.error(
        `The coarse-to-fine study failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      controls.setPlaying(false);
    } finally {
      busy = false;
    }
    if (id !== generation) return;
    render();
    if (controls.playing && !current.done)
      timer = setTimeout(() => void stepRound(), ROUND_PAUSE_MS);
  };

  const restart = async (): Promise<void> => {
    clearTimeout(timer);
    generation += 1;
    const id = generation;
    messages.clear();
    run = null;
    try {
      const created = await CoarseToFineRun.create(coarseToFineConfig(values));
      if (id !== generation) return;
      run = created;
    } catch (error) {
      messages.error(
        `The coarse-to-fine study could not start: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    render();
    if (controls.playing) void stepRound();
  };

  const controls = new RunControls({
    onPlayingChange: (playing) => {
      clearTimeout(timer);
      if (playing) void stepRound();
    },
    onStep: () => void stepRound(),
    onReset: () => void restart(),
    onNewSeed: () => {
      params.set('seed', nextSeed(values.seed));
      seedSlider.setValue(values.seed);
      void restart();
    },
  });
  const control = bindParamControls(params, HYPERPARAMETER_SEARCH_PARAMS, () => void restart());
  const seedSlider = control.slider('seed', { label: 'Seed' });
  const sectionControls = [
    control.slider('rounds', { label: 'Rounds' }).element,
    control.slider('perRound', { label: 'Trials per round', testId: 'per-round' }).element,
    control.slider('topK', { label: 'Top k (make the next box)', testId: 'top-k' }).element,
    control.slider('noise', { label: 'Noise of the objective', step: 0.01 }).element,
    seedSlider.element,
  ];
  const figures = h(
    'div',
    { className: 'hyperparameter-search-section' },
    controls.element,
    h('p', {
      className: 'hyperparameter-search-note',
      text: 'The objective is a cheap stand-in for a dev error: a smooth bowl in (log α, log(1 − β)) with its minimum at the cross (darker green is better), plus seeded noise. Circles mark each round’s best trial.',
    }),
    h('div', { className: 'figure-row' }, plot.element, readouts.element),
    h(
      'table',
      { className: 'hyperparameter-search-table', attrs: { 'data-testid': 'c2f-rounds' } },
      h(
        'thead',
        {},
        h('tr', {}, ...['Round', 'Box α', 'Box β', 'Best value'].map((text) => h('th', { text }))),
      ),
      table,
    ),
  );
  void restart();
  return {
    controls: sectionControls,
    figures,
    dispose: () => {
      generation += 1;
      clearTimeout(timer);
      plot.dispose();
    },
  };
}
