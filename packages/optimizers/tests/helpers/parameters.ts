import { Tensor } from '@deeptune/core';
import type { DType, NamedParameter, ParameterRole } from '@deeptune/core';

/** A named parameter over a copy of `values` in the given dtype. */
export function parameter(
  path: string,
  values: readonly number[],
  role: ParameterRole = 'weight',
  dtype: DType = 'float64',
  shape: readonly number[] = [values.length],
): NamedParameter {
  const data = dtype === 'float64' ? Float64Array.from(values) : Float32Array.from(values);
  const value = new Tensor(data, shape);
  value.requiresGrad = true;
  return { path, value, role };
}

/** Sets a parameter's gradient to `values` (same dtype and shape as the parameter). */
export function setGrad(param: NamedParameter, values: readonly number[]): void {
  const data =
    param.value.dtype === 'float64' ? Float64Array.from(values) : Float32Array.from(values);
  param.value.grad = new Tensor(data, param.value.shape);
}

/** The largest absolute element-wise difference. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}
