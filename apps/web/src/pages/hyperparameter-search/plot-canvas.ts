import { h } from '../../ui/dom.js';

/** One labelled tick of a {@link PlotAxis}. */
export interface PlotTick {
  /** Where, in axis coordinates. */
  readonly value: number;
  /** Its label. */
  readonly label: string;
}

/** An axis of a {@link PlotCanvas}: `from` maps to the left (or bottom) edge, `to` to the other. */
export interface PlotAxis {
  /** The axis label. */
  readonly label: string;
  /** The coordinate at the left (x) or bottom (y) edge. */
  readonly from: number;
  /** The coordinate at the right (x) or top (y) edge. */
  readonly to: number;
  /** The labelled ticks. */
  readonly ticks: readonly PlotTick[];
}

/** Options of {@link PlotCanvas}. */
export interface PlotCanvasOptions {
  /** The caption (also the canvas's accessible name). */
  readonly title: string;
  /** A test id on the figure. */
  readonly testId: string;
  /** Height in CSS pixels. */
  readonly height: number;
  /** Draws the content after the frame and axes (called on every render and resize). */
  readonly draw: (plot: PlotCanvas) => void;
}

/** Space around the plot area, in CSS pixels. */
const MARGIN = { left: 64, right: 16, top: 12, bottom: 46 } as const;

/**
 * A canvas figure with a plot area, an x axis and an optional y axis, drawn in CSS pixels at
 * the device's resolution; it redraws itself when its width changes.
 */
export class PlotCanvas {
  /** The element to insert. */
  readonly element: HTMLElement;
  /** The 2-D context, in CSS pixels. */
  readonly context: CanvasRenderingContext2D;
  readonly #canvas: HTMLCanvasElement;
  readonly #options: PlotCanvasOptions;
  readonly #resize: ResizeObserver;
  #x: PlotAxis = { label: '', from: 0, to: 1, ticks: [] };
  #y: PlotAxis | null = null;
  #width = 480;

  constructor(options: PlotCanvasOptions) {
    this.#options = options;
    this.#canvas = h('canvas', { attrs: { role: 'img', 'aria-label': options.title } });
    const context = this.#canvas.getContext('2d');
    if (context === null) throw new Error('This browser cannot draw on a canvas.');
    this.context = context;
    this.element = h(
      'figure',
      { className: 'chart hyperparameter-search-plot', attrs: { 'data-testid': options.testId } },
      h('figcaption', { text: options.title }),
      this.#canvas,
    );
    this.#resize = new ResizeObserver(() => {
      const width = Math.max(240, Math.floor(this.element.clientWidth));
      if (width !== this.#width) {
        this.#width = width;
        this.render();
      }
    });
    this.#resize.observe(this.element);
  }

  /** The plot area's left, top, width and height in CSS pixels. */
  get area(): { left: number; top: number; width: number; height: number } {
    return {
      left: MARGIN.left,
      top: MARGIN.top,
      width: this.#width - MARGIN.left - MARGIN.right,
      height: this.#options.height - MARGIN.top - MARGIN.bottom,
    };
  }

  /** Sets the axes (no y axis: a number line of rows) and redraws. */
  setAxes(x: PlotAxis, y: PlotAxis | null): void {
    this.#x = x;
    this.#y = y;
    this.render();
  }

  /** The horizontal pixel of x coordinate `x`. */
  px(x: number): number {
    const area = this.area;
    return area.left + ((x - this.#x.from) / (this.#x.to - this.#x.from)) * area.width;
  }

  /** The vertical pixel of y coordinate `y` (requires a y axis). */
  py(y: number): number {
    const area = this.area;
    const axis = this.#y ?? { from: 0, to: 1 };
    return area.top + area.height - ((y - axis.from) / (axis.to - axis.from)) * area.height;
  }

  /** A filled dot. */
  dot(x: number, y: number, radius: number, color: string): void {
    const context = this.context;
    context.beginPath();
    context.arc(x, y, radius, 0, 2 * Math.PI);
    context.fillStyle = color;
    context.fill();
  }

  /** Redraws the frame, the axes and the content. */
  render(): void {
    const ratio = globalThis.devicePixelRatio || 1;
    const height = this.#options.height;
    this.#canvas.width = Math.round(this.#width * ratio);
    this.#canvas.height = Math.round(height * ratio);
    this.#canvas.style.height = `${height}px`;
    const context = this.context;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, this.#width, height);
    const area = this.area;
    context.strokeStyle = '#999';
    context.lineWidth = 1;
    context.strokeRect(area.left, area.top, area.width, area.height);
    context.fillStyle = '#333';
    context.font = '12px system-ui, sans-serif';
    context.textAlign = 'center';
    context.textBaseline = 'top';
    for (const tick of this.#x.ticks) {
      const x = this.px(tick.value);
      context.beginPath();
      context.moveTo(x, area.top + area.height);
      context.lineTo(x, area.top + area.height + 4);
      context.stroke();
      context.fillText(tick.label, x, area.top + area.height + 6);
    }
    context.fillText(this.#x.label, area.left + area.width / 2, area.top + area.height + 26);
    const y = this.#y;
    if (y !== null) {
      context.textAlign = 'right';
      context.textBaseline = 'middle';
      for (const tick of y.ticks) {
        const py = this.py(tick.value);
        context.beginPath();
        context.moveTo(area.left - 4, py);
        context.lineTo(area.left, py);
        context.stroke();
        context.fillText(tick.label, area.left - 6, py);
      }
      context.save();
      context.translate(14, area.top + area.height / 2);
      context.rotate(-Math.PI / 2);
      context.textAlign = 'center';
      context.fillText(y.label, 0, 0);
      context.restore();
    }
    context.save();
    context.beginPath();
    context.rect(area.left - 6, area.top - 6, area.width + 12, area.height + 12);
    context.clip();
    this.#options.draw(this);
    context.restore();
  }

  /** Stops observing the size. */
  dispose(): void {
    this.#resize.disconnect();
  }
}

/** Ticks at each power of ten from 10^from to 10^to, in log₁₀ coordinates. */
export function decadeTicks(from: number, to: number): PlotTick[] {
  const ticks: PlotTick[] = [];
  for (let exponent = Math.min(from, to); exponent <= Math.max(from, to); exponent++) {
    ticks.push({ value: exponent, label: formatPower(exponent) });
  }
  return ticks;
}

/** 10^exponent as short text: `0.001`, `1`, `1e-8`. */
export function formatPower(exponent: number): string {
  return exponent >= -4 && exponent <= 4
    ? String(Number((10 ** exponent).toPrecision(1)))
    : `1e${exponent}`;
}
