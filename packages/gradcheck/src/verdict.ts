/**
 * How worrying a relative difference is, following the course's rule of thumb:
 *
 * | relative difference d | verdict        | meaning                                         |
 * |-----------------------|----------------|-------------------------------------------------|
 * | d < 1e-7              | `'great'`      | the gradient is almost certainly right          |
 * | 1e-7 ≤ d ≤ 1e-5       | `'inspect'`    | probably fine; look at the per-tensor breakdown |
 * | 1e-5 < d ≤ 1e-3       | `'suspicious'` | likely a bug, unless kinks (ReLU at 0) explain it |
 * | d > 1e-3              | `'bug'`        | the analytic gradient is wrong                  |
 */
export type GradcheckVerdict = 'great' | 'inspect' | 'suspicious' | 'bug';

/**
 * The verdict band of a relative difference (see {@link GradcheckVerdict}). NaN is a bug.
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
  if (relativeDifference < 1e-7) return 'great';
  if (relativeDifference <= 1e-5) return 'inspect';
  if (relativeDifference <= 1e-3) return 'suspicious';
  return 'bug';
}
