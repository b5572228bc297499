import { hp, randomSampler, searchSpace, type Distribution } from 'deeptune';
import { freshSamplerContext } from './sampler-context.js';

/** One row of the number-line figure: a hyperparameter range sampled on one scale. */
export interface ScaleRowSpec {
  /** A key (the sampler's hyperparameter name and the readouts' prefix). */
  readonly key: string;
  /** What the row shows, e.g. `α ~ hp.log(1e-4, 1)`. */
  readonly label: string;
  /** A short name for readouts, e.g. `log α`. */
  readonly shortLabel: string;
  /** Whether the row is a learning rate α (decades of α) or an averaging weight β (decades of 1 − β). */
  readonly quantity: 'alpha' | 'beta';
  /** The distribution sampled. */
  readonly distribution: Distribution;
  /** The edges of the decades the shares are counted in, increasing. */
  readonly edges: readonly number[];
}

/** Decades of α in [1e-4, 1]. */
const ALPHA_EDGES = [1e-4, 1e-3, 1e-2, 1e-1, 1] as const;
/** Decades of 1 − β for β in [0.9, 0.999]: [0.9, 0.99] and [0.99, 0.999]. */
const BETA_EDGES = [0.9, 0.99, 0.999] as const;

/** The four rows: α uniform vs log, β uniform vs 1 − β log. */
export const SCALE_ROWS: readonly ScaleRowSpec[] = [
  {
    key: 'uniform-alpha',
    shortLabel: 'uniform α',
    label: 'α ~ hp.uniform(1e-4, 1)',
    quantity: 'alpha',
    distribution: hp.uniform(1e-4, 1),
    edges: ALPHA_EDGES,
  },
  {
    key: 'log-alpha',
    shortLabel: 'log α',
    label: 'α ~ hp.log(1e-4, 1)',
    quantity: 'alpha',
    distribution: hp.log(1e-4, 1),
    edges: ALPHA_EDGES,
  },
  {
    key: 'uniform-beta',
    shortLabel: 'uniform β',
    label: 'β ~ hp.uniform(0.9, 0.999)',
    quantity: 'beta',
    distribution: hp.uniform(0.9, 0.999),
    edges: BETA_EDGES,
  },
  {
    key: 'one-minus-log-beta',
    shortLabel: 'oneMinusLog β',
    label: 'β ~ hp.oneMinusLog(0.9, 0.999)',
    quantity: 'beta',
    distribution: hp.oneMinusLog(0.9, 0.999),
    edges: BETA_EDGES,
  },
];

const SCALE_SPACE = searchSpace(
  Object.fromEntries(SCALE_ROWS.map((row) => [row.key, row.distribution])),
);

/** The samples of one row and how many fell in each decade. */
export interface ScaleRowSamples {
  /** The row. */
  readonly spec: ScaleRowSpec;
  /** The samples, in trial order. */
  readonly values: Float64Array;
  /** Samples in [edges[i], edges[i + 1]) (the last decade includes its upper edge). */
  readonly counts: readonly number[];
}

/** The index of the decade of `value` among `edges`, or −1 outside them. */
export function decadeIndex(edges: readonly number[], value: number): number {
  const last = edges.length - 1;
  if (value < edges[0]! || value > edges[last]!) return -1;
  for (let i = 1; i < last; i++) if (value < edges[i]!) return i - 1;
  return last - 1;
}

/**
 * Draws `samples` values of every {@link SCALE_ROWS} row with the library's random sampler
 * (trial i of a study seeded `seed`) and counts them per decade.
 */
export function scaleSamples(samples: number, seed: number): ScaleRowSamples[] {
  const sampler = randomSampler();
  return SCALE_ROWS.map((spec) => {
    const values = new Float64Array(samples);
    const counts = new Array<number>(spec.edges.length - 1).fill(0);
    for (let i = 0; i < samples; i++) {
      const context = freshSamplerContext(seed, i, SCALE_SPACE, samples);
      const value = sampler.sample(context, spec.key, spec.distribution) as number;
      values[i] = value;
      const decade = decadeIndex(spec.edges, value);
      if (decade >= 0) counts[decade] = counts[decade]! + 1;
    }
    return { spec, values, counts };
  });
}
