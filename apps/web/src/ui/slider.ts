import { h } from './dom.js';
import { formatNumber } from './format.js';
import { uniqueId } from './unique-id.js';

/** Options of {@link Slider}. */
export interface SliderOptions {
  /** The visible label (also the accessible name). */
  readonly label: string;
  /** The smallest value. */
  readonly min: number;
  /** The largest value. */
  readonly max: number;
  /** The step in value space (linear) or in log₁₀ space (log). @defaultValue (max − min) / 100 */
  readonly step?: number;
  /** The initial value. */
  readonly value: number;
  /** `log`: the position is log₁₀ of the value (learning rates, λ). @defaultValue 'linear' */
  readonly scale?: 'linear' | 'log';
  /** Formats the value shown next to the slider. @defaultValue formatNumber */
  readonly format?: (value: number) => string;
  /** Called on every change with the new value. */
  readonly onInput: (value: number) => void;
  /** A test id for the input. */
  readonly testId?: string;
  /** Values marked under the track (e.g. β = 0.9). */
  readonly marks?: readonly number[];
}

/** Rounds to `digits` significant digits (log-scale values stay readable in the URL). */
function roundSignificant(value: number, digits: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(digits));
}

/**
 * A labelled range input with its value shown beside it; keyboard-usable (arrows, Page Up/
 * Down, Home/End) as every native range input is. On a log scale, equal moves multiply the
 * value by equal factors.
 */
export class Slider {
  /** The element to insert. */
  readonly element: HTMLElement;
  readonly #input: HTMLInputElement;
  readonly #output: HTMLOutputElement;
  readonly #options: SliderOptions;
  #value: number;

  constructor(options: SliderOptions) {
    this.#options = options;
    this.#value = options.value;
    const id = uniqueId(options.label);
    const log = options.scale === 'log';
    const min = log ? Math.log10(options.min) : options.min;
    const max = log ? Math.log10(options.max) : options.max;
    const step = options.step ?? (max - min) / 100;
    this.#input = h('input', {
      attrs: {
        id,
        type: 'range',
        min,
        max,
        step,
        'data-testid': options.testId,
        list: options.marks !== undefined ? `${id}-marks` : undefined,
      },
    });
    this.#output = h('output', { attrs: { for: id } });
    this.#input.value = String(this.#position(options.value));
    this.#input.addEventListener('input', () => {
      const position = Number(this.#input.value);
      this.#value = log ? roundSignificant(10 ** position, 3) : roundSignificant(position, 6);
      this.#render();
      options.onInput(this.#value);
    });
    const marks =
      options.marks === undefined
        ? null
        : h(
            'datalist',
            { attrs: { id: `${id}-marks` } },
            ...options.marks.map((mark) =>
              h('option', { attrs: { value: this.#position(mark), label: String(mark) } }),
            ),
          );
    this.element = h(
      'div',
      { className: 'control slider' },
      h('label', { text: options.label, attrs: { for: id } }),
      this.#input,
      this.#output,
      marks,
    );
    this.#render();
  }

  /** The current value. */
  get value(): number {
    return this.#value;
  }

  /** Sets the value without calling `onInput`. */
  setValue(value: number): void {
    this.#value = value;
    this.#input.value = String(this.#position(value));
    this.#render();
  }

  #position(value: number): number {
    return this.#options.scale === 'log' ? Math.log10(value) : value;
  }

  #render(): void {
    const format = this.#options.format ?? ((value: number) => formatNumber(value, 3));
    this.#output.textContent = format(this.#value);
  }
}
