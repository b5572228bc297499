import { Rng, portableSinCos } from 'deeptune';

/** Options of {@link temperatureSeries}. */
export interface TemperatureSeriesOptions {
  /** The number of days (values). */
  readonly days: number;
  /** The standard deviation of the day-to-day noise, in °C. */
  readonly noise: number;
  /** The seed of the noise. */
  readonly seed: number;
}

/** The yearly mean temperature, in °C. */
const MEAN_TEMPERATURE = 12;
/** Half the difference between the warmest and the coldest day of the seasonal cycle, in °C. */
const SEASONAL_AMPLITUDE = 9;
/** The coldest day of the seasonal cycle (mid-January). */
const COLDEST_DAY = 15;

/**
 * A seeded noisy series of daily temperatures θ₁ … θ_days (°C): a seasonal cosine, coldest in
 * mid-January, plus Gaussian noise. The course's example of a series to smooth.
 */
export function temperatureSeries(options: TemperatureSeriesOptions): Float64Array {
  const rng = new Rng(options.seed);
  const values = new Float64Array(options.days);
  for (let index = 0; index < options.days; index++) {
    const day = index + 1;
    // cos of the season's angle, computed portably (the same bits in every engine)
    const season = portableSinCos((day - COLDEST_DAY) / 365)[1];
    values[index] = MEAN_TEMPERATURE - SEASONAL_AMPLITUDE * season + rng.normal(0, options.noise);
  }
  return values;
}
