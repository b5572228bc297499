import { InvalidHyperparameterError, describeValue } from '@deeptune/core';

/**
 * The inputs of {@link diagnose}: error rates in [0, 1] and the thresholds.
 *
 * @category Diagnosis
 */
export interface DiagnoseOptions {
  /** The error rate on the training set, in [0, 1]. */
  readonly trainError: number;
  /** The error rate on the dev set, in [0, 1]. */
  readonly devError: number;
  /**
   * The base (Bayes, or human-level as its proxy) error, in [0, 1].
   * @defaultValue 0
   */
  readonly baseError?: number;
  /**
   * The avoidable bias (train − base) from which bias counts as high, in (0, 1].
   * @defaultValue 0.02
   */
  readonly biasThreshold?: number;
  /**
   * The variance (dev − train) from which variance counts as high, in (0, 1].
   * @defaultValue 0.02
   */
  readonly varianceThreshold?: number;
}

/**
 * The verdict of {@link diagnose}.
 *
 * @category Diagnosis
 */
export type DiagnosisVerdict = 'high-bias' | 'high-variance' | 'high-bias-and-variance' | 'fine';

/**
 * The result of {@link diagnose}: the verdict, the numbers behind it, and what to try.
 *
 * @category Diagnosis
 */
export interface Diagnosis {
  /** The verdict. */
  readonly verdict: DiagnosisVerdict;
  /** train − base: the part of the training error a better fit could remove. */
  readonly avoidableBias: number;
  /** dev − train: how much worse the model does on data it was not trained on. */
  readonly variance: number;
  /** The larger problem, to work on first (`null` when the verdict is `'fine'`). */
  readonly focus: 'bias' | 'variance' | null;
  /** The thresholds used. */
  readonly thresholds: {
    /** The bias threshold. */
    readonly bias: number;
    /** The variance threshold. */
    readonly variance: number;
  };
  /** One sentence per finding, with the numbers. */
  readonly reasons: readonly string[];
  /** What to try, bias remedies first when bias is high. */
  readonly advice: readonly string[];
}

/** The course's remedies for high (avoidable) bias. */
const BIAS_ADVICE = [
  'Train a bigger network (more hidden units or layers).',
  'Train longer.',
  'Use a better optimizer (momentum, RMSprop, Adam) or tune the learning rate.',
  'Try another architecture or better features.',
  'Reduce regularization (smaller λ, higher keepProb).',
] as const;

/** The course's remedies for high variance. */
const VARIANCE_ADVICE = [
  'Get more training data (or use data augmentation).',
  'Add regularization (L2, dropout) or stop early.',
  'Try another architecture.',
] as const;

/** Comparisons allow for the rounding of differences such as 0.10 − 0.08. */
const TOLERANCE = 1e-12;

/** Checks an error rate or threshold. */
function checkRate(name: string, value: unknown, exclusiveZero: boolean): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value <= 1 &&
    (exclusiveZero ? value > 0 : value >= 0);
  if (!ok) {
    throw new InvalidHyperparameterError(
      `diagnose: ${name} must be a number in ${exclusiveZero ? '(0, 1]' : '[0, 1]'} (a fraction, not a percentage), got ${describeValue(value)}.`,
    );
  }
  return value as number;
}

/** Formats a fraction as a percentage for reasons. */
function percent(value: number): string {
  return `${(value * 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}

/**
 * Applies the course's basic recipe for machine learning: compares the training error with
 * the base error (avoidable bias) and the dev error with the training error (variance), and
 * says which problem to fix and how.
 *
 * A gap counts as high when it is at least its threshold, 0.02 (two percentage points) by
 * default for both. The default follows the course's worked examples: with human-level
 * error 7.5 %, training 8 % and dev 10 %, the 0.5-point avoidable bias is not worth
 * attacking while the 2-point variance is. Raise the thresholds for noisy small dev sets
 * (a dev set of m examples measures an error rate e with standard error √(e(1 − e)/m)).
 *
 * @remarks
 * ```text
 * avoidable bias = trainError − baseError      high when ≥ biasThreshold
 * variance       = devError − trainError       high when ≥ varianceThreshold
 * ```
 * A negative avoidable bias (training error below the base error) is reported in the
 * reasons: the base error estimate is probably too high, or the model overfits.
 *
 * @param options - `trainError`, `devError`, `baseError` (0) and the thresholds.
 * @returns the verdict, the numbers, the reasons and the advice.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when an error rate is outside
 *   [0, 1] or a threshold outside (0, 1].
 * @category Diagnosis
 *
 * @example
 * ```ts
 * diagnose({ trainError: 0.15, devError: 0.16, baseError: 0.01 }).verdict; // 'high-bias'
 * diagnose({ trainError: 0.01, devError: 0.11 }).verdict; // 'high-variance'
 * ```
 */
export function diagnose(options: DiagnoseOptions): Diagnosis {
  const trainError = checkRate('trainError', options?.trainError, false);
  const devError = checkRate('devError', options.devError, false);
  const baseError = checkRate('baseError', options.baseError ?? 0, false);
  const biasThreshold = checkRate('biasThreshold', options.biasThreshold ?? 0.02, true);
  const varianceThreshold = checkRate('varianceThreshold', options.varianceThreshold ?? 0.02, true);
  const avoidableBias = trainError - baseError;
  const variance = devError - trainError;
  const highBias = avoidableBias >= biasThreshold - TOLERANCE;
  const highVariance = variance >= varianceThreshold - TOLERANCE;
  const reasons: string[] = [];
  const gaps = `train ${percent(trainError)} vs base ${percent(baseError)}`;
  reasons.push(
    highBias
      ? `High bias: avoidable bias ${percent(avoidableBias)} (${gaps}) ≥ threshold ${percent(biasThreshold)}.`
      : `Bias is fine: avoidable bias ${percent(avoidableBias)} (${gaps}) < threshold ${percent(biasThreshold)}.`,
  );
  if (avoidableBias < 0) {
    reasons.push(
      'The training error is below the base error: the base error estimate may be too high, or the model fits noise.',
    );
  }
  const spread = `dev ${percent(devError)} vs train ${percent(trainError)}`;
  reasons.push(
    highVariance
      ? `High variance: ${spread}, a gap of ${percent(variance)} ≥ threshold ${percent(varianceThreshold)}.`
      : `Variance is fine: ${spread}, a gap of ${percent(variance)} < threshold ${percent(varianceThreshold)}.`,
  );
  const verdict: DiagnosisVerdict =
    highBias && highVariance
      ? 'high-bias-and-variance'
      : highBias
        ? 'high-bias'
        : highVariance
          ? 'high-variance'
          : 'fine';
  const focus =
    verdict === 'fine'
      ? null
      : highBias && (!highVariance || avoidableBias >= variance)
        ? 'bias'
        : 'variance';
  const advice =
    focus === 'bias'
      ? [...BIAS_ADVICE, ...(highVariance ? VARIANCE_ADVICE : [])]
      : focus === 'variance'
        ? [...VARIANCE_ADVICE, ...(highBias ? BIAS_ADVICE : [])]
        : [];
  return {
    verdict,
    avoidableBias,
    variance,
    focus,
    thresholds: { bias: biasThreshold, variance: varianceThreshold },
    reasons,
    advice,
  };
}
