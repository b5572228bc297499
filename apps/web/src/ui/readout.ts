import { h } from './dom.js';
import { formatNumber } from './format.js';

/** One labelled number of a {@link Readouts} list. */
export interface ReadoutSpec {
  /** The key (also the test id: `readout-<key>`). */
  readonly key: string;
  /** The visible label. */
  readonly label: string;
  /** Formats the value. @defaultValue formatNumber */
  readonly format?: (value: number) => string;
}

/**
 * A list of labelled numbers (`<dl>`). Each value element carries the exact number in
 * `data-value` (shortest round-trip form), so tests compare real numbers, not rounded text.
 */
export class Readouts {
  /** The element to insert. */
  readonly element: HTMLDListElement;
  readonly #values = new Map<string, { element: HTMLElement; spec: ReadoutSpec }>();

  constructor(specs: readonly ReadoutSpec[]) {
    this.element = h('dl', { className: 'readouts' });
    for (const spec of specs) {
      const value = h('dd', { text: '—', attrs: { 'data-testid': `readout-${spec.key}` } });
      this.#values.set(spec.key, { element: value, spec });
      this.element.append(h('div', {}, h('dt', { text: spec.label }), value));
    }
  }

  /** Shows a value (`null` shows a dash). */
  set(key: string, value: number | null): void {
    const entry = this.#values.get(key);
    if (entry === undefined) throw new Error(`Readouts.set: no readout "${key}".`);
    entry.element.textContent = value === null ? '—' : (entry.spec.format ?? formatNumber)(value);
    if (value === null) delete entry.element.dataset['value'];
    else entry.element.dataset['value'] = String(value);
  }
}
