import { logLevels, marchingSquares } from '../experiments/surfaces/contour-levels.js';
import type { PlanePoint, PlaneRect } from '../experiments/surfaces/surface.js';
import { h } from '../ui/dom.js';
import { formatNumber } from '../ui/format.js';

/** The function a {@link ContourPlot} draws. */
export interface ContourSurface {
  /** The area shown. */
  readonly bounds: PlaneRect;
  /** f(x, y). */
  value(x: number, y: number): number;
  /** f*, so that the gap f − f* ≥ 0 sets the (log-spaced) levels. */
  readonly minValue: number;
  /** The minima, marked with a cross. */
  readonly minima: readonly PlanePoint[];
}

/** One coloured polyline of a {@link ContourPlot} (an optimizer's path). */
export interface ContourPath {
  /** The legend label. */
  readonly label: string;
  /** A CSS colour. */
  readonly color: string;
  /** The x of each point. */
  readonly xs: readonly number[];
  /** The y of each point. */
  readonly ys: readonly number[];
}

/** The draggable start point of a {@link ContourPlot}. */
export interface DraggableStart {
  /** The accessible name of the handle, e.g. 'Start point'. */
  readonly label: string;
  /** The initial point. */
  readonly point: PlanePoint;
  /** Called with the new point while it is dragged or moved with the arrow keys. */
  readonly onMove: (point: PlanePoint) => void;
}

/** Options of {@link ContourPlot}. */
export interface ContourPlotOptions {
  /** The caption (also the canvas's accessible name). */
  readonly title: string;
  /** The horizontal axis label. */
  readonly xLabel: string;
  /** The vertical axis label. */
  readonly yLabel: string;
  /** Width of the canvas in CSS pixels (its plot area is square). @defaultValue 360 */
  readonly size?: number;
  /** The number of contour levels. @defaultValue 14 */
  readonly levels?: number;
  /** A draggable, keyboard-movable start point. */
  readonly start?: DraggableStart;
  /** A test id on the figure. */
  readonly testId?: string;
}

/** Margins of the plot area inside the canvas, in CSS pixels. */
const MARGIN = { left: 58, right: 14, top: 10, bottom: 34 } as const;
/** The marching-squares grid (cells per side). */
const LINE_GRID = 96;
/** How far one arrow-key press moves the start point, as a fraction of the width. */
const KEY_STEP = 1 / 50;
/** Pixel coordinates are clamped to this (a diverged path has huge coordinates). */
const PIXEL_LIMIT = 1e5;

/** Band colours from the lowest gap (dark blue) to the highest (light yellow), RGB. */
const BAND_STOPS: readonly (readonly [number, number, number])[] = [
  [49, 54, 149],
  [69, 117, 180],
  [116, 173, 209],
  [171, 217, 233],
  [224, 243, 248],
  [254, 224, 144],
  [253, 174, 97],
];

/** The band colour at t ∈ [0, 1], lightened so that paths stand out. */
function bandColor(t: number): [number, number, number] {
  const position = Math.min(1, Math.max(0, t)) * (BAND_STOPS.length - 1);
  const index = Math.min(BAND_STOPS.length - 2, Math.floor(position));
  const within = position - index;
  const from = BAND_STOPS[index]!;
  const to = BAND_STOPS[index + 1]!;
  const lighten = 0.35;
  const mix = (a: number, b: number): number =>
    Math.round((a + (b - a) * within) * (1 - lighten) + 255 * lighten);
  return [mix(from[0], to[0]), mix(from[1], to[1]), mix(from[2], to[2])];
}

/**
 * A contour plot of a 2-D function over a rectangle: filled bands between log-spaced levels
 * of f − f* (painted through `ImageData` once per surface), iso-lines from marching
 * squares, the minima, any number of coloured paths (polylines with their points) and an
 * optional start point that can be dragged with the pointer or moved with the arrow keys.
 * Hovering shows (x, y, f). Tests read `data-path-lengths` (points per path, comma-separated)
 * and `data-final-points` (`x,y` per path, `;`-separated) on the figure.
 */
