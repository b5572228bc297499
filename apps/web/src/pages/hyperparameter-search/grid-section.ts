import {
  gridVsRandom,
  type GridVsRandom,
  type SampledTrials,
} from '../../experiments/search/grid-vs-random.js';
import { SERIES_COLORS } from '../../charts/palette.js';
import { h } from '../../ui/dom.js';
import { bindParamControls } from '../../ui/param-controls.js';
import { Readouts } from '../../ui/readout.js';
import { HYPERPARAMETER_SEARCH_PARAMS } from './hyperparameter-search-params.js';
import { decadeTicks, PlotCanvas } from './plot-canvas.js';
import type { SectionContext, SectionView } from './section-view.js';

/** log₁₀ α where the made-up dev error of the shading is lowest. */
const BEST_LOG_ALPHA = -2;

/** How good α is in the shading (1 at the best α): only α matters, ε does not. */
function alphaQuality(logAlpha: number): number {
  const distance = logAlpha - BEST_LOG_ALPHA;
  return Math.exp(-distance * distance * 2);
}

function scatter(
  title: string,
  testId: string,
  color: string,
  trials: () => SampledTrials,
): PlotCanvas {
  const plot = new PlotCanvas({
    title,
    testId,
    height: 300,
    draw: (canvas) => {
      const area = canvas.area;
      const context = canvas.context;
      const strips = 80;
      for (let i = 0; i < strips; i++) {
        const logAlpha = -4 + (4 * (i + 0.5)) / strips;
        context.fillStyle = `rgb(0 158 115 / ${(0.28 * alphaQuality(logAlpha)).toFixed(3)})`;
        const left = canvas.px(-4 + (4 * i) / strips);
        context.fillRect(
          left,
          area.top,
          canvas.px(-4 + (4 * (i + 1)) / strips) - left,
          area.height,
        );
      }
      const { alpha, epsilon } = trials();
      const bottom = area.top + area.height;
      context.strokeStyle = color;
      context.lineWidth = 2;
      for (let i = 0; i < alpha.length; i++) {
        const x = canvas.px(Math.log10(alpha[i]!));
        context.beginPath();
        context.moveTo(x, bottom);
        context.lineTo(x, bottom - 12);
        context.stroke();
        canvas.dot(x, canvas.py(Math.log10(epsilon[i]!)), 4.5, color);
      }
    },
  });
  plot.setAxes(
    {
      label: 'learning rate α (matters; log scale)',
      from: -4.15,
      to: 0.15,
      ticks: decadeTicks(-4, 0),
    },
    { label: 'ε (hardly matters)', from: -10.5, to: -5.8, ticks: decadeTicks(-10, -6) },
  );
  return plot;
}

/**
 * Figure (a): N trials of the library's grid and random samplers over an important α and an
 * unimportant ε, each with its projection on the α axis and its count of distinct α.
 */
export function gridSection({ params }: SectionContext): SectionView {
  const values = params.values;
  let result: GridVsRandom = gridVsRandom(values.trials, values.seed);
  const readouts = new Readouts([
    { key: 'trials', label: 'Trials N', format: String },
    { key: 'grid-distinct-alpha', label: 'Grid: distinct α tried', format: String },
    { key: 'random-distinct-alpha', label: 'Random: distinct α tried', format: String },
    { key: 'grid-distinct-epsilon', label: 'Grid: distinct ε tried', format: String },
    { key: 'random-distinct-epsilon', label: 'Random: distinct ε tried', format: String },
  ]);
  const gridPlot = scatter('Grid sampler', 'grid-plot', SERIES_COLORS[0], () => result.grid);
  const randomPlot = scatter(
    'Random sampler',
    'random-plot',
    SERIES_COLORS[5],
    () => result.random,
  );

  const update = (): void => {
    result = gridVsRandom(values.trials, values.seed);
    readouts.set('trials', values.trials);
    readouts.set('grid-distinct-alpha', result.grid.distinctAlpha);
    readouts.set('random-distinct-alpha', result.random.distinctAlpha);
    readouts.set('grid-distinct-epsilon', result.grid.distinctEpsilon);
    readouts.set('random-distinct-epsilon', result.random.distinctEpsilon);
    gridPlot.render();
    randomPlot.render();
  };

  const control = bindParamControls(params, HYPERPARAMETER_SEARCH_PARAMS, update);
  const controls = [
    control.slider('trials', { label: 'Trials N' }).element,
    control.slider('seed', { label: 'Seed' }).element,
  ];
  const figures = h(
    'div',
    { className: 'hyperparameter-search-section' },
    h('p', {
      className: 'hyperparameter-search-note',
      text: 'The green band is where α is good; ε changes nothing. The ticks under each plot are the α values the trials tried: the grid repeats √N of them, random search tries N.',
    }),
    h('div', { className: 'figure-row' }, gridPlot.element, randomPlot.element),
    readouts.element,
  );
  update();
  return {
    controls,
    figures,
    dispose: () => {
      gridPlot.dispose();
      randomPlot.dispose();
    },
  };
}
