import { definePage } from '../../app/page.js';
import { ContourPlot } from '../../charts/contour-plot.js';
import { LineChart } from '../../charts/line-chart.js';
import { SERIES_COLORS } from '../../charts/palette.js';
import { FrameLoop } from '../../experiments/surfaces/frame-loop.js';
import {
  OPTIMIZER_KINDS,
  OPTIMIZER_LABELS,
  type OptimizerChoice,
  type OptimizerKind,
} from '../../experiments/surfaces/optimizer-choice.js';
import {
  createOptimizerRace,
  type OptimizerRace,
} from '../../experiments/surfaces/optimizer-race.js';
import { SUGGESTED_STARTS, type SurfaceName } from '../../experiments/surfaces/test-surfaces.js';
import { h } from '../../ui/dom.js';
import { formatNumber } from '../../ui/format.js';
import { MessageBox } from '../../ui/message-box.js';
import { bindParamControls, paramCheckbox, paramSelect } from '../../ui/param-controls.js';
import { Readouts } from '../../ui/readout.js';
import { RunControls } from '../../ui/run-controls.js';
import type { Slider } from '../../ui/slider.js';
import './optimizers.css';
import { OPTIMIZERS_PARAMS, OPTIMIZERS_TOLERANCE, optimizersConfig } from './optimizers-params.js';

/** Each optimizer's colour (fixed, so that toggling one keeps the others' colours). */
const OPTIMIZER_COLORS: Readonly<Record<OptimizerKind, string>> = {
  sgd: SERIES_COLORS[5],
  momentum: SERIES_COLORS[0],
  rmsprop: SERIES_COLORS[2],
  adam: SERIES_COLORS[3],
};

/** Surface names as shown in the Select. */
const SURFACE_LABELS: Readonly<Record<SurfaceName, string>> = {
  bowl: 'Elongated bowl',
  saddle: 'Saddle point',
  plateau: 'Plateau',
};

/** The smallest f − f* the chart shows (well below the tolerance; keeps the log axis readable). */
const GAP_FLOOR = 1e-6;

/** The hyperparameters of one optimizer, in words (the legend). */
function describeChoice(choice: OptimizerChoice): string {
  const alpha = `α = ${formatNumber(choice.learningRate, 3)}`;
  switch (choice.kind) {
    case 'sgd':
      return `${OPTIMIZER_LABELS.sgd}, ${alpha}`;
    case 'momentum':
      return `${OPTIMIZER_LABELS.momentum}, ${alpha}, β = ${choice.beta}`;
    case 'rmsprop':
      return `${OPTIMIZER_LABELS.rmsprop}, ${alpha}, β₂ = ${choice.beta2}`;
    case 'adam':
      return `${OPTIMIZER_LABELS.adam}, ${alpha}, β₁ = ${choice.beta1}, β₂ = ${choice.beta2}`;
  }
}

