import { h } from './dom.js';
import { uniqueId } from './unique-id.js';

/** Options of {@link Checkbox}. */
export interface CheckboxOptions {
  /** The visible label. */
  readonly label: string;
  /** The initial state. */
  readonly checked: boolean;
  /** Called with the new state. */
  readonly onChange: (checked: boolean) => void;
  /** A test id for the input. */
  readonly testId?: string;
}

/** A labelled checkbox. */
export class Checkbox {
  /** The element to insert. */
  readonly element: HTMLElement;
  readonly #input: HTMLInputElement;

  constructor(options: CheckboxOptions) {
    const id = uniqueId(options.label);
    this.#input = h('input', { attrs: { id, type: 'checkbox', 'data-testid': options.testId } });
    this.#input.checked = options.checked;
    this.#input.addEventListener('change', () => options.onChange(this.#input.checked));
    this.element = h(
      'div',
      { className: 'control checkbox' },
      this.#input,
      h('label', { text: options.label, attrs: { for: id } }),
    );
  }

  /** Whether it is checked. */
  get checked(): boolean {
    return this.#input.checked;
  }
}
