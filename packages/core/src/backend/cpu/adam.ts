import type { AdamKernelArgs } from '../kernels.js';

/**
 * One Adam step, in place on `param`, `m` and `v`; see {@link AdamKernelArgs}.
 *
 * Computes in float64 whatever the storage (each result is rounded once, when it is stored),
 * in the operation order of torch.optim.Adam's single-tensor path.
 *
 * @internal
 */
export function adam({
  param,
  grad,
  m,
  v,
  beta1,
  beta2,
  epsilon,
  stepSize,
  correction2Sqrt,
}: AdamKernelArgs): void {
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;
  for (let i = 0; i < param.length; i++) {
    const g = grad[i]!;
    const mi = m[i]! * beta1 + oneMinusBeta1 * g;
    const vi = v[i]! * beta2 + oneMinusBeta2 * (g * g);
    m[i] = mi;
    v[i] = vi;
    param[i] = param[i]! - stepSize * (mi / (Math.sqrt(vi) / correction2Sqrt + epsilon));
  }
}
