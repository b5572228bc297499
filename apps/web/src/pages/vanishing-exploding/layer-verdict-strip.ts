import type { LayerSignalVerdict } from '../../experiments/signal/signal-measurement.js';
import { h } from '../../ui/dom.js';
import { formatNumber } from '../../ui/format.js';

/** The verdicts a strip colours, in legend order. */
const VERDICTS: readonly LayerSignalVerdict[] = ['stable', 'exploding', 'vanishing', 'non-finite'];

/** Options of {@link LayerVerdictStrip}. */
export interface LayerVerdictStripOptions {
  /** The caption, e.g. `Forward: activation std vs layer 1`. */
  readonly caption: string;
  /** What the value in each cell's tooltip is, e.g. `activation std`. */
  readonly quantity: string;
  /** Show the colour key under the strip. */
  readonly legend: boolean;
  /** The test id; the verdicts are in its `data-verdicts`, comma-separated. */
  readonly testId: string;
}

/**
 * One coloured cell per layer — stable, exploding, vanishing or non-finite — with the layer's
 * value in its tooltip and accessible name.
 */
export class LayerVerdictStrip {
  /** The element to insert. */
  readonly element: HTMLElement;
  readonly #cells: HTMLElement;
  readonly #options: LayerVerdictStripOptions;

  constructor(options: LayerVerdictStripOptions) {
    this.#options = options;
    this.#cells = h('ol', { className: 'vanishing-exploding-strip-cells' });
    this.element = h(
      'figure',
      { className: 'vanishing-exploding-strip', attrs: { 'data-testid': options.testId } },
      h('figcaption', { text: options.caption }),
      this.#cells,
      options.legend
        ? h(
            'p',
            { className: 'vanishing-exploding-strip-legend' },
            ...VERDICTS.map((verdict) =>
              h(
                'span',
                { className: `vanishing-exploding-key vanishing-exploding-${verdict}` },
                verdict,
              ),
            ),
          )
        : null,
    );
  }

  /** Shows each layer's verdict and value (layer 1 first). */
  set(verdicts: readonly LayerSignalVerdict[], values: readonly number[]): void {
    this.#cells.replaceChildren(
      ...verdicts.map((verdict, index) => {
        const text = `layer ${index + 1}: ${verdict} (${this.#options.quantity} ${formatNumber(values[index])})`;
        return h('li', {
          className: `vanishing-exploding-${verdict}`,
          attrs: { title: text, 'aria-label': text },
        });
      }),
    );
    this.element.dataset['verdicts'] = verdicts.join(',');
  }
}
