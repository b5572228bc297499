import type { Distribution, ParamValue } from '../space/distribution.js';
import { formatNumber } from './format-value.js';
import { niceTicks } from './nice-ticks.js';

/**
 * A tick on an axis: its coordinate and its label (not escaped).
 *
 * @internal
 */
export interface AxisTick {
  readonly at: number;
  readonly label: string;
}

/**
 * An axis for a hyperparameter on its own scale: coordinates are log10 α for `log`,
 * log10(1 − β) for `oneMinusLog` (with β growing to the right or upwards, so the domain runs
 * from log10(1 − low) to log10(1 − high)), the value for `uniform` and `int`, and the middle
 * of the value's cell (index + 0.5) for `choice`.
 *
 * @internal
 */
export interface ScaleAxis {
  /** The coordinates at the start and at the end of the axis (the start may be larger). */
  readonly domain: readonly [number, number];
  /** The ticks. */
  readonly ticks: readonly AxisTick[];
  /** What the axis shows, e.g. `log scale`. */
  readonly scaleLabel: string;
  /** Whether values sit in cells (a choice), where dots are spread to stay visible. */
  readonly categorical: boolean;
  /** A value's coordinate, or `undefined` when it has none (not finite, not a choice). */
  coordinate(value: ParamValue): number | undefined;
  /**
   * The coordinate intervals a box covers: one for a numeric box, one cell per value of a
   * choice box.
   */
  intervals(box: Distribution): Array<readonly [number, number]>;
}

/**
 * `0.0001`, `0.001`, …, `1`, `10`, …: 10^k as plain decimals for |k| ≤ 6.
 *
 * @internal
 */
export function decadeLabel(exponent: number): string {
  if (exponent < -6 || exponent > 6) return `1e${exponent}`;
  if (exponent < 0) return `0.${'0'.repeat(-exponent - 1)}1`;
  return `1${'0'.repeat(exponent)}`;
}

/** `0.9`, `0.99`, `0.999`: 1 − 10^k for k < 0. */
function betaLabel(exponent: number): string {
  return exponent < 0 && exponent >= -12
    ? `0.${'9'.repeat(-exponent)}`
    : formatNumber(1 - 10 ** exponent, 4);
}

/** Ticks at whole decades in [low, high] of a log10 coordinate, or round ones in between. */
function decadeTicks(
  low: number,
  high: number,
  label: (exponent: number) => string,
  fallback: (coordinate: number) => string,
): AxisTick[] {
  const lo = Math.min(low, high);
  const hi = Math.max(low, high);
  const decades: AxisTick[] = [];
  for (let exponent = Math.ceil(lo - 1e-9); exponent <= hi + 1e-9; exponent++) {
    decades.push({ at: exponent, label: label(exponent) });
  }
  if (decades.length >= 2) {
    // Thin out very wide ranges so labels do not collide.
    const every = Math.ceil(decades.length / 8);
    return decades.filter((_, index) => index % every === 0);
  }
  return niceTicks(lo, hi, 4).map((at) => ({ at, label: fallback(at) }));
}

function finite(value: number): number | undefined {
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The axis for a hyperparameter whose full range is `distribution`.
 *
 * @internal
 */
export function scaleAxis(distribution: Distribution): ScaleAxis {
  switch (distribution.scale) {
    case 'log': {
      const domain = [Math.log10(distribution.low), Math.log10(distribution.high)] as const;
      return {
        domain,
        ticks: decadeTicks(domain[0], domain[1], decadeLabel, (at) => formatNumber(10 ** at)),
        scaleLabel: 'log scale',
        categorical: false,
        coordinate: (value) =>
          typeof value === 'number' && value > 0 ? finite(Math.log10(value)) : undefined,
        intervals: (box) =>
          box.scale === 'choice' ? [] : [[Math.log10(box.low), Math.log10(box.high)]],
      };
    }
    case 'oneMinusLog': {
      const domain = [Math.log10(1 - distribution.low), Math.log10(1 - distribution.high)] as const;
      return {
        domain,
        // Listed left to right: β grows to the right while log10(1 − β) falls.
        ticks: decadeTicks(domain[0], domain[1], betaLabel, (at) =>
          formatNumber(1 - 10 ** at, 4),
        ).reverse(),
        scaleLabel: 'log scale of 1 − β',
        categorical: false,
        coordinate: (value) =>
          typeof value === 'number' && value < 1 ? finite(Math.log10(1 - value)) : undefined,
        intervals: (box) =>
          box.scale === 'choice' ? [] : [[Math.log10(1 - box.low), Math.log10(1 - box.high)]],
      };
    }
    case 'uniform':
    case 'int': {
      const integer = distribution.scale === 'int';
      const domain: readonly [number, number] =
        distribution.low === distribution.high
          ? [distribution.low - 0.5, distribution.high + 0.5]
          : [distribution.low, distribution.high];
      return {
        domain,
        ticks: niceTicks(domain[0], domain[1], 5, integer).map((at) => ({
          at,
          label: formatNumber(at),
        })),
        scaleLabel: integer ? 'integers' : 'linear scale',
        categorical: false,
        coordinate: (value) => (typeof value === 'number' ? finite(value) : undefined),
        intervals: (box) => (box.scale === 'choice' ? [] : [[box.low, box.high]]),
      };
    }
    case 'choice': {
      const { values } = distribution;
      return {
        domain: [0, values.length],
        ticks: values.map((value, index) => ({ at: index + 0.5, label: String(value) })),
        scaleLabel: 'choices',
        categorical: true,
        coordinate: (value) => {
          const index = values.indexOf(value);
          return index < 0 ? undefined : index + 0.5;
        },
        intervals: (box) =>
          box.scale === 'choice'
            ? box.values
                .map((value) => values.indexOf(value))
                .filter((index) => index >= 0)
                .map((index) => [index + 0.1, index + 0.9] as const)
            : [],
      };
    }
  }
}

/**
 * A dot's coordinate on an axis: the value's coordinate, spread deterministically across
 * its cell (±0.3) on a categorical axis so that trials with the same choice stay visible.
 *
 * @internal
 */
export function dotCoordinate(
  axis: ScaleAxis,
  value: ParamValue,
  trialNumber: number,
): number | undefined {
  const coordinate = axis.coordinate(value);
  if (coordinate === undefined || !axis.categorical) return coordinate;
  const fraction = (trialNumber * 0.6180339887498949) % 1;
  return coordinate + (fraction - 0.5) * 0.6;
}
