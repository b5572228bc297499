import { describe, expect, it } from 'vitest';
import { readParams } from '../src/app/url-params.js';
import { ewmaCurves } from '../src/experiments/ewma/ewma-curves.js';
import { temperatureSeries } from '../src/experiments/ewma/temperature-series.js';
import { EWMA_PARAMS, ewmaConfig } from '../src/pages/ewma/ewma-params.js';

describe('ewmaCurves', () => {
  it('follows v_t = β·v_(t−1) + (1 − β)·θ_t and v_t / (1 − β^t), computed by hand', () => {
    const curves = ewmaCurves(Float64Array.from([10, 20, 30]), 0.5);
    // v1 = 5, v2 = 2.5 + 10 = 12.5, v3 = 6.25 + 15 = 21.25
    expect(Array.from(curves.raw)).toEqual([5, 12.5, 21.25]);
    // divided by 1 − 0.5^t = 0.5, 0.75, 0.875
    expect(Array.from(curves.corrected)).toEqual([10, 12.5 / 0.75, 21.25 / 0.875]);
    expect(curves.window).toBe(2);
  });

  it('with bias correction averages a constant series to the constant from the first day', () => {
    const curves = ewmaCurves(new Float64Array(50).fill(7), 0.98);
    expect(curves.raw[0]).toBeCloseTo(0.14, 12);
    for (const value of curves.corrected) expect(value).toBeCloseTo(7, 10);
    // uncorrected: 7·(1 − 0.98^50) ≈ 4.43, still far below 7 after 50 days
    expect(curves.raw[49]).toBeCloseTo(7 * (1 - 0.98 ** 50), 10);
    expect(curves.window).toBeCloseTo(50, 10);
  });
});

describe('temperatureSeries', () => {
  it('is seeded, cold in January and warm in July', () => {
    const a = temperatureSeries({ days: 365, noise: 4, seed: 3 });
    const b = temperatureSeries({ days: 365, noise: 4, seed: 3 });
    const c = temperatureSeries({ days: 365, noise: 4, seed: 4 });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    const quiet = temperatureSeries({ days: 365, noise: 0, seed: 3 });
    expect(quiet[14]).toBeCloseTo(3, 10); // day 15: 12 − 9
    expect(quiet[196]).toBeGreaterThan(20.9); // mid-July, near 12 + 9
  });
});

describe('ewmaConfig', () => {
  it('reads β, the marked day and the series from the link', () => {
    const { values, problems } = readParams(
      EWMA_PARAMS,
      new URLSearchParams('beta=0.98&day=100&noise=2&seed=5'),
    );
    expect(problems).toEqual([]);
    expect(ewmaConfig(values)).toEqual({
      series: { days: 365, noise: 2, seed: 5 },
      beta: 0.98,
      day: 100,
    });
  });
});
