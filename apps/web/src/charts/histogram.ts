import { h } from '../ui/dom.js';
import { formatNumber } from '../ui/format.js';
import { SERIES_COLORS } from './palette.js';

/** One overlaid distribution of a {@link Histogram}. */
export interface HistogramSeries {
  /** The legend label. */
  readonly label: string;
  /** The CSS colour. @defaultValue the next of the palette */
  readonly color?: string;
}

/** Options of {@link Histogram}. */
export interface HistogramOptions {
  /** The chart's title (also the canvas's accessible name). */
  readonly title: string;
  /** The x axis label. */
  readonly xLabel: string;
  /** The distributions, drawn overlaid and semi-transparent. */
  readonly series: readonly HistogramSeries[];
  /** The number of bins. @defaultValue 40 */
  readonly bins?: number;
  /** A test id on the figure. */
  readonly testId?: string;
}

/** The bin counts of one series and its summary. */
export interface BinnedValues {
  /** Values per bin; the last bin includes the range's upper end. */
  readonly counts: Int32Array;
  /** Finite values inside the range (the sum of `counts`). */
  readonly count: number;
  /** The mean absolute value of the finite values (all of them, also outside the range). */
  readonly meanAbs: number;
  /** Values left out: non-finite or outside the range. */
  readonly skipped: number;
}

/**
 * Counts `values` into `bins` equal bins over `[min, max]` (the last bin is closed), and
 * their mean absolute value. Non-finite values and values outside the range are skipped.
 */
export function binValues(
  values: ArrayLike<number>,
  range: readonly [number, number],
  bins: number,
): BinnedValues {
  const counts = new Int32Array(bins);
  const [min, max] = range;
  const width = (max - min) / bins;
  let count = 0;
  let finite = 0;
  let sumAbs = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isFinite(value)) continue;
    finite += 1;
    sumAbs += Math.abs(value);
    if (value < min || value > max) continue;
    const bin = Math.min(bins - 1, Math.floor((value - min) / width));
    counts[bin]! += 1;
    count += 1;
  }
  return {
    counts,
    count,
    meanAbs: finite > 0 ? sumAbs / finite : 0,
    skipped: values.length - count,
  };
}

/**
 * The range of the finite values of every array, widened when it is a single point; `[-1, 1]`
 * when there is no finite value.
 */
export function commonRange(values: readonly ArrayLike<number>[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const array of values) {
    for (let i = 0; i < array.length; i++) {
      const value = array[i]!;
      if (!Number.isFinite(value)) continue;
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  if (min > max) return [-1, 1];
  if (min === max) {
    const pad = Math.max(Math.abs(min) * 0.1, 1e-3);
    return [min - pad, max + pad];
  }
  return [min, max];
}

/** About `count` round tick values (1, 2 or 5 × 10ⁿ apart) covering `[min, max]`. */
export function niceTicks(min: number, max: number, count: number): number[] {
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) return [min];
  const rough = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const step = (fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10) * power;
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / step) * step; tick <= max + step * 1e-9; tick += step) {
    ticks.push(Math.abs(tick) < step * 1e-9 ? 0 : Number(tick.toPrecision(12)));
  }
  return ticks;
}

const HEIGHT = 220;
const MARGIN = { left: 56, right: 12, top: 10, bottom: 40 } as const;

/**
 * Overlaid histograms on a canvas (sharp at any devicePixelRatio): one semi-transparent
 * distribution per series over a common range, with axis ticks and labels. The figure's
 * `data-*` attributes carry the numbers for tests: `data-range` (`min,max`), `data-bins`, and
 * per series `i`: `data-count-i`, `data-mean-abs-i` and `data-bin-counts-i` (comma list).
 */
export class Histogram {
  /** The element to insert. */
  readonly element: HTMLElement;
  readonly #canvas: HTMLCanvasElement;
  readonly #frame: HTMLElement;
  readonly #legend: HTMLElement;
  readonly #options: HistogramOptions;
  readonly #bins: number;
  readonly #colors: readonly string[];
  readonly #resize: ResizeObserver;
  #binned: readonly BinnedValues[] = [];
  #range: readonly [number, number] = [-1, 1];
  #drawnWidth = -1;

