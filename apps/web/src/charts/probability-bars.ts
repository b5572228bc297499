import { h } from '../ui/dom.js';
import { formatNumber } from '../ui/format.js';
import { classColor } from './palette.js';

/** Options of {@link ProbabilityBars}. */
export interface ProbabilityBarsOptions {
  /** The caption. */
  readonly title: string;
  /** One label per class, in class order. */
  readonly labels: readonly string[];
  /** A test id on the figure. */
  readonly testId?: string;
}

/** The elements of one class's row. */
interface BarRow {
  readonly row: HTMLElement;
  readonly bar: HTMLElement;
  readonly value: HTMLElement;
}

/**
 * Class probabilities as horizontal bars in the class colours, each with its value printed;
 * the most probable class is highlighted (bold, outlined). Each row carries the exact
 * probability in `data-value` (test id `probability-<index>`); `setProbabilities(null)`
 * empties the bars.
 */
export class ProbabilityBars {
  /** The element to insert. */
  readonly element: HTMLElement;
  readonly #rows: BarRow[];

  constructor(options: ProbabilityBarsOptions) {
    this.#rows = options.labels.map((label, index) => {
      const bar = h('span', { className: 'probability-bar' });
      bar.style.display = 'block';
      bar.style.height = '100%';
      bar.style.width = '0%';
      bar.style.background = classColor(index);
      const track = h('span', { className: 'probability-track' }, bar);
      track.style.display = 'block';
      track.style.height = '0.9rem';
      track.style.background = '#eef1f4';
      track.style.borderRadius = '2px';
      track.style.overflow = 'hidden';
      const value = h('span', { className: 'probability-value', text: '—' });
      value.style.fontVariantNumeric = 'tabular-nums';
      value.style.textAlign = 'right';
      const name = h('span', { className: 'probability-label', text: label });
      name.style.color = classColor(index);
      name.style.fontWeight = '600';
      const row = h(
        'li',
        { className: 'probability-row', attrs: { 'data-testid': `probability-${index}` } },
        name,
        track,
        value,
      );
      row.style.display = 'grid';
      row.style.gridTemplateColumns = 'minmax(4rem, auto) 1fr 4.5rem';
      row.style.gap = '0.5rem';
      row.style.alignItems = 'center';
      row.style.padding = '0.1rem 0.3rem';
      row.style.border = '1px solid transparent';
      row.style.borderRadius = '3px';
      return { row, bar, value };
    });
    const list = h('ol', { className: 'probability-list' }, ...this.#rows.map((row) => row.row));
    list.style.listStyle = 'none';
    list.style.margin = '0';
    list.style.padding = '0';
    this.element = h(
      'figure',
      {
        className: 'chart probability-bars',
        attrs: { 'data-testid': options.testId, 'aria-live': 'polite' },
      },
      h('figcaption', { text: options.title }),
      list,
    );
    this.element.style.minWidth = '16rem';
  }

  /** Shows one probability per class (`null` clears the bars). */
  setProbabilities(values: readonly number[] | null): void {
    let top = -1;
    if (values !== null) {
      let best = -Infinity;
      values.forEach((value, index) => {
        if (value > best) {
          best = value;
          top = index;
        }
      });
    }
    this.#rows.forEach((row, index) => {
      const value = values?.[index];
      const isTop = index === top;
      if (value === undefined || !Number.isFinite(value)) {
        row.bar.style.width = '0%';
        row.value.textContent = '—';
        delete row.row.dataset['value'];
      } else {
        row.bar.style.width = `${Math.max(0, Math.min(1, value)) * 100}%`;
        row.value.textContent = formatNumber(value, 3);
        row.row.dataset['value'] = String(value);
      }
      row.row.dataset['top'] = String(isTop);
      row.row.style.fontWeight = isTop ? '700' : '400';
      row.row.style.borderColor = isTop ? classColor(index) : 'transparent';
      row.row.style.background = isTop ? classColor(index, 0.08) : 'transparent';
    });
  }
}
