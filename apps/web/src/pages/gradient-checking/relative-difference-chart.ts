import { GRADCHECK_VERDICT_BANDS, type GradcheckVerdict } from 'deeptune';
import type { ParameterCheck } from '../../experiments/gradcheck/gradient-check.js';
import { h } from '../../ui/dom.js';

/** The smallest relative difference on the axis (smaller ones, and 0, sit at its left end). */
const AXIS_MIN_EXPONENT = -12;
/** The largest relative difference on the axis (1: the two gradients share no direction). */
const AXIS_MAX_EXPONENT = 0;

/** Where a relative difference sits on the log axis, in percent of its width. */
export function axisPercent(relativeDifference: number): number {
  if (Number.isNaN(relativeDifference)) return 100;
  if (!(relativeDifference > 0)) return 0;
  const exponent = Math.log10(relativeDifference);
  const clamped = Math.min(AXIS_MAX_EXPONENT, Math.max(AXIS_MIN_EXPONENT, exponent));
  return ((clamped - AXIS_MIN_EXPONENT) / (AXIS_MAX_EXPONENT - AXIS_MIN_EXPONENT)) * 100;
}

/** The difference as text: `3.1e-8`, `0`, or `NaN`. */
function formatDifference(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  return value === 0 ? '0' : value.toExponential(1);
}

/** A track with the library's verdict bands as coloured segments, and an optional marker. */
function track(marker: { percent: number; verdict: GradcheckVerdict } | null): HTMLElement {
  const element = h('div', { className: 'gradient-checking-track' });
  let start = 0;
  for (const band of GRADCHECK_VERDICT_BANDS) {
    const end = Number.isFinite(band.upTo) ? axisPercent(band.upTo) : 100;
    const segment = h('span', {
      className: `gradient-checking-band gradient-checking-band-${band.verdict}`,
    });
    segment.style.left = `${start}%`;
    segment.style.width = `${end - start}%`;
    element.append(segment);
    start = end;
  }
  if (marker !== null) {
    const dot = h('span', {
      className: `gradient-checking-marker gradient-checking-marker-${marker.verdict}`,
    });
    dot.style.left = `${marker.percent}%`;
    element.append(dot);
  }
  return element;
}

/** The header of the track column: the bands' names and the decades of the axis. */
function axisHeader(): HTMLElement {
  const header = track(null);
  header.classList.add('gradient-checking-axis');
  let start = 0;
  for (const band of GRADCHECK_VERDICT_BANDS) {
    const end = Number.isFinite(band.upTo) ? axisPercent(band.upTo) : 100;
    const label = h('span', {
      className: 'gradient-checking-band-label',
      text: band.verdict,
      attrs: { title: `${band.range}: ${band.meaning}` },
    });
    label.style.left = `${start}%`;
    label.style.width = `${end - start}%`;
    header.append(label);
    start = end;
  }
  for (let exponent = AXIS_MIN_EXPONENT; exponent <= AXIS_MAX_EXPONENT; exponent += 2) {
    const tick = h('span', {
      className:
        exponent === AXIS_MIN_EXPONENT
          ? 'gradient-checking-tick gradient-checking-tick-first'
          : exponent === AXIS_MAX_EXPONENT
            ? 'gradient-checking-tick gradient-checking-tick-last'
            : 'gradient-checking-tick',
      text: exponent === 0 ? '1' : `1e${exponent}`,
    });
    tick.style.left = `${axisPercent(10 ** exponent)}%`;
    header.append(tick);
  }
  return header;
}

/**
 * The relative difference of every parameter tensor on a log axis (1e-12 to 1) over the
 * library's verdict bands, one row per parameter plus the overall difference. Each row
 * carries `data-parameter`, `data-verdict` and the exact `data-value`.
 */
export class RelativeDifferenceChart {
  /** The element to insert. */
  readonly element: HTMLElement;
  readonly #body: HTMLTableSectionElement;

  constructor(testId: string) {
    this.#body = h('tbody');
    this.element = h(
      'figure',
      { className: 'gradient-checking-chart', attrs: { 'data-testid': testId } },
      h('figcaption', {
        text: 'Relative difference ‖dθapprox − dθ‖ / (‖dθapprox‖ + ‖dθ‖) per parameter, log scale',
      }),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { text: 'parameter', attrs: { scope: 'col' } }),
            h('th', { text: 'rel. difference', attrs: { scope: 'col' } }),
            h('th', { text: 'verdict', attrs: { scope: 'col' } }),
            h('th', { attrs: { scope: 'col', 'aria-label': 'on the log axis' } }, axisHeader()),
          ),
        ),
        this.#body,
      ),
      h(
        'ul',
        { className: 'gradient-checking-legend' },
        ...GRADCHECK_VERDICT_BANDS.map((band) =>
          h(
            'li',
            {},
            h('span', {
              className: `gradient-checking-swatch gradient-checking-band-${band.verdict}`,
            }),
            h('strong', { text: band.verdict }),
            ` ${band.range}: ${band.meaning}${band.passes ? '' : ' (fails the check)'}`,
          ),
        ),
      ),
    );
  }

  /** Shows the parameters' differences and the overall one. */
  set(
    parameters: readonly ParameterCheck[],
    overall: { relativeDifference: number; verdict: GradcheckVerdict },
  ): void {
    const row = (
      name: string,
      detail: string,
      relativeDifference: number,
      verdict: GradcheckVerdict,
      className: string,
    ): HTMLTableRowElement =>
      h(
        'tr',
        {
          className: `${className} gradient-checking-row-${verdict}`,
          attrs: {
            'data-parameter': name,
            'data-verdict': verdict,
            'data-value': String(relativeDifference),
            title: detail,
          },
        },
        h('th', { text: name, attrs: { scope: 'row' } }),
        h('td', {
          className: 'gradient-checking-number',
          text: formatDifference(relativeDifference),
        }),
        h('td', { className: `gradient-checking-verdict-${verdict}`, text: verdict }),
        h('td', {}, track({ percent: axisPercent(relativeDifference), verdict })),
      );
    this.#body.replaceChildren(
      ...parameters.map((parameter) =>
        row(
          parameter.name,
          `${parameter.name} [${parameter.shape.join('×')}]: worst element [${parameter.worstIndex.join(', ')}], backprop ${parameter.analytic.toPrecision(6)} vs numerical ${parameter.numerical.toPrecision(6)}`,
          parameter.relativeDifference,
          parameter.verdict,
          'gradient-checking-parameter',
        ),
      ),
      row(
        'all (θ)',
        'every parameter flattened into one vector θ',
        overall.relativeDifference,
        overall.verdict,
        'gradient-checking-overall',
      ),
    );
  }
}
