import { ConfigError, definePlugin, option } from '@deeptune/core';
import type { Distribution, ParamValue } from '../space/distribution.js';
import type { SearchSpace } from '../space/search-space.js';
import { fromInternal, internalRange } from '../space/unit-interval.js';
import { deriveSeed } from '../study/derive-seed.js';
import { MAX_PERMUTATION_SIZE, permuteIndex } from './index-permutation.js';
import type { Sampler, SamplerContext } from './sampler.js';
import { axisOf } from './space-axis.js';

const WHY = 'grid points are laid out over every declared hyperparameter';

/** The number of points on the axis of a declared distribution, given k points per axis. */
function axisCount(distribution: Distribution, k: number): number {
  switch (distribution.scale) {
    case 'choice':
      return distribution.values.length;
    case 'int':
      return Math.min(k, distribution.high - distribution.low + 1);
    default:
      return k;
  }
}

/** The grid's size with k points per axis, or `cap` as soon as it reaches `cap`. */
function gridSize(space: SearchSpace, k: number, cap: number): number {
  let size = 1;
  for (const entry of space.entries) {
    size *= axisCount(entry.distribution, k);
    if (size >= cap) return cap;
  }
  return size;
}

/**
 * The smallest k ≥ 1 whose grid has at least `planned` points; when no k gets there (only
 * choice and int axes, all exhausted), a k that exhausts them all.
 */
function pointsPerAxisFor(space: SearchSpace, planned: number): number {
  const target = Math.max(1, Math.ceil(planned));
  // k = target always suffices unless every axis is exhausted first; binary search below it.
  if (gridSize(space, target, target) < target) return target;
  let low = 1;
  let high = target;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (gridSize(space, middle, target) >= target) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * Point `index` of `count` points laid out on `distribution`: evenly spaced in its own
 * scale, both ends included (one point: the middle); for `int`, rounded; for `choice`, the
 * values spread over the points.
 */
function axisPoint(distribution: Distribution, index: number, count: number): ParamValue {
  const t = count === 1 ? 0.5 : index / (count - 1);
  switch (distribution.scale) {
    case 'choice': {
      const values = distribution.values;
      return values[Math.min(values.length - 1, Math.floor((index * values.length) / count))]!;
    }
    case 'int':
      return Math.round(distribution.low + t * (distribution.high - distribution.low));
    default: {
      const [low, high] = internalRange(distribution);
      return fromInternal(
        distribution,
        index === count - 1 && count > 1 ? high : low + t * (high - low),
      );
    }
  }
}

/**
 * The `grid` sampler plugin: the declared space's grid, every combination of a few values per
 * hyperparameter, visited in a seeded random order.
 *
 * @remarks
 * Every entry of the declared space is an axis, conditional ones included. A `choice` axis
 * has all its values, an `int` axis min(k, high − low + 1) distinct integers, any other axis
 * k values evenly spaced on its own scale (log for `hp.log`), both ends included (k = 1: the
 * middle). k is `pointsPerAxis`, or else the smallest k whose grid has at least the study's
 * planned number of trials. Trial n gets grid point `order[n mod gridSize]`, `order` being a
 * permutation seeded by `deriveSeed(studySeed, 'grid')`, so a budget smaller than the grid
 * still spreads over it (as Optuna's GridSampler does).
 *
 * The course's point, measurable here: N trials over d hyperparameters try only about
 * N^(1/d) distinct values of each (27 trials over 3 axes: 3 learning rates), where random
 * search tries N.
 *
 * When given a narrowed distribution (coarse-to-fine), the axis's points are laid out the
 * same way on the narrowed range.
 * @category Samplers
 */
export const gridSamplerPlugin = definePlugin({
  kind: 'searcher',
  name: 'grid',
  description: 'Grid search over the declared space, visited in a seeded random order.',
  options: {
    /** Points per continuous axis (default: the fewest that cover the planned trials). */
    pointsPerAxis: option.number({
      integer: true,
      min: 1,
      optional: true,
      description:
        'Points per axis (choice axes have all their values, int axes at most their range); default: the fewest covering the planned trials.',
    }),
  },
  create: ({ pointsPerAxis }): Sampler => {
    const options = pointsPerAxis === undefined ? {} : { pointsPerAxis };
    return Object.freeze({
      name: 'grid',
      options: Object.freeze(options),
      sample(context: SamplerContext, name: string, distribution: Distribution): ParamValue {
        const { space, index: axis } = axisOf('grid', context, name, WHY);
        let k = pointsPerAxis;
        if (k === undefined) {
          if (context.plannedTrials === undefined) {
            throw new ConfigError(
              "sampler 'grid' needs pointsPerAxis or a planned number of trials to size its axes; give the study a number of trials or the sampler { pointsPerAxis }",
            );
          }
          k = pointsPerAxisFor(space, context.plannedTrials);
        }
        const counts = space.entries.map((entry) => axisCount(entry.distribution, k));
        const size = gridSize(space, k, MAX_PERMUTATION_SIZE + 1);
        if (size > MAX_PERMUTATION_SIZE) {
          throw new ConfigError(
            `sampler 'grid': the grid would have ${counts.join(' × ')} points, more than 2^32; give a smaller pointsPerAxis (got ${k}), fewer hyperparameters, or use 'random'`,
          );
        }
        let point = permuteIndex(
          context.trialNumber % size,
          size,
          deriveSeed(context.studySeed, 'grid'),
        );
        // Mixed radix: the first axis is the fastest-varying digit.
        for (let j = 0; j < axis; j++) point = Math.floor(point / counts[j]!);
        return axisPoint(distribution, point % counts[axis]!, counts[axis]!);
      },
    });
  },
});

/**
 * Creates the `grid` sampler over the study's declared search space.
 *
 * @param options - `pointsPerAxis` (optional integer ≥ 1); by default the fewest points per
 * axis whose grid covers the study's planned trials.
 * @throws {@link @deeptune/core!ConfigError} (when sampling) without a declared search
 * space, without `pointsPerAxis` or planned trials, or for a grid of more than 2^32 points.
 * @category Samplers
 *
 * @example
 * ```ts
 * const space = searchSpace({ learningRate: hp.log(1e-4, 1), hiddenUnits: hp.int(32, 256) });
 * const sampler = gridSampler({ pointsPerAxis: 5 });
 * const context = { studySeed: 0, trialNumber: 0, space, plannedTrials: 25, trials: [], direction: 'minimize' as const };
 * sampler.sample(context, 'learningRate', hp.log(1e-4, 1)); // one of 1e-4, 1e-3, 0.01, 0.1, 1
 * ```
 */
export function gridSampler(...options: Parameters<typeof gridSamplerPlugin.create>): Sampler {
  return gridSamplerPlugin.create(...options);
}
