import type { PlanarPoints, PlaneBounds } from '../experiments/classifier/planar-data.js';
import { h } from '../ui/dom.js';
import { CLASS_COLORS, classColor } from './palette.js';

/** Options of {@link DecisionBoundary}. */
export interface DecisionBoundaryOptions {
  /** The caption (also the canvas's accessible name). */
  readonly title: string;
  /** Side length in CSS pixels. @defaultValue 320 */
  readonly size?: number;
  /** A test id on the figure. */
  readonly testId?: string;
  /** Called with the class probabilities under the cursor (`null` when it leaves). */
  readonly onHover?: (
    hover: { x: number; y: number; probabilities: readonly number[] } | null,
  ) => void;
}

/** The points drawn over the heatmap. */
export interface BoundaryScene {
  /** The plane's visible area. */
  readonly bounds: PlaneBounds;
  /** The number of classes. */
  readonly classes: number;
  /** Filled dots. */
  readonly train: PlanarPoints;
  /** Hollow rings. */
  readonly dev: PlanarPoints | null;
}

/**
 * A decision-boundary heatmap: each grid cell coloured by the predicted class, lighter where
 * the model is unsure, with the training points (filled) and dev points (rings) on top. The
 * grid is painted into an `ImageData` and scaled with smoothing.
 */
export class DecisionBoundary {
  /** The element to insert. */
  readonly element: HTMLElement;
  readonly #canvas: HTMLCanvasElement;
  readonly #cells: HTMLCanvasElement;
  readonly #size: number;
  #scene: BoundaryScene | null = null;
  #grid: Float32Array | null = null;
  #gridSize = 0;

  constructor(options: DecisionBoundaryOptions) {
    this.#size = options.size ?? 320;
    const ratio = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
    this.#canvas = h('canvas', {
      attrs: {
        width: Math.round(this.#size * ratio),
        height: Math.round(this.#size * ratio),
        role: 'img',
        'aria-label': options.title,
      },
    });
    this.#canvas.style.width = `${this.#size}px`;
    this.#canvas.style.height = `${this.#size}px`;
    this.#cells = document.createElement('canvas');
    this.element = h(
      'figure',
      { className: 'chart boundary', attrs: { 'data-testid': options.testId } },
      h('figcaption', { text: options.title }),
      this.#canvas,
    );
    const onHover = options.onHover;
    if (onHover !== undefined) {
      this.#canvas.addEventListener('mousemove', (event) => onHover(this.#probe(event)));
      this.#canvas.addEventListener('mouseleave', () => onHover(null));
    }
  }

  /** Sets the points and the plane's area. */
  setScene(scene: BoundaryScene): void {
    this.#scene = scene;
    this.#draw();
  }

  /** Sets the class probabilities of the grid (row-major from the top-left). */
  setGrid(grid: Float32Array, gridSize: number): void {
    this.#grid = grid;
    this.#gridSize = gridSize;
    this.#draw();
  }

  #probe(event: MouseEvent): { x: number; y: number; probabilities: readonly number[] } | null {
    const scene = this.#scene;
    const grid = this.#grid;
    if (scene === null || grid === null) return null;
    const rect = this.#canvas.getBoundingClientRect();
    const u = (event.clientX - rect.left) / rect.width;
    const v = (event.clientY - rect.top) / rect.height;
    if (u < 0 || u >= 1 || v < 0 || v >= 1) return null;
    const column = Math.min(this.#gridSize - 1, Math.floor(u * this.#gridSize));
    const row = Math.min(this.#gridSize - 1, Math.floor(v * this.#gridSize));
    const offset = (row * this.#gridSize + column) * scene.classes;
    const { xMin, xMax, yMin, yMax } = scene.bounds;
    return {
      x: xMin + u * (xMax - xMin),
      y: yMax - v * (yMax - yMin),
      probabilities: Array.from(grid.subarray(offset, offset + scene.classes)),
    };
  }

  #draw(): void {
    const context = this.#canvas.getContext('2d');
    const scene = this.#scene;
    if (context === null || scene === null) return;
    const width = this.#canvas.width;
    const height = this.#canvas.height;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    const grid = this.#grid;
    if (grid !== null && this.#gridSize > 0) {
      this.#paintCells(grid, scene.classes);
      context.imageSmoothingEnabled = true;
      context.drawImage(this.#cells, 0, 0, width, height);
    }
    const { xMin, xMax, yMin, yMax } = scene.bounds;
    const ratio = width / this.#size;
    const drawPoints = (points: PlanarPoints, hollow: boolean): void => {
      for (let i = 0; i < points.labels.length; i++) {
        const px = ((points.xy[2 * i]! - xMin) / (xMax - xMin)) * width;
        const py = ((yMax - points.xy[2 * i + 1]!) / (yMax - yMin)) * height;
        context.beginPath();
        context.arc(px, py, 3.2 * ratio, 0, 2 * Math.PI);
        if (hollow) {
          context.lineWidth = 2 * ratio;
          context.strokeStyle = classColor(points.labels[i]!);
          context.stroke();
        } else {
          context.fillStyle = classColor(points.labels[i]!);
          context.fill();
          context.lineWidth = 1 * ratio;
          context.strokeStyle = '#fff';
          context.stroke();
        }
      }
    };
    drawPoints(scene.train, false);
    if (scene.dev !== null) drawPoints(scene.dev, true);
  }

  #paintCells(grid: Float32Array, classes: number): void {
    const size = this.#gridSize;
    this.#cells.width = size;
    this.#cells.height = size;
    const context = this.#cells.getContext('2d');
    if (context === null) return;
    const image = context.createImageData(size, size);
    const pixels = image.data;
    for (let cell = 0; cell < size * size; cell++) {
      let best = 0;
      let bestProbability = -1;
      for (let c = 0; c < classes; c++) {
        const probability = grid[cell * classes + c]!;
        if (probability > bestProbability) {
          bestProbability = probability;
          best = c;
        }
      }
      // Confidence 1/classes → white, 1 → a light tint of the class colour.
      const confidence = classes > 1 ? (bestProbability - 1 / classes) / (1 - 1 / classes) : 1;
      const tint = 0.15 + 0.45 * Math.max(0, Math.min(1, confidence));
      const [r, g, b] = CLASS_COLORS[best % CLASS_COLORS.length]!;
      pixels[cell * 4] = Math.round(255 + (r - 255) * tint);
      pixels[cell * 4 + 1] = Math.round(255 + (g - 255) * tint);
      pixels[cell * 4 + 2] = Math.round(255 + (b - 255) * tint);
      pixels[cell * 4 + 3] = 255;
    }
    context.putImageData(image, 0, 0);
  }
}
