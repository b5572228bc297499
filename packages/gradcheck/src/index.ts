/**
 * Gradient checking for deeptune: the two-sided numerical gradient and the
 * relative-difference test that tells whether autograd (or your own backward rule) is right.
 *
 * ```ts
 * import { randn } from '@deeptune/core';
 * import { gradcheck, formatGradcheckReport } from '@deeptune/gradcheck';
 *
 * const w = randn([3, 2], { dtype: 'float64' });
 * const x = randn([4, 3], { dtype: 'float64' });
 * const report = gradcheck(() => x.matmul(w).tanh().sum(), { w });
 * console.log(formatGradcheckReport(report)); // relative difference 1.2e-10 — great …
 * ```
 *
 * @packageDocumentation
 */
export { numericalGradient } from './numerical-gradient.js';
export type { DifferenceScheme, NumericalGradientOptions } from './numerical-gradient.js';
export { gradcheck, formatGradcheckReport } from './gradcheck.js';
export type { GradcheckOptions, GradcheckReport, ParameterGradcheck } from './gradcheck.js';
export { checkModel } from './check-model.js';
export type { CheckBatch, CheckModelOptions } from './check-model.js';
export { relativeDifference } from './relative-difference.js';
export { GRADCHECK_VERDICT_BANDS, verdictBand, verdictOf } from './verdict.js';
export type { GradcheckVerdict, GradcheckVerdictBand } from './verdict.js';
