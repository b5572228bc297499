import { h } from '../ui/dom.js';
import { formatPercent } from '../ui/format.js';
import { classColor } from './palette.js';

/** Options of {@link ConfusionMatrix}. */
export interface ConfusionMatrixOptions {
  /** The caption of the table. */
  readonly title: string;
  /** One label per class, in class order. */
  readonly labels: readonly string[];
  /** A test id on the figure. */
  readonly testId?: string;
}

/**
 * A confusion matrix as an accessible HTML table: rows are the true classes, columns the
 * predicted ones, each cell shaded by its share of its row and holding its count (test id
 * `confusion-<true>-<predicted>`, the count in `data-value`); the last column is each
 * class's recall (diagonal ÷ row total, test id `recall-<true>`).
 */
export class ConfusionMatrix {
  /** The element to insert. */
  readonly element: HTMLElement;
  readonly #cells: HTMLTableCellElement[][];
  readonly #recalls: HTMLTableCellElement[];

  constructor(options: ConfusionMatrixOptions) {
    const labels = options.labels;
    const headerCell = (text: string, scope: 'col' | 'row', index: number | null) => {
      const cell = h('th', { text, attrs: { scope } });
      cell.style.padding = '0.2rem 0.4rem';
      cell.style.fontSize = '0.85rem';
      if (index !== null) cell.style.color = classColor(index);
      return cell;
    };
    this.#cells = labels.map((_, row) =>
      labels.map((__, column) => {
        const cell = h('td', {
          text: '—',
          attrs: { 'data-testid': `confusion-${row}-${column}` },
        });
        cell.style.textAlign = 'center';
        cell.style.minWidth = '2.6rem';
        cell.style.padding = '0.25rem 0.4rem';
        cell.style.fontVariantNumeric = 'tabular-nums';
        cell.style.border = '1px solid #d8dde3';
        if (row === column) cell.style.outline = '1px solid #888';
        return cell;
      }),
    );
    this.#recalls = labels.map((_, row) => {
      const cell = h('td', { text: '—', attrs: { 'data-testid': `recall-${row}` } });
      cell.style.paddingLeft = '0.6rem';
      cell.style.whiteSpace = 'nowrap';
      cell.style.fontVariantNumeric = 'tabular-nums';
      return cell;
    });
    const corner = h('th', { text: 'true ↓ / predicted →', attrs: { scope: 'col' } });
    corner.style.fontSize = '0.75rem';
    corner.style.fontWeight = '400';
    corner.style.color = '#5b6573';
    const table = h(
      'table',
      { className: 'confusion-matrix' },
      h('caption', { text: options.title }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          corner,
          ...labels.map((label, index) => headerCell(label, 'col', index)),
          headerCell('recall', 'col', null),
        ),
      ),
      h(
        'tbody',
        {},
        ...labels.map((label, row) =>
          h('tr', {}, headerCell(label, 'row', row), ...this.#cells[row]!, this.#recalls[row]!),
        ),
      ),
    );
    table.style.borderCollapse = 'collapse';
    const caption = table.querySelector('caption');
    if (caption !== null) {
      caption.style.fontWeight = '600';
      caption.style.textAlign = 'left';
      caption.style.marginBottom = '0.2rem';
    }
    this.element = h(
      'figure',
      { className: 'chart confusion', attrs: { 'data-testid': options.testId } },
      table,
    );
  }

  /** Shows the counts: `counts[true][predicted]`, one row and column per class. */
  setCounts(counts: readonly (readonly number[])[]): void {
    this.#cells.forEach((cells, row) => {
      const rowCounts = counts[row];
      let total = 0;
      for (const count of rowCounts ?? []) total += count;
      cells.forEach((cell, column) => {
        const count = rowCounts?.[column];
        if (count === undefined) {
          cell.textContent = '—';
          delete cell.dataset['value'];
          cell.style.background = 'transparent';
          return;
        }
        const share = total > 0 ? count / total : 0;
        cell.textContent = String(count);
        cell.dataset['value'] = String(count);
        cell.style.background = classColor(column, Math.round(share * 0.75 * 100) / 100);
        cell.style.color = share > 0.6 ? '#fff' : '';
      });
      const recall = this.#recalls[row]!;
      const diagonal = rowCounts?.[row];
      if (diagonal === undefined || total === 0) {
        recall.textContent = '—';
        delete recall.dataset['value'];
      } else {
        recall.textContent = formatPercent(diagonal / total);
        recall.dataset['value'] = String(diagonal / total);
      }
    });
  }
}
