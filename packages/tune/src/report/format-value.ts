import type { Distribution, ParamValue } from '../space/distribution.js';

/**
 * A number with `digits` significant digits and no trailing zeros: `0.0312`, `12.3`,
 * `1e-7`; `NaN`, `Infinity` as such.
 *
 * @internal
 */
export function formatNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  return String(Number(value.toPrecision(digits)));
}

/**
 * β close to 1 with enough decimals to show 1 − β to two significant digits: `0.9968`,
 * `0.950`, `0.9910`.
 *
 * @internal
 */
export function formatBeta(beta: number): string {
  const complement = 1 - beta;
  if (!Number.isFinite(beta) || !(complement > 0)) return formatNumber(beta, 4);
  const decimals = Math.min(15, Math.max(1, 1 - Math.floor(Math.log10(complement))));
  return beta.toFixed(decimals);
}

/**
 * A hyperparameter's value, compactly and on its own scale: three significant digits for
 * `log` and `uniform`, β with 1 − β to two significant digits for `oneMinusLog`, integers as
 * integers, choices as text.
 *
 * @internal
 */
export function formatParamValue(
  distribution: Distribution | undefined,
  value: ParamValue,
): string {
  if (typeof value !== 'number') return String(value);
  switch (distribution?.scale) {
    case 'oneMinusLog':
      return formatBeta(value);
    case 'int':
      return Number.isInteger(value) ? String(value) : formatNumber(value);
    default:
      return formatNumber(value, 3);
  }
}

/**
 * Seconds with one decimal below 100 and none above: `4.2`, `312`.
 *
 * @internal
 */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '-';
  return seconds < 100 ? seconds.toFixed(1) : seconds.toFixed(0);
}
