import { preprocessDigit } from '../../experiments/mnist/digit-preprocess.js';
import { MNIST_PIXELS, MNIST_SIDE } from '../../experiments/mnist/mnist-subset.js';
import { h } from '../../ui/dom.js';

/** The drawing canvas's side in pixels. */
export const PAD_SIDE = 280;

/** The pen's width in canvas pixels (about 2 MNIST pixels once the digit is scaled to 20 × 20). */
const PEN_WIDTH = 22;

/** Options of {@link DrawingPad}. */
export interface DrawingPadOptions {
  /** Receives the 28 × 28 input (784 values in [0, 1]) after each change, `null` when empty. */
  readonly onInput: (image: Float32Array | null) => void;
}

/**
 * A square canvas to draw a digit on with the mouse, a pen or a finger (pointer events), and
 * a 28 × 28 preview of what the network is given: the drawing preprocessed like MNIST
 * (`preprocessDigit`). `showImage` puts a ready 28 × 28 image (a test digit) on both.
 */
export class DrawingPad {
  /** The element to insert. */
  readonly element: HTMLElement;
  readonly #canvas: HTMLCanvasElement;
  readonly #context: CanvasRenderingContext2D;
  readonly #preview: HTMLCanvasElement;
  readonly #options: DrawingPadOptions;
  readonly #ink = new Float32Array(PAD_SIDE * PAD_SIDE);
  #last: { x: number; y: number } | null = null;
  #frame = 0;

  constructor(options: DrawingPadOptions) {
    this.#options = options;
    this.#canvas = h('canvas', {
      className: 'mnist-pad',
      attrs: {
        width: PAD_SIDE,
        height: PAD_SIDE,
        'data-testid': 'drawing-pad',
        role: 'img',
        'aria-label':
          'Drawing pad: draw a digit with the mouse, a pen or a finger (or use “Load a test image”)',
      },
    });
    this.#context = this.#canvas.getContext('2d', { willReadFrequently: true })!;
    this.#preview = h('canvas', {
      className: 'mnist-preview',
      attrs: {
        width: MNIST_SIDE,
        height: MNIST_SIDE,
        'data-testid': 'digit-preview',
        role: 'img',
        'aria-label': 'The 28 × 28 image the network is given',
      },
    });
    this.element = h(
      'div',
      { className: 'mnist-pad-frame' },
      this.#canvas,
      h(
        'div',
        { className: 'mnist-preview-frame' },
        this.#preview,
        h('span', { text: 'what the network sees (28 × 28)' }),
      ),
    );
    this.#canvas.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      this.#canvas.setPointerCapture(event.pointerId);
      this.#last = this.#point(event);
      this.#stroke(this.#last, this.#last);
    });
    this.#canvas.addEventListener('pointermove', (event) => {
      if (this.#last === null) return;
      const point = this.#point(event);
      this.#stroke(this.#last, point);
      this.#last = point;
    });
    const end = (): void => {
      if (this.#last === null) return;
      this.#last = null;
      this.#update();
    };
    this.#canvas.addEventListener('pointerup', end);
    this.#canvas.addEventListener('pointercancel', end);
    this.#empty();
  }

  /** Empties the pad and the preview, and reports that there is no input. */
  clear(): void {
    this.#empty();
    this.#options.onInput(null);
  }

  #empty(): void {
    this.#context.fillStyle = '#ffffff';
    this.#context.fillRect(0, 0, PAD_SIDE, PAD_SIDE);
    this.#drawPreview(null);
  }

  /** Shows a 28 × 28 image (784 values in [0, 1]) on the pad and the preview, and reports it as the input. */
  showImage(image: Float32Array): void {
    const small = new ImageData(MNIST_SIDE, MNIST_SIDE);
    for (let i = 0; i < MNIST_PIXELS; i++) {
      const shade = Math.round(255 * (1 - image[i]!));
      small.data[4 * i] = shade;
      small.data[4 * i + 1] = shade;
      small.data[4 * i + 2] = shade;
      small.data[4 * i + 3] = 255;
    }
    this.#preview.getContext('2d')!.putImageData(small, 0, 0);
    this.#context.imageSmoothingEnabled = false;
    this.#context.drawImage(this.#preview, 0, 0, PAD_SIDE, PAD_SIDE);
    this.#options.onInput(image);
  }

  /** Draws a stroke of the pen from a point to another (canvas pixels). */
  drawStroke(from: { x: number; y: number }, to: { x: number; y: number }): void {
    this.#stroke(from, to);
    this.#update();
  }

  #point(event: PointerEvent): { x: number; y: number } {
    const rect = this.#canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left) / rect.width) * PAD_SIDE,
      y: ((event.clientY - rect.top) / rect.height) * PAD_SIDE,
    };
  }

  #stroke(from: { x: number; y: number }, to: { x: number; y: number }): void {
    const context = this.#context;
    context.strokeStyle = '#000000';
    context.lineWidth = PEN_WIDTH;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
    if (this.#frame === 0) {
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.#update();
      });
    }
  }

  #update(): void {
    const pixels = this.#context.getImageData(0, 0, PAD_SIDE, PAD_SIDE).data;
    const ink = this.#ink;
    for (let i = 0; i < ink.length; i++) ink[i] = 1 - pixels[4 * i]! / 255;
    const image = preprocessDigit(ink, PAD_SIDE, PAD_SIDE);
    this.#drawPreview(image);
    this.#options.onInput(image);
  }

  #drawPreview(image: Float32Array | null): void {
    const context = this.#preview.getContext('2d')!;
    if (image === null) {
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, MNIST_SIDE, MNIST_SIDE);
      return;
    }
    const small = new ImageData(MNIST_SIDE, MNIST_SIDE);
    for (let i = 0; i < MNIST_PIXELS; i++) {
      const shade = Math.round(255 * (1 - image[i]!));
      small.data[4 * i] = shade;
      small.data[4 * i + 1] = shade;
      small.data[4 * i + 2] = shade;
      small.data[4 * i + 3] = 255;
    }
    context.putImageData(small, 0, 0);
  }
}
