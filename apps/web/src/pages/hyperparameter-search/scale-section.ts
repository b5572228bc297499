import { scaleSamples, type ScaleRowSamples } from '../../experiments/search/scale-samples.js';
import { SERIES_COLORS } from '../../charts/palette.js';
import { h } from '../../ui/dom.js';
import { formatPercent } from '../../ui/format.js';
import { bindParamControls } from '../../ui/param-controls.js';
import { Readouts, type ReadoutSpec } from '../../ui/readout.js';
import { HYPERPARAMETER_SEARCH_PARAMS } from './hyperparameter-search-params.js';
import { decadeTicks, PlotCanvas, type PlotAxis } from './plot-canvas.js';
import type { SectionContext, SectionView } from './section-view.js';

/** How a value is placed on the number line: its coordinate and the axis. */
interface NumberLine {
  readonly axis: PlotAxis;
  readonly coordinate: (value: number) => number;
}

function alphaLine(log: boolean): NumberLine {
  return log
    ? {
        axis: { label: 'α (log axis)', from: -4, to: 0, ticks: decadeTicks(-4, 0) },
        coordinate: Math.log10,
      }
    : {
        axis: {
          label: 'α (linear axis)',
          from: 0,
          to: 1,
          ticks: [0, 0.25, 0.5, 0.75, 1].map((value) => ({ value, label: String(value) })),
        },
        coordinate: (value) => value,
      };
}

function betaLine(log: boolean): NumberLine {
  return log
    ? {
        axis: {
          label: 'β (axis in log₁₀(1 − β))',
          from: -1,
          to: -3,
          ticks: [
            { value: -1, label: '0.9' },
            { value: -2, label: '0.99' },
            { value: -3, label: '0.999' },
          ],
        },
        coordinate: (value) => Math.log10(1 - value),
      }
    : {
        axis: {
          label: 'β (linear axis)',
          from: 0.9,
          to: 0.999,
          ticks: [0.9, 0.925, 0.95, 0.975, 0.999].map((value) => ({ value, label: String(value) })),
        },
        coordinate: (value) => value,
      };
}

/** The readout key of decade `index` of a row. */
function shareKey(row: string, index: number): string {
  return `share-${row}-${index}`;
}

function decadeLabel(edges: readonly number[], index: number): string {
  return `[${edges[index]}, ${edges[index + 1]}]`;
}

function numberLine(
  title: string,
  testId: string,
  rows: () => readonly ScaleRowSamples[],
  line: () => NumberLine,
): PlotCanvas {
  return new PlotCanvas({
    title,
    testId,
    height: 230,
    draw: (canvas) => {
      const context = canvas.context;
      const area = canvas.area;
      const shown = rows();
      const band = area.height / shown.length;
      const { coordinate } = line();
      shown.forEach((row, index) => {
        const top = area.top + index * band;
        const color = SERIES_COLORS[index === 0 ? 5 : 0];
        context.fillStyle = '#222';
        context.font = '12px system-ui, sans-serif';
        context.textAlign = 'left';
        context.textBaseline = 'top';
        context.fillText(row.spec.label, area.left + 6, top + 4);
        context.strokeStyle = color;
        context.globalAlpha = 0.35;
        context.lineWidth = 1.5;
        for (let i = 0; i < row.values.length; i++) {
          const x = canvas.px(coordinate(row.values[i]!));
          context.beginPath();
          context.moveTo(x, top + band * 0.45);
          context.lineTo(x, top + band * 0.9);
          context.stroke();
        }
        context.globalAlpha = 1;
        const edges = row.spec.edges;
        const total = row.values.length;
        context.setLineDash([4, 3]);
        context.strokeStyle = '#666';
        context.lineWidth = 1;
        for (let i = 0; i < edges.length; i++) {
          const x = canvas.px(coordinate(edges[i]!));
          context.beginPath();
          context.moveTo(x, top + band * 0.3);
          context.lineTo(x, top + band * 0.95);
          context.stroke();
        }
        context.setLineDash([]);
        context.textAlign = 'center';
        context.font = 'bold 12px system-ui, sans-serif';
        for (let i = 0; i < edges.length - 1; i++) {
          const x = (canvas.px(coordinate(edges[i]!)) + canvas.px(coordinate(edges[i + 1]!))) / 2;
          context.fillText(formatPercent(row.counts[i]! / total), x, top + band * 0.22);
        }
      });
    },
  });
}

/**
 * Figure (b): samples of `hp.uniform`, `hp.log` and `hp.oneMinusLog` on a number line, with
 * the share of samples in each decade of α (or of 1 − β).
 */
export function scaleSection({ params }: SectionContext): SectionView {
  const values = params.values;
  let rows = scaleSamples(values.samples, values.seed);
  const specs: ReadoutSpec[] = [];
  for (const row of rows) {
    const edges = row.spec.edges;
    for (let i = 0; i < edges.length - 1; i++) {
      specs.push({
        key: shareKey(row.spec.key, i),
        label: `${row.spec.shortLabel} in ${decadeLabel(edges, i)}`,
        format: formatPercent,
      });
    }
  }
  const readouts = new Readouts(specs);
  const log = (): boolean => values.axis === 'log';
  const alphaPlot = numberLine(
    'Learning rate α in [0.0001, 1]: uniform puts 90 % of the samples in the last decade',
    'alpha-line',
    () => rows.filter((row) => row.spec.quantity === 'alpha'),
    () => alphaLine(log()),
  );
  const betaPlot = numberLine(
    'Momentum β in [0.9, 0.999]: what matters is 1 − β (the average spans ≈ 1/(1 − β) steps)',
    'beta-line',
    () => rows.filter((row) => row.spec.quantity === 'beta'),
    () => betaLine(log()),
  );

  const update = (): void => {
    rows = scaleSamples(values.samples, values.seed);
    for (const row of rows) {
      row.counts.forEach((count, index) =>
        readouts.set(shareKey(row.spec.key, index), count / row.values.length),
      );
    }
    alphaPlot.setAxes(alphaLine(log()).axis, null);
    betaPlot.setAxes(betaLine(log()).axis, null);
  };

  const control = bindParamControls(params, HYPERPARAMETER_SEARCH_PARAMS, update);
  const controls = [
    control.slider('samples', { label: 'Samples', step: 20 }).element,
    control.select('axis', {
      label: 'Number line',
      labels: { log: 'log (log₁₀ α, log₁₀(1 − β))', linear: 'linear (α, β)' },
    }).element,
    control.slider('seed', { label: 'Seed' }).element,
  ];
  const figures = h(
    'div',
    { className: 'hyperparameter-search-section' },
    h('p', {
      className: 'hyperparameter-search-note',
      text: 'Each tick is one sample of the library’s random sampler; the percentages are the share of samples in each decade. hp.log gives every decade of α the same share; hp.oneMinusLog gives [0.9, 0.99] and [0.99, 0.999] half each.',
    }),
    alphaPlot.element,
    betaPlot.element,
    readouts.element,
  );
  update();
  return {
    controls,
    figures,
    dispose: () => {
      alphaPlot.dispose();
      betaPlot.dispose();
    },
  };
}
