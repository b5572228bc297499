/**
 * About `count` round tick positions covering [low, high] (steps of 1, 2 or 5 times a power
 * of ten), from the first multiple of the step at or above `low`. `integer` keeps steps ≥ 1.
 *
 * @internal
 */
export function niceTicks(low: number, high: number, count = 5, integer = false): number[] {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [];
  const lo = Math.min(low, high);
  const hi = Math.max(low, high);
  if (hi === lo) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  let step = (fraction <= 1.5 ? 1 : fraction <= 3 ? 2 : fraction <= 7 ? 5 : 10) * power;
  if (integer) step = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  for (let index = first; index * step <= hi + step * 1e-9; index++) {
    // Multiplying an integer index avoids drift; rounding removes 0.30000000000000004.
    ticks.push(Number((index * step).toPrecision(12)));
    if (ticks.length > 50) break;
  }
  return ticks;
}

/**
 * The [low, high] span extended outwards to round tick positions, with a small pad when the
 * span is empty.
 *
 * @internal
 */
export function niceDomain(low: number, high: number, count = 5): [number, number] {
  if (low === high) {
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
    return [low - pad, high + pad];
  }
  const ticks = niceTicks(low, high, count);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : high - low;
  return [
    Math.min(low, Number((Math.floor(low / step + 1e-9) * step).toPrecision(12))),
    Math.max(high, Number((Math.ceil(high / step - 1e-9) * step).toPrecision(12))),
  ];
}
