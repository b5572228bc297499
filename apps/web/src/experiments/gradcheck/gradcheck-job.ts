import type { SteppedJob } from '../../worker/stepped-job.js';
import type { GradcheckConfig } from './gradcheck-config.js';
import { runGradientCheck, type GradientCheckResult } from './gradient-check.js';

/**
 * The gradient check as a one-shot job: `initial()` runs it (in the page's worker), and the
 * job is done at once.
 */
export function createGradcheckJob(config: GradcheckConfig): SteppedJob<GradientCheckResult> {
  let result: GradientCheckResult | null = null;
  const check = (): GradientCheckResult => {
    result ??= runGradientCheck(config);
    return result;
  };
  return { initial: check, step: () => Promise.resolve(check()), done: true };
}
