import { GradcheckError, describeValue } from '@deeptune/core';

/**
 * How worrying a relative difference is, following the course's rule of thumb:
 *
 * | relative difference d | verdict        | meaning                                         |
 * |-----------------------|----------------|-------------------------------------------------|
 * | d < 1e-7              | `'great'`      | the gradient is almost certainly right          |
 * | 1e-7 ≤ d ≤ 1e-5       | `'inspect'`    | probably fine; look at the per-tensor breakdown |
 * | 1e-5 < d ≤ 1e-3       | `'suspicious'` | likely a bug, unless kinks (ReLU at 0) explain it |
 * | d > 1e-3              | `'bug'`        | the analytic gradient is wrong                  |
 *
 * {@link GRADCHECK_VERDICT_BANDS} holds the same table as data.
 */
export type GradcheckVerdict = 'great' | 'inspect' | 'suspicious' | 'bug';

/**
 * One band of the verdict scale of gradient checking: which relative differences it covers,
 * what it means, and whether a check with that verdict passes.
 */
export interface GradcheckVerdictBand {
  /** The verdict of the band. */
  readonly verdict: GradcheckVerdict;
  /**
   * The largest relative difference of the band; `Infinity` for `'bug'`. The band starts
   * where the previous one ends.
   */
  readonly upTo: number;
  /** Whether `upTo` itself belongs to the band (`false` only for `'great'`: d < 1e-7). */
  readonly includesUpTo: boolean;
  /** The band as text: `'< 1e-7'`, `'1e-7 to 1e-5'`, `'1e-5 to 1e-3'` or `'> 1e-3'`. */
  readonly range: string;
  /** What a difference in the band means, in a few words. */
  readonly meaning: string;
  /**
   * Whether a check with this verdict passes: `true` for `'great'` and `'inspect'`, `false`
   * for `'suspicious'` and `'bug'` (what a command-line check should fail on).
   */
  readonly passes: boolean;
}

/**
 * The verdict bands of gradient checking, from `'great'` to `'bug'`: the one definition of
 * the course's thresholds (below 1e-7 great, up to 1e-5 worth a look, above 1e-3 almost
 * certainly a bug) that {@link verdictOf}, the reports and the CLI use.
 *
 * @example
 * ```ts
 * for (const band of GRADCHECK_VERDICT_BANDS) {
 *   console.log(`${band.verdict.padEnd(10)} ${band.range}: ${band.meaning}`);
 * }
 * // great      < 1e-7: the gradient is almost certainly right
 * // inspect    1e-7 to 1e-5: probably fine; look at the breakdown
 * // suspicious 1e-5 to 1e-3: likely a bug, unless kinks such as ReLU at 0 explain it
 * // bug        > 1e-3: the analytic gradient is wrong
 * ```
 */
export const GRADCHECK_VERDICT_BANDS: readonly GradcheckVerdictBand[] = Object.freeze(
  (
    [
      {
        verdict: 'great',
        upTo: 1e-7,
        includesUpTo: false,
        range: '< 1e-7',
        meaning: 'the gradient is almost certainly right',
        passes: true,
      },
      {
        verdict: 'inspect',
        upTo: 1e-5,
        includesUpTo: true,
        range: '1e-7 to 1e-5',
        meaning: 'probably fine; look at the breakdown',
        passes: true,
      },
      {
        verdict: 'suspicious',
        upTo: 1e-3,
        includesUpTo: true,
        range: '1e-5 to 1e-3',
        meaning: 'likely a bug, unless kinks such as ReLU at 0 explain it',
        passes: false,
      },
      {
        verdict: 'bug',
        upTo: Infinity,
        includesUpTo: true,
        range: '> 1e-3',
        meaning: 'the analytic gradient is wrong',
        passes: false,
      },
    ] satisfies GradcheckVerdictBand[]
  ).map((band) => Object.freeze(band)),
);

/**
 * The verdict band of a relative difference (see {@link GradcheckVerdict} and
 * {@link GRADCHECK_VERDICT_BANDS}). NaN is a bug.
 *
 * @example
 * ```ts
 * verdictOf(3e-11); // 'great'
 * verdictOf(2e-6); // 'inspect'
 * verdictOf(4e-4); // 'suspicious'
 * verdictOf(0.2); // 'bug'
 * verdictOf(Number.NaN); // 'bug'
 * ```
 */
export function verdictOf(relativeDifference: number): GradcheckVerdict {
  for (const band of GRADCHECK_VERDICT_BANDS) {
    if (relativeDifference < band.upTo || (band.includesUpTo && relativeDifference === band.upTo)) {
      return band.verdict;
    }
  }
  return 'bug';
}

/**
 * The band of a verdict from {@link GRADCHECK_VERDICT_BANDS}: its range, meaning and
 * whether it passes.
 *
 * @param verdict - a verdict of a report, e.g. `report.verdict`.
 * @returns the band, e.g. for `'bug'` the range `'> 1e-3'` and the meaning `'the analytic
 *   gradient is wrong'`.
 * @throws {@link @deeptune/core!GradcheckError} when `verdict` is not one of `'great'`,
 *   `'inspect'`, `'suspicious'` or `'bug'`.
 *
 * @example
 * ```ts
 * const report = gradcheck(() => x.matmul(w).tanh().sum(), { w });
 * const band = verdictBand(report.verdict);
 * console.log(`verdict: ${report.verdict} (${band.range}: ${band.meaning})`);
 * if (!band.passes) process.exitCode = 1;
 * ```
 */
export function verdictBand(verdict: GradcheckVerdict): GradcheckVerdictBand {
  const band = GRADCHECK_VERDICT_BANDS.find((candidate) => candidate.verdict === verdict);
  if (band === undefined) {
    throw new GradcheckError(
      `verdictBand: unknown verdict ${describeValue(verdict)}; expected 'great', 'inspect', 'suspicious' or 'bug'.`,
    );
  }
  return band;
}