  constructor(options: HistogramOptions) {
    this.#options = options;
    this.#bins = Math.max(1, Math.round(options.bins ?? 40));
    this.#colors = options.series.map(
      (series, index) => series.color ?? SERIES_COLORS[index % SERIES_COLORS.length]!,
    );
    this.#canvas = h('canvas', { attrs: { role: 'img', 'aria-label': options.title } });
    // Absolutely placed in a frame of fixed height: the canvas's pixel size never feeds back
    // into the layout that the resize observer watches.
    this.#canvas.style.position = 'absolute';
    this.#canvas.style.inset = '0';
    this.#canvas.style.width = '100%';
    this.#canvas.style.height = '100%';
    this.#frame = h('div', { className: 'chart-frame' }, this.#canvas);
    this.#frame.style.position = 'relative';
    this.#frame.style.height = `${HEIGHT}px`;
    this.#legend = h('div', { className: 'histogram-legend' });
    this.#legend.style.display = 'flex';
    this.#legend.style.flexWrap = 'wrap';
    this.#legend.style.gap = '0.3rem 1rem';
    this.#legend.style.fontSize = '0.85rem';
    this.element = h(
      'figure',
      {
        className: 'chart histogram',
        attrs: { 'data-testid': options.testId, 'data-bins': this.#bins },
      },
      h('figcaption', { text: options.title }),
      this.#frame,
      this.#legend,
    );
    this.#renderLegend();
    this.#resize = new ResizeObserver(() => {
      if (Math.floor(this.#frame.clientWidth) !== this.#drawnWidth) this.#draw();
    });
    this.#resize.observe(this.#frame);
  }

