import uPlot from 'uplot';
import { h } from '../ui/dom.js';
import { formatNumber } from '../ui/format.js';
import { SERIES_COLORS } from './palette.js';

/** One line of a {@link LineChart}. */
export interface LineSeries {
  /** The legend label. */
  readonly label: string;
  /** The CSS colour. @defaultValue the next of the palette */
  readonly color?: string;
  /** A dash pattern, e.g. `[6, 4]`. */
  readonly dash?: readonly number[];
  /** Line width in CSS pixels. @defaultValue 2 */
  readonly width?: number;
}

/** A vertical marker line with a label (e.g. the dev minimum). */
export interface ChartMarker {
  /** Where, on the x axis. */
  readonly x: number;
  /** The label drawn at the top. */
  readonly label: string;
}

/** Options of {@link LineChart}. */
export interface LineChartOptions {
  /** The chart's title (also its accessible name). */
  readonly title: string;
  /** The x axis label. */
  readonly xLabel: string;
  /** The y axis label. */
  readonly yLabel: string;
  /** The lines. */
  readonly series: readonly LineSeries[];
  /** A log₁₀ y axis. @defaultValue false */
  readonly logY?: boolean;
  /** A log₁₀ x axis. @defaultValue false */
  readonly logX?: boolean;
  /** Height in CSS pixels. @defaultValue 240 */
  readonly height?: number;
  /** A test id on the wrapper. */
  readonly testId?: string;
}

/**
 * A streaming line chart (uPlot: canvas, fast on data that grows every frame). Hovering
 * shows every series' value at the cursor in the legend. Non-finite values (a diverged
 * run) are left as gaps, never drawn as NaN.
 */
export class LineChart {
  /** The element to insert. */
  readonly element: HTMLElement;
  readonly #plot: uPlot;
  readonly #resize: ResizeObserver;
  #resizeFrame = 0;
  readonly #options: LineChartOptions;
  #markers: readonly ChartMarker[] = [];

  constructor(options: LineChartOptions) {
    this.#options = options;
    const frame = h('div', { className: 'chart-frame' });
    this.element = h(
      'figure',
      { className: 'chart', attrs: { 'data-testid': options.testId, 'data-points': 0 } },
      h('figcaption', { text: options.title }),
      frame,
    );
    const format = (_: uPlot, value: number | null): string =>
      value === null ? '—' : formatNumber(value);
    // On a log axis uPlot splits every decade into 1…9; draw lines and ticks at the decades only.
    const decades: uPlot.Axis.Filter = (_, splits) =>
      splits.map((split) => (split > 0 && Number.isInteger(Math.log10(split)) ? split : null));
    const logAxis = { grid: { filter: decades }, ticks: { filter: decades } };
    const plotOptions: uPlot.Options = {
      width: 480,
      height: options.height ?? 240,
      scales: {
        x: { time: false, ...(options.logX === true ? { distr: 3 } : {}) },
        y: options.logY === true ? { distr: 3 } : {},
      },
      axes: [
        {
          label: options.xLabel,
          values: (_, ticks) => ticks.map((tick) => (tick === null ? '' : formatNumber(tick, 3))),
          ...(options.logX === true ? logAxis : {}),
        },
        {
          label: options.yLabel,
          values: (_, ticks) => ticks.map((tick) => (tick === null ? '' : formatNumber(tick, 3))),
          size: 60,
          ...(options.logY === true ? logAxis : {}),
        },
      ],
      series: [
        { label: options.xLabel, value: format },
        ...options.series.map((series, index) => ({
          label: series.label,
          stroke: series.color ?? SERIES_COLORS[index % SERIES_COLORS.length]!,
          width: series.width ?? 2,
          ...(series.dash === undefined ? {} : { dash: [...series.dash] }),
          value: format,
          spanGaps: false,
          points: { show: false },
        })),
      ],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      hooks: { draw: [(plot) => this.#drawMarkers(plot)] },
    };
    this.#plot = new uPlot(plotOptions, [[], ...options.series.map(() => [])], frame);
    // Resize in the next frame: resizing inside the callback can change the observed frame's
    // height (the legend re-wraps), which Chromium reports as a ResizeObserver-loop error.
    this.#resize = new ResizeObserver(() => {
      cancelAnimationFrame(this.#resizeFrame);
      this.#resizeFrame = requestAnimationFrame(() => {
        const width = Math.max(240, Math.floor(frame.clientWidth));
        if (width !== this.#plot.width) this.#plot.setSize({ width, height: this.#plot.height });
      });
    });
    this.#resize.observe(frame);
  }

  /**
   * Replaces the data: `x` and one array per series (`null` or non-finite = gap). The figure's
   * `data-points` is the number of x values, `data-drawn` the number with a value in any series.
   */
  setData(x: readonly number[], ys: readonly (readonly (number | null)[])[]): void {
    const clean = ys.map((values) =>
      values.map((value) => (value === null || !Number.isFinite(value) ? null : value)),
    );
    const positive = this.#options.logY === true;
    const data = [
      [...x],
      ...clean.map((values) =>
        positive ? values.map((value) => (value !== null && value > 0 ? value : null)) : values,
      ),
    ] as uPlot.AlignedData;
    this.#plot.setData(data);
    this.element.dataset['points'] = String(x.length);
    let drawn = 0;
    for (let i = 0; i < x.length; i++) {
      if (clean.some((values) => values[i] !== null && values[i] !== undefined)) drawn += 1;
    }
    this.element.dataset['drawn'] = String(drawn);
  }

  /** Sets the vertical markers. */
  setMarkers(markers: readonly ChartMarker[]): void {
    this.#markers = markers;
    this.#plot.redraw(false, false);
  }

  /** Stops observing the size and frees the chart. */
  dispose(): void {
    this.#resize.disconnect();
    cancelAnimationFrame(this.#resizeFrame);
    this.#plot.destroy();
  }

  #drawMarkers(plot: uPlot): void {
    if (this.#markers.length === 0) return;
    const context = plot.ctx;
    const { top, height } = plot.bbox;
    context.save();
    context.strokeStyle = '#444';
    context.fillStyle = '#222';
    context.setLineDash([4, 4]);
    context.lineWidth = devicePixelRatio;
    context.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
    for (const marker of this.#markers) {
      const x = plot.valToPos(marker.x, 'x', true);
      if (!Number.isFinite(x)) continue;
      context.beginPath();
      context.moveTo(x, top);
      context.lineTo(x, top + height);
      context.stroke();
      context.fillText(marker.label, x + 4 * devicePixelRatio, top + 14 * devicePixelRatio);
    }
    context.restore();
  }
}
