import { escapeHtml } from './escape-html.js';
import type { AxisTick } from './scale-axis.js';

/**
 * A chart's size and the plot area inside its margins, in SVG user units.
 *
 * @internal
 */
export interface ChartFrame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
  readonly plotWidth: number;
  readonly plotHeight: number;
}

/** The gap between the plot area's edge and the ends of its axes' domains. */
const INSET = 8;

/**
 * A frame of `width` × `height` with room for axis labels.
 *
 * @internal
 */
export function chartFrame(
  width: number,
  height: number,
  margin: { top?: number; right?: number; bottom?: number; left?: number } = {},
): ChartFrame {
  const { top = 14, right = 16, bottom = 46, left = 64 } = margin;
  return {
    width,
    height,
    left,
    top,
    plotWidth: width - left - right,
    plotHeight: height - top - bottom,
  };
}

/**
 * The map from `domain` onto `range`, linearly (`domain[0]` may be larger than `domain[1]`).
 *
 * @internal
 */
export function linearMap(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return span === 0 ? () => (r0 + r1) / 2 : (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/**
 * The horizontal map of a frame: `domain` onto the plot area, inset on both sides.
 *
 * @internal
 */
export function xMap(frame: ChartFrame, domain: readonly [number, number]): (x: number) => number {
  return linearMap(domain, [frame.left + INSET, frame.left + frame.plotWidth - INSET]);
}

/**
 * The vertical map of a frame: `domain[0]` at the bottom of the plot area, inset.
 *
 * @internal
 */
export function yMap(frame: ChartFrame, domain: readonly [number, number]): (y: number) => number {
  return linearMap(domain, [frame.top + frame.plotHeight - INSET, frame.top + INSET]);
}

/**
 * A coordinate for SVG: rounded to hundredths. Callers pass finite numbers only.
 *
 * @internal
 */
export function svgNumber(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/**
 * Whether every number is finite (safe as an SVG coordinate).
 *
 * @internal
 */
export function allFinite(...values: readonly number[]): boolean {
  return values.every((value) => Number.isFinite(value));
}

/**
 * The opening tag of a chart's `<svg>`, with an accessible label, and its plot area.
 *
 * @internal
 */
export function svgOpen(frame: ChartFrame, label: string): string {
  return (
    `<svg class="chart" width="${frame.width}" height="${frame.height}" ` +
    `viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-label="${escapeHtml(label)}">` +
    `<rect class="plot" x="${svgNumber(frame.left)}" y="${svgNumber(frame.top)}" ` +
    `width="${svgNumber(frame.plotWidth)}" height="${svgNumber(frame.plotHeight)}"/>`
  );
}

/**
 * A bottom axis: grid lines, tick labels and a title.
 *
 * @internal
 */
export function bottomAxis(
  frame: ChartFrame,
  ticks: readonly AxisTick[],
  map: (x: number) => number,
  title: string,
): string {
  const bottom = frame.top + frame.plotHeight;
  const parts = ticks
    .filter((tick) => Number.isFinite(map(tick.at)))
    .map((tick) => {
      const x = svgNumber(map(tick.at));
      return (
        `<line class="grid" x1="${x}" y1="${svgNumber(frame.top)}" x2="${x}" y2="${svgNumber(bottom)}"/>` +
        `<text class="tick x-tick" x="${x}" y="${svgNumber(bottom + 15)}" text-anchor="middle">${escapeHtml(tick.label)}</text>`
      );
    });
  parts.push(
    `<text class="axis-title" x="${svgNumber(frame.left + frame.plotWidth / 2)}" ` +
      `y="${svgNumber(frame.height - 8)}" text-anchor="middle">${escapeHtml(title)}</text>`,
  );
  return `<g class="x-axis">${parts.join('')}</g>`;
}

/**
 * A left axis: grid lines, tick labels and a rotated title.
 *
 * @internal
 */
export function leftAxis(
  frame: ChartFrame,
  ticks: readonly AxisTick[],
  map: (y: number) => number,
  title: string,
): string {
  const right = frame.left + frame.plotWidth;
  const parts = ticks
    .filter((tick) => Number.isFinite(map(tick.at)))
    .map((tick) => {
      const y = svgNumber(map(tick.at));
      return (
        `<line class="grid" x1="${svgNumber(frame.left)}" y1="${y}" x2="${svgNumber(right)}" y2="${y}"/>` +
        `<text class="tick y-tick" x="${svgNumber(frame.left - 6)}" y="${y}" dy="0.32em" text-anchor="end">${escapeHtml(tick.label)}</text>`
      );
    });
  const middle = svgNumber(frame.top + frame.plotHeight / 2);
  parts.push(
    `<text class="axis-title" x="14" y="${middle}" text-anchor="middle" ` +
      `transform="rotate(-90 14 ${middle})">${escapeHtml(title)}</text>`,
  );
  return `<g class="y-axis">${parts.join('')}</g>`;
}

/**
 * A `<title>` child, which browsers show on hover without any script.
 *
 * @internal
 */
export function svgTitle(text: string): string {
  return `<title>${escapeHtml(text)}</title>`;
}

/**
 * Colours of coarse-to-fine rounds (and of trials when there are no rounds).
 *
 * @internal
 */
export const ROUND_COLORS: readonly string[] = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#9467bd',
  '#d62728',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
];

/**
 * The colour of round `round`.
 *
 * @internal
 */
export function roundColor(round: number): string {
  return ROUND_COLORS[round % ROUND_COLORS.length]!;
}