export class ContourPlot {
  /** The element to insert. */
  readonly element: HTMLElement;
  readonly #canvas: HTMLCanvasElement;
  readonly #bands: HTMLCanvasElement;
  readonly #hover: HTMLElement;
  readonly #legend: HTMLElement;
  readonly #handle: HTMLElement | null;
  readonly #options: ContourPlotOptions;
  /** The canvas width in CSS pixels. */
  readonly #size: number;
  /** The canvas height: the plot area is square (equal axes on a square rectangle). */
  readonly #height: number;
  readonly #ratio: number;
  #surface: ContourSurface | null = null;
  #segments: number[][] = [];
  #paths: readonly ContourPath[] = [];
  #start: PlanePoint | null;
  #dragging = false;

  constructor(options: ContourPlotOptions) {
    this.#options = options;
    this.#size = options.size ?? 360;
    this.#height = this.#size - MARGIN.left - MARGIN.right + MARGIN.top + MARGIN.bottom;
    this.#ratio = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
    this.#start = options.start?.point ?? null;
    this.#canvas = h('canvas', {
      attrs: {
        width: Math.round(this.#size * this.#ratio),
        height: Math.round(this.#height * this.#ratio),
        role: 'img',
        'aria-label': options.title,
      },
    });
    this.#canvas.style.width = `${this.#size}px`;
    this.#canvas.style.height = `${this.#height}px`;
    this.#bands = document.createElement('canvas');
    this.#hover = h('p', {
      className: 'contour-hover',
      text: 'Hover over the plot to read f(x, y).',
      attrs: {
        'data-testid': options.testId === undefined ? undefined : `${options.testId}-hover`,
      },
    });
    this.#legend = h('ul', { className: 'contour-legend' });
    const start = options.start;
    this.#handle =
      start === undefined
        ? null
        : h('div', {
            className: 'contour-handle',
            attrs: {
              role: 'slider',
              tabindex: 0,
              'aria-label': `${start.label}: drag it, or use the arrow keys`,
              'data-testid': options.testId === undefined ? undefined : `${options.testId}-start`,
            },
          });
    const stage = h('div', { className: 'contour-stage' }, this.#canvas, this.#handle);
    stage.style.position = 'relative';
    stage.style.width = `${this.#size}px`;
    stage.style.height = `${this.#height}px`;
    this.#canvas.style.display = 'block';
    this.#canvas.style.touchAction = 'none';
    if (this.#handle !== null) styleHandle(this.#handle);
    this.#legend.style.listStyle = 'none';
    this.#legend.style.display = 'flex';
    this.#legend.style.flexWrap = 'wrap';
    this.#legend.style.gap = '0.2rem 0.9rem';
    this.#legend.style.padding = '0';
    this.#legend.style.margin = '0.3rem 0 0';
    this.#legend.style.fontSize = '0.85rem';
    this.#hover.style.margin = '0.2rem 0 0';
    this.#hover.style.fontSize = '0.85rem';
    this.#hover.style.color = '#5b6573';
    this.#hover.style.fontVariantNumeric = 'tabular-nums';
    this.element = h(
      'figure',
      {
        className: 'chart contour-plot',
        attrs: { 'data-testid': options.testId, 'data-path-lengths': '', 'data-final-points': '' },
      },
      h('figcaption', { text: options.title }),
      stage,
      this.#legend,
      this.#hover,
    );
    // A fixed-size figure: it must not shrink below its canvas in a flex row.
    this.element.style.flex = '0 0 auto';
    this.element.style.width = `${this.#size}px`;
    this.#canvas.addEventListener('pointermove', (event) => this.#onPointerMove(event));
    this.#canvas.addEventListener('pointerleave', () => {
      if (!this.#dragging) this.#hover.textContent = 'Hover over the plot to read f(x, y).';
    });
    if (start !== undefined && this.#handle !== null) {
      this.#canvas.addEventListener('pointerdown', (event) => {
        this.#dragging = true;
        this.#canvas.setPointerCapture(event.pointerId);
        this.#handle?.focus({ preventScroll: true });
        this.#moveStartTo(this.#toPlane(event));
      });
      const stop = (event: PointerEvent): void => {
        if (!this.#dragging) return;
        this.#dragging = false;
        if (this.#canvas.hasPointerCapture(event.pointerId)) {
          this.#canvas.releasePointerCapture(event.pointerId);
        }
      };
      this.#canvas.addEventListener('pointerup', stop);
      this.#canvas.addEventListener('pointercancel', stop);
      this.#handle.addEventListener('keydown', (event) => this.#onKey(event));
    }
  }

  /** Sets the function drawn (recomputes the bands and iso-lines). */
  setSurface(surface: ContourSurface): void {
    this.#surface = surface;
    this.#computeContours(surface);
    this.#draw();
  }

  /** Sets the paths drawn over the contours (an empty list removes them). */
  setPaths(paths: readonly ContourPath[]): void {
    this.#paths = paths;
    this.element.dataset['pathLengths'] = paths.map((path) => path.xs.length).join(',');
    this.element.dataset['finalPoints'] = paths
      .map((path) => {
        const last = path.xs.length - 1;
        return last < 0 ? '' : `${path.xs[last]},${path.ys[last]}`;
      })
      .join(';');
    this.#renderLegend();
    this.#draw();
  }

  /** Moves the start handle (without calling `onMove`). */
  setStart(point: PlanePoint): void {
    this.#start = point;
    this.#draw();
  }

  #renderLegend(): void {
    this.#legend.replaceChildren(
      ...this.#paths.map((path) => {
        const swatch = h('span', { className: 'contour-swatch' });
        swatch.style.display = 'inline-block';
        swatch.style.width = '0.9rem';
        swatch.style.height = '0.25rem';
        swatch.style.margin = '0 0.35rem 0.2rem 0';
        swatch.style.verticalAlign = 'middle';
        swatch.style.background = path.color;
        return h('li', {}, swatch, path.label);
      }),
    );
  }

  #plotArea(): { left: number; top: number; width: number; height: number } {
    return {
      left: MARGIN.left,
      top: MARGIN.top,
      width: this.#size - MARGIN.left - MARGIN.right,
      height: this.#height - MARGIN.top - MARGIN.bottom,
    };
  }

  #computeContours(surface: ContourSurface): void {
    const { bounds, minValue } = surface;
    const area = this.#plotArea();
    // Line grid: gaps f − f* at the corners of LINE_GRID × LINE_GRID cells.
    const points = LINE_GRID + 1;
    const gaps = new Float64Array(points * points);
    let highest = 0;
    let lowestPositive = Infinity;
    for (let row = 0; row < points; row++) {
      const y = bounds.yMax - ((bounds.yMax - bounds.yMin) * row) / LINE_GRID;
      for (let column = 0; column < points; column++) {
        const x = bounds.xMin + ((bounds.xMax - bounds.xMin) * column) / LINE_GRID;
        const gap = Math.max(0, surface.value(x, y) - minValue);
        gaps[row * points + column] = gap;
        if (Number.isFinite(gap) && gap > highest) highest = gap;
        if (gap > 0 && gap < lowestPositive) lowestPositive = gap;
      }
    }
    const count = this.#options.levels ?? 14;
    const lowest = Math.max(lowestPositive, highest * 1e-6);
    const levels =
      highest > 0 && Number.isFinite(lowest) && lowest < highest
        ? logLevels(lowest * 2, highest, count)
        : [];
    this.#segments = levels.map((level) => {
      const out: number[] = [];
      marchingSquares(gaps, points, points, level, out);
      return out;
    });
    this.element.dataset['levels'] = String(levels.length);
    // Bands: every device pixel of the plot area, coloured by the level band it falls in.
    const width = Math.max(1, Math.round(area.width * this.#ratio));
    const height = Math.max(1, Math.round(area.height * this.#ratio));
    this.#bands.width = width;
    this.#bands.height = height;
    const context = this.#bands.getContext('2d');
    if (context === null) return;
    const image = context.createImageData(width, height);
    const pixels = image.data;
    const palette = Array.from({ length: levels.length + 1 }, (_, band) =>
      bandColor(levels.length === 0 ? 0.5 : band / levels.length),
    );
    for (let py = 0; py < height; py++) {
      const y = bounds.yMax - ((bounds.yMax - bounds.yMin) * (py + 0.5)) / height;
      for (let px = 0; px < width; px++) {
        const x = bounds.xMin + ((bounds.xMax - bounds.xMin) * (px + 0.5)) / width;
        const gap = surface.value(x, y) - minValue;
        let band = 0;
        while (band < levels.length && gap > levels[band]!) band++;
        const color = palette[band]!;
        const offset = (py * width + px) * 4;
        pixels[offset] = color[0];
        pixels[offset + 1] = color[1];
        pixels[offset + 2] = color[2];
        pixels[offset + 3] = 255;
      }
    }
    context.putImageData(image, 0, 0);
    // The iso-lines go into the same cached image: each frame only copies it.
    this.#drawIsoLines(context, { left: 0, top: 0, width, height }, this.#ratio);
  }

  #draw(): void {
    const context = this.#canvas.getContext('2d');
    const surface = this.#surface;
    if (context === null) return;
    const ratio = this.#ratio;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.fillStyle = '#fff';
    context.fillRect(0, 0, this.#canvas.width, this.#canvas.height);
    if (surface === null) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const area = this.#plotArea();
    context.imageSmoothingEnabled = true;
    context.drawImage(this.#bands, area.left, area.top, area.width, area.height);
    context.save();
    context.beginPath();
    context.rect(area.left, area.top, area.width, area.height);
    context.clip();
    this.#drawMinima(context, surface);
    for (const path of this.#paths) this.#drawPath(context, path);
    context.restore();
    context.strokeStyle = '#8a939e';
    context.lineWidth = 1;
    context.strokeRect(area.left, area.top, area.width, area.height);
    this.#drawAxes(context, surface.bounds, area);
    this.#placeHandle();
  }

  #drawIsoLines(
    context: CanvasRenderingContext2D,
    area: { left: number; top: number; width: number; height: number },
    lineWidth: number,
  ): void {
    const scaleX = area.width / LINE_GRID;
    const scaleY = area.height / LINE_GRID;
    context.strokeStyle = 'rgb(20 30 45 / 0.35)';
    context.lineWidth = lineWidth;
    context.beginPath();
    for (const segments of this.#segments) {
      for (let i = 0; i < segments.length; i += 4) {
        context.moveTo(area.left + segments[i]! * scaleX, area.top + segments[i + 1]! * scaleY);
        context.lineTo(area.left + segments[i + 2]! * scaleX, area.top + segments[i + 3]! * scaleY);
      }
    }
    context.stroke();
  }

  #drawMinima(context: CanvasRenderingContext2D, surface: ContourSurface): void {
    for (const [x, y] of surface.minima) {
      const [px, py] = this.#toPixel(x, y);
      context.lineWidth = 4;
      context.strokeStyle = '#fff';
      this.#cross(context, px, py, 6);
      context.lineWidth = 2;
      context.strokeStyle = '#111';
      this.#cross(context, px, py, 6);
    }
  }

  #cross(context: CanvasRenderingContext2D, x: number, y: number, half: number): void {
    context.beginPath();
    context.moveTo(x - half, y - half);
    context.lineTo(x + half, y + half);
    context.moveTo(x - half, y + half);
    context.lineTo(x + half, y - half);
    context.stroke();
  }

  #drawPath(context: CanvasRenderingContext2D, path: ContourPath): void {
    const count = path.xs.length;
    if (count === 0) return;
    const xs = path.xs;
    const ys = path.ys;
    context.strokeStyle = path.color;
    context.fillStyle = path.color;
    context.lineWidth = 2;
    context.lineJoin = 'round';
    context.beginPath();
    context.moveTo(this.#pixelX(xs[0]!), this.#pixelY(ys[0]!));
    for (let i = 1; i < count; i++) context.lineTo(this.#pixelX(xs[i]!), this.#pixelY(ys[i]!));
    context.stroke();
    if (count <= 400) {
      for (let i = 0; i < count; i++) {
        context.beginPath();
        context.arc(this.#pixelX(xs[i]!), this.#pixelY(ys[i]!), 2.2, 0, 2 * Math.PI);
        context.fill();
      }
    }
    context.beginPath();
    context.arc(this.#pixelX(xs[count - 1]!), this.#pixelY(ys[count - 1]!), 5, 0, 2 * Math.PI);
    context.fill();
    context.lineWidth = 1.5;
    context.strokeStyle = '#fff';
    context.stroke();
  }

  #drawAxes(
    context: CanvasRenderingContext2D,
    bounds: PlaneRect,
    area: { left: number; top: number; width: number; height: number },
  ): void {
    context.fillStyle = '#1d232b';
    context.strokeStyle = '#8a939e';
    context.font = '11px system-ui, sans-serif';
    const ticks = 5;
    context.textAlign = 'center';
    context.textBaseline = 'top';
    for (let i = 0; i < ticks; i++) {
      const x = bounds.xMin + ((bounds.xMax - bounds.xMin) * i) / (ticks - 1);
      const px = area.left + (area.width * i) / (ticks - 1);
      context.beginPath();
      context.moveTo(px, area.top + area.height);
      context.lineTo(px, area.top + area.height + 4);
      context.stroke();
      context.fillText(formatNumber(x, 3), px, area.top + area.height + 5);
    }
    context.textAlign = 'right';
    context.textBaseline = 'middle';
    for (let i = 0; i < ticks; i++) {
      const y = bounds.yMin + ((bounds.yMax - bounds.yMin) * i) / (ticks - 1);
      const py = area.top + area.height - (area.height * i) / (ticks - 1);
      context.beginPath();
      context.moveTo(area.left - 4, py);
      context.lineTo(area.left, py);
      context.stroke();
      context.fillText(formatNumber(y, 3), area.left - 6, py);
    }
    context.font = '12px system-ui, sans-serif';
    context.textAlign = 'center';
    context.textBaseline = 'bottom';
    context.fillText(this.#options.xLabel, area.left + area.width / 2, this.#height - 1);
    context.save();
    context.translate(9, area.top + area.height / 2);
    context.rotate(-Math.PI / 2);
    context.textBaseline = 'middle';
    context.fillText(this.#options.yLabel, 0, 0);
    context.restore();
  }

  #placeHandle(): void {
    const handle = this.#handle;
    const start = this.#start;
    const surface = this.#surface;
    if (handle === null || start === null || surface === null) return;
    const [px, py] = this.#toPixel(start[0], start[1]);
    handle.style.left = `${px}px`;
    handle.style.top = `${py}px`;
    const text = `x = ${formatNumber(start[0], 3)}, y = ${formatNumber(start[1], 3)}`;
    handle.setAttribute('aria-valuetext', text);
    handle.setAttribute('aria-valuenow', String(start[0]));
    handle.setAttribute('aria-valuemin', String(surface.bounds.xMin));
    handle.setAttribute('aria-valuemax', String(surface.bounds.xMax));
    handle.dataset['x'] = String(start[0]);
    handle.dataset['y'] = String(start[1]);
    handle.title = `${this.#options.start?.label ?? 'Start'}: ${text}`;
  }

  /** Pixel (CSS) coordinates of a plane point, clamped for far-away points. */
  #toPixel(x: number, y: number): [number, number] {
    return [this.#pixelX(x), this.#pixelY(y)];
  }

  /** The canvas x (CSS pixels) of a plane x, clamped for far-away points. */
  #pixelX(x: number): number {
    const bounds = this.#surface?.bounds;
    if (bounds === undefined) return 0;
    const width = this.#size - MARGIN.left - MARGIN.right;
    return clampPixel(MARGIN.left + ((x - bounds.xMin) / (bounds.xMax - bounds.xMin)) * width);
  }

  /** The canvas y (CSS pixels) of a plane y, clamped for far-away points. */
  #pixelY(y: number): number {
    const bounds = this.#surface?.bounds;
    if (bounds === undefined) return 0;
    const height = this.#height - MARGIN.top - MARGIN.bottom;
    return clampPixel(MARGIN.top + ((bounds.yMax - y) / (bounds.yMax - bounds.yMin)) * height);
  }

  /** The plane point under a pointer event, clamped to the plotted rectangle. */
  #toPlane(event: PointerEvent): PlanePoint {
    const bounds = this.#surface?.bounds ?? { xMin: 0, xMax: 1, yMin: 0, yMax: 1 };
    const rect = this.#canvas.getBoundingClientRect();
    const scale = rect.width / this.#size;
    const area = this.#plotArea();
    const u = (event.clientX - rect.left) / scale - area.left;
    const v = (event.clientY - rect.top) / scale - area.top;
    const fx = Math.min(1, Math.max(0, u / area.width));
    const fy = Math.min(1, Math.max(0, v / area.height));
    return [
      bounds.xMin + fx * (bounds.xMax - bounds.xMin),
      bounds.yMax - fy * (bounds.yMax - bounds.yMin),
    ];
  }

  #onPointerMove(event: PointerEvent): void {
    const surface = this.#surface;
    if (surface === null) return;
    const point = this.#toPlane(event);
    if (this.#dragging) this.#moveStartTo(point);
    const f = surface.value(point[0], point[1]);
    this.#hover.textContent = `x = ${formatNumber(point[0], 3)}, y = ${formatNumber(point[1], 3)}, f = ${formatNumber(f)}`;
    this.#hover.dataset['x'] = String(point[0]);
    this.#hover.dataset['y'] = String(point[1]);
    this.#hover.dataset['f'] = String(f);
  }

  #onKey(event: KeyboardEvent): void {
    const surface = this.#surface;
    const start = this.#start;
    if (surface === null || start === null) return;
    const { bounds } = surface;
    const factor = event.shiftKey ? 5 : 1;
    const dx = (bounds.xMax - bounds.xMin) * KEY_STEP * factor;
    const dy = (bounds.yMax - bounds.yMin) * KEY_STEP * factor;
    let next: PlanePoint;
    switch (event.key) {
      case 'ArrowLeft':
        next = [start[0] - dx, start[1]];
        break;
      case 'ArrowRight':
        next = [start[0] + dx, start[1]];
        break;
      case 'ArrowUp':
        next = [start[0], start[1] + dy];
        break;
      case 'ArrowDown':
        next = [start[0], start[1] - dy];
        break;
      default:
        return;
    }
    event.preventDefault();
    this.#moveStartTo([
      Math.min(bounds.xMax, Math.max(bounds.xMin, next[0])),
      Math.min(bounds.yMax, Math.max(bounds.yMin, next[1])),
    ]);
  }

  #moveStartTo(point: PlanePoint): void {
    const rounded: PlanePoint = [roundTo(point[0], 3), roundTo(point[1], 3)];
    this.#start = rounded;
    this.#draw();
    this.#options.start?.onMove(rounded);
  }
}

/** Clamps a pixel coordinate (a diverged path's points are huge or not finite). */
function clampPixel(value: number): number {
  return Number.isFinite(value)
    ? Math.max(-PIXEL_LIMIT, Math.min(PIXEL_LIMIT, value))
    : PIXEL_LIMIT;
}

/** Styles the start handle: a ring centred on the start point (CSS-free component). */
function styleHandle(handle: HTMLElement): void {
  const style = handle.style;
  style.position = 'absolute';
  style.width = '18px';
  style.height = '18px';
  style.marginLeft = '-9px';
  style.marginTop = '-9px';
  style.borderRadius = '50%';
  style.border = '3px solid #111';
  style.background = 'rgb(255 255 255 / 0.7)';
  style.boxSizing = 'border-box';
  style.pointerEvents = 'none';
}

/** Rounds to `digits` significant digits (short values for the URL). */
function roundTo(value: number, digits: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(digits));
}
