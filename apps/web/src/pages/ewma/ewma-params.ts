import { SEED_PARAM } from '../../app/seed-param.js';
import type { ParamSpecs, ParamValues } from '../../app/url-params.js';

/** The number of days of the temperature series. */
export const EWMA_DAYS = 365;

/** The URL parameters of the exponentially-weighted-averages page. */
export const EWMA_PARAMS = {
  beta: { kind: 'number', default: 0.9, min: 0, max: 0.999 },
  correct: { kind: 'boolean', default: false },
  day: { kind: 'number', default: EWMA_DAYS, min: 1, max: EWMA_DAYS, integer: true },
  noise: { kind: 'number', default: 4, min: 0, max: 15 },
  seed: SEED_PARAM,
} as const satisfies ParamSpecs;

/** The values of {@link EWMA_PARAMS}. */
export type EwmaValues = ParamValues<typeof EWMA_PARAMS>;

/** What the page computes: the series and the averaging weight. */
export interface EwmaConfig {
  /** Options of the temperature series. */
  readonly series: { readonly days: number; readonly noise: number; readonly seed: number };
  /** The averaging weight β. */
  readonly beta: number;
  /** The day (1-based) whose averaging window is drawn. */
  readonly day: number;
}

/** The experiment the page's parameters describe (the same in the page and in Node). */
export function ewmaConfig(values: EwmaValues): EwmaConfig {
  return {
    series: { days: EWMA_DAYS, noise: values.noise, seed: values.seed },
    beta: values.beta,
    day: values.day,
  };
}
