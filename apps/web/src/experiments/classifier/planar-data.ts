import {
  Standardizer,
  blobs,
  circles,
  dataset,
  moons,
  spirals,
  tensor,
  trainDevTestSplit,
  xor,
  type Dataset,
} from 'deeptune';

/** The built-in 2-D datasets. */
export const PLANAR_DATASETS = ['circles', 'moons', 'spirals', 'xor', 'blobs'] as const;

/** The name of a built-in 2-D dataset. */
export type PlanarDatasetName = (typeof PLANAR_DATASETS)[number];

/** The datasets that have exactly two classes. */
const TWO_CLASS_ONLY: ReadonlySet<PlanarDatasetName> = new Set(['moons', 'xor']);

/** Whether the dataset can have more than two classes. */
export function supportsClasses(name: PlanarDatasetName): boolean {
  return !TWO_CLASS_ONLY.has(name);
}

/** Where the points come from: a seeded generator, or points the user uploaded. */
export type PlanarSource =
  | {
      /** A built-in generator. */
      readonly kind: 'synthetic';
      /** Which one. */
      readonly name: PlanarDatasetName;
      /** The number of examples before the split. */
      readonly m: number;
      /** The noise's standard deviation. */
      readonly noise: number;
      /** The number of classes (2 for moons and xor). */
      readonly classes: number;
      /** The seed of the points and of the train/dev split. */
      readonly seed: number;
    }
  | {
      /** Points given as numbers (e.g. from a CSV file). */
      readonly kind: 'points';
      /** x₀, y₀, x₁, y₁, …: 2·m numbers. */
      readonly inputs: readonly number[];
      /** The class of each point: integers in [0, classes). */
      readonly labels: readonly number[];
      /** The number of classes. */
      readonly classes: number;
      /** The seed of the train/dev split. */
      readonly seed: number;
    };

/** A rectangle of the input plane. */
export interface PlaneBounds {
  /** Left. */
  readonly xMin: number;
  /** Right. */
  readonly xMax: number;
  /** Bottom. */
  readonly yMin: number;
  /** Top. */
  readonly yMax: number;
}

/** Points of one split, as plain numbers (for drawing). */
export interface PlanarPoints {
  /** x₀, y₀, x₁, y₁, … in the original (unnormalized) coordinates. */
  readonly xy: Float32Array;
  /** The class of each point. */
  readonly labels: Int32Array;
}

/** A dataset split into train and dev, with inputs normalized by the train set's statistics. */
export interface PlanarData {
  /** The training set, normalized. */
  readonly train: Dataset;
  /** The dev set, normalized with the train set's mean and variance. */
  readonly dev: Dataset;
  /** The number of classes. */
  readonly classes: number;
  /** The normalizer fitted on the train set only. */
  readonly standardizer: Standardizer;
  /** The points' bounding box, padded by 10 % (the area the decision boundary covers). */
  readonly bounds: PlaneBounds;
  /** The train points in original coordinates. */
  readonly trainPoints: PlanarPoints;
  /** The dev points in original coordinates. */
  readonly devPoints: PlanarPoints;
}

/** The share of the examples held out as the dev set. */
export const DEV_FRACTION = 0.3;

function generate(source: PlanarSource): Dataset {
  if (source.kind === 'points') {
    const m = source.labels.length;
    return dataset(
      tensor(Array.from(source.inputs), { shape: [m, 2] }),
      tensor(Array.from(source.labels)),
    );
  }
  const { m, noise, seed } = source;
  switch (source.name) {
    case 'circles':
      return circles({ m, noise, seed, classes: source.classes });
    case 'moons':
      return moons({ m, noise, seed });
    case 'spirals':
      return spirals({ m, noise, seed, classes: source.classes });
    case 'xor':
      return xor({ m, noise, seed });
    case 'blobs':
      return blobs({ m, noise, seed, classes: source.classes });
  }
}

function pointsOf(data: Dataset): PlanarPoints {
  return {
    xy: Float32Array.from(data.inputs.data),
    labels: Int32Array.from(data.targets.data),
  };
}

function boundsOf(xy: Float32Array): PlaneBounds {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i]!;
    const y = xy[i + 1]!;
    if (x < xMin) xMin = x;
    if (x > xMax) xMax = x;
    if (y < yMin) yMin = y;
    if (y > yMax) yMax = y;
  }
  const padX = Math.max((xMax - xMin) * 0.1, 1e-3);
  const padY = Math.max((yMax - yMin) * 0.1, 1e-3);
  return { xMin: xMin - padX, xMax: xMax + padX, yMin: yMin - padY, yMax: yMax + padY };
}

/**
 * Generates (or takes) the points, splits them 70/30 into train and dev with the source's
 * seed, and normalizes both with statistics of the train set only.
 */
export function makePlanarData(source: PlanarSource): PlanarData {
  const all = generate(source);
  const split = trainDevTestSplit(all, {
    ratios: [1 - DEV_FRACTION, DEV_FRACTION, 0],
    seed: source.seed,
  });
  const standardizer = new Standardizer().fit(split.train.inputs);
  const trainPoints = pointsOf(split.train);
  const devPoints = pointsOf(split.dev);
  return {
    train: standardizer.transformDataset(split.train),
    dev: standardizer.transformDataset(split.dev),
    classes: source.classes,
    standardizer,
    bounds: boundsOf(Float32Array.from(all.inputs.data)),
    trainPoints,
    devPoints,
  };
}