export default definePage({
  params: OPTIMIZERS_PARAMS,
  mount({ root, params }) {
    const values = params.values;
    const messages = new MessageBox('page-message');
    let experiment: OptimizerRace = createOptimizerRace(optimizersConfig(values));

    const plot = new ContourPlot({
      title: 'Optimizer paths on the contours of f(x, y)',
      xLabel: 'x',
      yLabel: 'y',
      size: 420,
      testId: 'contours',
      start: {
        label: 'Start point',
        point: [values.x, values.y],
        onMove: ([x, y]) => {
          params.set('x', x);
          params.set('y', y);
          restart(false);
        },
      },
    });
    const costChart = new LineChart({
      title: 'f − f* per step (log scale)',
      xLabel: 'step',
      yLabel: 'f − f*',
      series: OPTIMIZER_KINDS.map((kind) => ({
        label: OPTIMIZER_LABELS[kind],
        color: OPTIMIZER_COLORS[kind],
      })),
      logY: true,
      height: 280,
      testId: 'cost-chart',
    });
    const readouts = new Readouts(
      OPTIMIZER_KINDS.flatMap((kind) => [
        {
          key: `steps-${kind}`,
          label: `${OPTIMIZER_LABELS[kind]}: steps to f − f* < ${OPTIMIZERS_TOLERANCE}`,
          format: String,
        },
        { key: `cost-${kind}`, label: `${OPTIMIZER_LABELS[kind]}: f − f* now` },
      ]),
    );
    const ranking = h('p', {
      className: 'optimizers-ranking',
      attrs: { 'data-testid': 'ranking', 'aria-live': 'polite' },
    });

    const controls = new RunControls({
      onPlayingChange: (playing) => (playing ? loop.start() : loop.stop()),
      onStep: () => {
        experiment.race.advance(1);
        render();
      },
      onReset: () => restart(false),
    });

    const loop = new FrameLoop(() => {
      experiment.race.advance(Math.max(2, Math.ceil(values.steps / 150)));
      render();
      return controls.playing && !experiment.race.done;
    });

    const render = (): void => {
      const { race, racers, surface } = experiment;
      plot.setPaths(
        racers.map((racer) => ({
          label: describeChoice(racer.choice),
          color: OPTIMIZER_COLORS[racer.kind],
          xs: racer.path.xs,
          ys: racer.path.ys,
        })),
      );
      const length = race.steps + 1;
      const steps = Array.from({ length }, (_, i) => i);
      costChart.setData(
        steps,
        OPTIMIZER_KINDS.map((kind) => {
          const racer = racers.find((candidate) => candidate.kind === kind);
          if (racer === undefined) return steps.map(() => null);
          const costs = racer.path.costs;
          return steps.map((i) =>
            i < costs.length ? Math.max(GAP_FLOOR, costs[i]! - surface.minValue) : null,
          );
        }),
      );
      const diverged: string[] = [];
      for (const kind of OPTIMIZER_KINDS) {
        const racer = racers.find((candidate) => candidate.kind === kind);
        const gap = racer === undefined ? null : racer.path.cost - surface.minValue;
        readouts.set(`steps-${kind}`, racer?.path.stepsToTolerance ?? null);
        readouts.set(`cost-${kind}`, gap !== null && Number.isFinite(gap) ? gap : null);
        if (racer !== undefined && racer.path.diverged !== null) {
          diverged.push(
            `${OPTIMIZER_LABELS[kind]} diverged: ${racer.path.diverged} (α = ${formatNumber(racer.choice.learningRate, 3)} is too large for this surface; lower it).`,
          );
        }
      }
      if (racers.length === 0) {
        messages.notice('Every optimizer is switched off: tick at least one to race.');
      } else if (diverged.length > 0) {
        messages.error(diverged.join(' '));
      } else {
        messages.clear();
      }
      renderRanking();
      controls.setDone(race.done);
      controls.setStatus(`step ${race.steps} of ${values.steps}${race.done ? ' — done' : ''}`);
    };

    const renderRanking = (): void => {
      const reached = experiment.racers
        .filter((racer) => racer.path.stepsToTolerance !== null)
        .sort((a, b) => a.path.stepsToTolerance! - b.path.stepsToTolerance!);
      const waiting = experiment.racers.filter((racer) => racer.path.stepsToTolerance === null);
      ranking.dataset['order'] = reached.map((racer) => racer.kind).join(',');
      const parts = reached.map(
        (racer) => `${OPTIMIZER_LABELS[racer.kind]} in ${racer.path.stepsToTolerance} steps`,
      );
      const rest = waiting.map((racer) => OPTIMIZER_LABELS[racer.kind]).join(', ');
      ranking.textContent =
        parts.length === 0
          ? `No optimizer is within ${OPTIMIZERS_TOLERANCE} of the minimum yet.`
          : `Reached f − f* < ${OPTIMIZERS_TOLERANCE}: ${parts.join(', ')}.${rest === '' ? '' : ` Not yet: ${rest}.`}`;
    };

    /** Starts the race again; `surfaceChanged` = false skips recomputing the contours. */
    const restart = (surfaceChanged = true): void => {
      loop.stop();
      experiment = createOptimizerRace(optimizersConfig(values));
      if (surfaceChanged) plot.setSurface(experiment.surface);
      plot.setStart([values.x, values.y]);
      caption.textContent = experiment.surface.label;
      render();
      if (controls.playing) loop.start();
    };

    // Not `restart` itself: its argument says whether the surface changed.
    const control = bindParamControls(params, OPTIMIZERS_PARAMS, () => restart());

    const kappaSlider = control.slider('kappa', {
      label: 'Condition number κ',
      step: 0.05,
      scale: 'log',
    });
    const angleSlider = control.slider('angle', {
      label: 'Rotation (degrees)',
      step: 5,
      format: String,
    });
    const showBowlSliders = (): void => {
      // `hidden` alone loses to the sliders' `display: grid`; the inline style wins.
      for (const slider of [kappaSlider, angleSlider]) {
        slider.element.hidden = values.surface !== 'bowl';
        slider.element.style.display = values.surface === 'bowl' ? '' : 'none';
      }
    };
    showBowlSliders();

    const optimizerSection = (
      kind: OptimizerKind,
      toggle: 'sgd' | 'momentum' | 'rmsprop' | 'adam',
      sliders: readonly Slider[],
    ): HTMLElement => {
      const swatch = h('span', { className: 'optimizers-swatch' });
      swatch.style.background = OPTIMIZER_COLORS[kind];
      return h(
        'div',
        { className: 'optimizers-choice' },
        h('h3', {}, swatch, OPTIMIZER_LABELS[kind]),
        paramCheckbox(
          params,
          toggle,
          { label: `Race ${OPTIMIZER_LABELS[kind]}`, testId: `enable-${kind}` },
          () => restart(),
        ).element,
        ...sliders.map((slider) => slider.element),
      );
    };
    const rateSlider = (
      name: 'lrSgd' | 'lrMomentum' | 'lrRmsprop' | 'lrAdam',
      kind: OptimizerKind,
      testId: string,
    ): Slider =>
      control.slider(name, {
        label: `Learning rate α (${OPTIMIZER_LABELS[kind]})`,
        step: 0.05,
        scale: 'log',
        testId,
      });
    const betaSlider = (
      name: 'beta' | 'rmsBeta2' | 'beta1' | 'beta2',
      label: string,
      testId: string,
    ): Slider =>
      control.slider(name, {
        label,
        step: name === 'beta2' ? 0.0001 : 0.001,
        testId,
        marks: [0.9],
      });

    const caption = h('p', { className: 'optimizers-surface', text: experiment.surface.label });
    const controlsPanel = h(
      'section',
      { className: 'controls', attrs: { 'aria-label': 'Settings' } },
      h('h2', { text: 'Surface' }),
      paramSelect(
        params,
        OPTIMIZERS_PARAMS,
        'surface',
        { label: 'Surface', labels: SURFACE_LABELS },
        (value) => {
          const [x, y] = SUGGESTED_STARTS[value as SurfaceName];
          params.set('x', x);
          params.set('y', y);
          showBowlSliders();
          restart();
        },
      ).element,
      kappaSlider.element,
      angleSlider.element,
      control.slider('steps', { label: 'Steps', step: 10 }).element,
      h('p', {
        className: 'optimizers-hint',
        text: 'Drag the ring on the plot (or focus it and use the arrow keys) to move the start.',
      }),
      h('h2', { text: 'Optimizers' }),
      optimizerSection('sgd', 'sgd', [rateSlider('lrSgd', 'sgd', 'lr-sgd')]),
      optimizerSection('momentum', 'momentum', [
        rateSlider('lrMomentum', 'momentum', 'lr-momentum'),
        betaSlider('beta', 'Momentum β', 'beta'),
      ]),
      optimizerSection('rmsprop', 'rmsprop', [
        rateSlider('lrRmsprop', 'rmsprop', 'lr-rmsprop'),
        betaSlider('rmsBeta2', 'β₂ (RMSprop)', 'rms-beta2'),
      ]),
      optimizerSection('adam', 'adam', [
        rateSlider('lrAdam', 'adam', 'lr-adam'),
        betaSlider('beta1', 'β₁ (Adam)', 'beta1'),
        betaSlider('beta2', 'β₂ (Adam)', 'beta2'),
      ]),
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
          h(
            'div',
            { className: 'figure-row' },
            plot.element,
            h(
              'div',
              { className: 'figure-column optimizers-results' },
              caption,
              readouts.element,
              ranking,
              h('p', {
                className: 'optimizers-hint',
                text: 'Momentum: v ← βv + (1 − β)dW, W ← W − αv. RMSprop: S ← β₂S + (1 − β₂)dW², W ← W − α·dW/(√S + ε). Adam: both averages, bias-corrected, W ← W − α·m̂/(√v̂ + ε).',
              }),
            ),
          ),
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