  /**
   * Replaces the data: one array per series, binned over `range` (by default the common
   * range of every finite value).
   */
  setData(values: readonly ArrayLike<number>[], range?: readonly [number, number]): void {
    const [min, max] = range ?? commonRange(values);
    const valid = Number.isFinite(min) && Number.isFinite(max) && max > min;
    this.#range = valid ? [min, max] : commonRange(values);
    this.#binned = this.#options.series.map((_, index) =>
      binValues(values[index] ?? [], this.#range, this.#bins),
    );
    const data = this.element.dataset;
    data['range'] = `${this.#range[0]},${this.#range[1]}`;
    this.#binned.forEach((binned, index) => {
      data[`count-${index}`] = String(binned.count);
      data[`meanAbs-${index}`] = String(binned.meanAbs);
      data[`binCounts-${index}`] = Array.from(binned.counts).join(',');
    });
    this.#renderLegend();
    this.#draw();
  }

  /** Stops observing the size. */
  dispose(): void {
    this.#resize.disconnect();
  }

  #renderLegend(): void {
    this.#legend.replaceChildren(
      ...this.#options.series.map((series, index) => {
        const binned = this.#binned[index];
        const swatch = h('span', { attrs: { 'aria-hidden': 'true' } });
        swatch.style.display = 'inline-block';
        swatch.style.width = '0.9rem';
        swatch.style.height = '0.9rem';
        swatch.style.marginRight = '0.3rem';
        swatch.style.verticalAlign = '-0.1rem';
        swatch.style.background = this.#colors[index]!;
        swatch.style.opacity = '0.6';
        const summary =
          binned === undefined
            ? ''
            : `: ${binned.count} values, mean |x| ${formatNumber(binned.meanAbs, 3)}`;
        return h('span', {}, swatch, `${series.label}${summary}`);
      }),
    );
  }

  #draw(): void {
    this.#drawnWidth = Math.floor(this.#frame.clientWidth);
    const cssWidth = Math.max(240, this.#drawnWidth);
    const ratio = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
    const width = Math.round(cssWidth * ratio);
    const height = Math.round(HEIGHT * ratio);
    if (this.#canvas.width !== width) this.#canvas.width = width;
    if (this.#canvas.height !== height) this.#canvas.height = height;
    const context = this.#canvas.getContext('2d');
    if (context === null) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, cssWidth, HEIGHT);
    const plotLeft = MARGIN.left;
    const plotTop = MARGIN.top;
    const plotWidth = cssWidth - MARGIN.left - MARGIN.right;
    const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
    const [min, max] = this.#range;
    let highest = 0;
    for (const binned of this.#binned) {
      for (let bin = 0; bin < binned.counts.length; bin++) {
        if (binned.counts[bin]! > highest) highest = binned.counts[bin]!;
      }
    }
    const yTicks = niceTicks(0, Math.max(1, highest), 4);
    const yMax = Math.max(1, highest, yTicks.at(-1) ?? 1);
    const xOf = (value: number): number => plotLeft + ((value - min) / (max - min)) * plotWidth;
    const yOf = (count: number): number => plotTop + plotHeight - (count / yMax) * plotHeight;

    context.font = '12px system-ui, sans-serif';
    context.lineWidth = 1;
    context.strokeStyle = '#e3e6ea';
    context.fillStyle = '#444';
    context.textAlign = 'right';
    context.textBaseline = 'middle';
    for (const tick of yTicks) {
      const y = Math.round(yOf(tick)) + 0.5;
      context.beginPath();
      context.moveTo(plotLeft, y);
      context.lineTo(plotLeft + plotWidth, y);
      context.stroke();
      context.fillText(formatNumber(tick, 3), plotLeft - 6, y);
    }
    context.textAlign = 'center';
    context.textBaseline = 'top';
    for (const tick of niceTicks(min, max, Math.max(2, Math.floor(plotWidth / 80)))) {
      const x = Math.round(xOf(tick)) + 0.5;
      context.strokeStyle = '#888';
      context.beginPath();
      context.moveTo(x, plotTop + plotHeight);
      context.lineTo(x, plotTop + plotHeight + 4);
      context.stroke();
      context.fillText(formatNumber(tick, 3), x, plotTop + plotHeight + 6);
    }

    const binWidth = plotWidth / this.#bins;
    this.#binned.forEach((binned, index) => {
      context.fillStyle = this.#colors[index]!;
      context.globalAlpha = 0.45;
      for (let bin = 0; bin < binned.counts.length; bin++) {
        const count = binned.counts[bin]!;
        if (count === 0) continue;
        const top = yOf(count);
        context.fillRect(plotLeft + bin * binWidth, top, binWidth, plotTop + plotHeight - top);
      }
      context.globalAlpha = 1;
      context.strokeStyle = this.#colors[index]!;
      context.lineWidth = 1.5;
      context.beginPath();
      context.moveTo(plotLeft, yOf(0));
      for (let bin = 0; bin < binned.counts.length; bin++) {
        const top = yOf(binned.counts[bin]!);
        context.lineTo(plotLeft + bin * binWidth, top);
        context.lineTo(plotLeft + (bin + 1) * binWidth, top);
      }
      context.lineTo(plotLeft + plotWidth, yOf(0));
      context.stroke();
    });

    context.strokeStyle = '#888';
    context.lineWidth = 1;
    context.beginPath();
    context.moveTo(plotLeft + 0.5, plotTop);
    context.lineTo(plotLeft + 0.5, plotTop + plotHeight + 0.5);
    context.lineTo(plotLeft + plotWidth, plotTop + plotHeight + 0.5);
    context.stroke();

    context.fillStyle = '#222';
    context.textAlign = 'center';
    context.textBaseline = 'bottom';
    context.fillText(this.#options.xLabel, plotLeft + plotWidth / 2, HEIGHT - 2);
    context.save();
    context.translate(14, plotTop + plotHeight / 2);
    context.rotate(-Math.PI / 2);
    context.textBaseline = 'middle';
    context.fillText('count', 0, 0);
    context.restore();
  }
}
