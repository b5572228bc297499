import { h } from './dom.js';
import { uniqueId } from './unique-id.js';

/** One option of a {@link Select}. */
export interface SelectOption {
  /** The value. */
  readonly value: string;
  /** The text shown. */
  readonly label: string;
}

/** Options of {@link Select}. */
export interface SelectOptions {
  /** The visible label. */
  readonly label: string;
  /** The options. */
  readonly options: readonly SelectOption[];
  /** The initial value. */
  readonly value: string;
  /** Called with the new value. */
  readonly onChange: (value: string) => void;
  /** A test id for the select element. */
  readonly testId?: string;
}

/** A labelled `<select>`. */
export class Select {
  /** The element to insert. */
  readonly element: HTMLElement;
  readonly #select: HTMLSelectElement;

  constructor(options: SelectOptions) {
    const id = uniqueId(options.label);
    this.#select = h(
      'select',
      { attrs: { id, 'data-testid': options.testId } },
      ...options.options.map((option) =>
        h('option', { text: option.label, attrs: { value: option.value } }),
      ),
    );
    this.#select.value = options.value;
    this.#select.addEventListener('change', () => options.onChange(this.#select.value));
    this.element = h(
      'div',
      { className: 'control select' },
      h('label', { text: options.label, attrs: { for: id } }),
      this.#select,
    );
  }

  /** The current value. */
  get value(): string {
    return this.#select.value;
  }

  /** Sets the value without calling `onChange`. */
  setValue(value: string): void {
    this.#select.value = value;
  }
}
