import {
  GradcheckError,
  noGrad,
  Tensor,
  type Tensor as TensorType,
  formatShape,
} from '@deeptune/core';

/** How the numerical derivative is estimated. */
export type DifferenceScheme = 'central' | 'forward';

/** Options of {@link numericalGradient}. */
export interface NumericalGradientOptions {
  /**
   * The step ε.
   * @defaultValue 1e-7
   */
  readonly eps?: number;
  /**
   * `'central'`: the two-sided `(f(x + ε) − f(x − ε)) / 2ε`, error O(ε²);
   * `'forward'`: the one-sided `(f(x + ε) − f(x)) / ε`, error O(ε) — there for comparison.
   * @defaultValue 'central'
   */
  readonly scheme?: DifferenceScheme;
}

/**
 * Estimates the gradient of a scalar function by finite differences, one element at a time.
 *
 * Each element of `x` is nudged by ±ε in place and restored; `f` runs without recording
 * gradients. With the two-sided difference the error shrinks as ε²; for d/dθ θ³ at θ = 1
 * and ε = 0.01 it gives 3.0001 where the one-sided difference gives 3.0301.
 *
 * @param f - maps the tensor to a one-element tensor (or a number).
 * @param x - the point; its values are restored afterwards.
 * @returns a tensor with `x`'s shape and dtype.
 * @throws {@link @deeptune/core!GradcheckError} when ε is not a positive finite number, or `f` does not
 *   return a single finite value.
 *
 * @example
 * ```ts
 * const theta = tensor([1], { dtype: 'float64' });
 * numericalGradient((t) => t.pow(3).sum(), theta, { eps: 0.01 }).item(); // 3.0001
 * ```
 */
export function numericalGradient(
  f: (x: TensorType) => TensorType | number,
  x: TensorType,
  options: NumericalGradientOptions = {},
): TensorType {
  const eps = options.eps ?? 1e-7;
  const scheme = options.scheme ?? 'central';
  if (!(eps > 0) || !Number.isFinite(eps)) {
    throw new GradcheckError(
      `numericalGradient: eps must be a positive finite number, got ${eps}.`,
    );
  }
  if (scheme !== 'central' && scheme !== 'forward') {
    throw new GradcheckError(
      `numericalGradient: scheme must be 'central' or 'forward', got ${JSON.stringify(scheme)}.`,
    );
  }
  const evaluate = (): number => scalarValue('numericalGradient', f(x));
  const gradient = new Tensor(x.data.slice().fill(0), x.shape);
  noGrad(() => {
    const base = scheme === 'forward' ? evaluate() : 0;
    for (let i = 0; i < x.size; i++) {
      const original = x.data[i]!;
      x.data[i] = original + eps;
      const plus = evaluate();
      if (scheme === 'central') {
        x.data[i] = original - eps;
        const minus = evaluate();
        gradient.data[i] = (plus - minus) / (2 * eps);
      } else {
        gradient.data[i] = (plus - base) / eps;
      }
      x.data[i] = original;
    }
  });
  return gradient;
}

/**
 * The single finite value of a function's result.
 * @internal
 */
export function scalarValue(where: string, value: TensorType | number): number {
  const number = typeof value === 'number' ? value : value.size === 1 ? value.data[0]! : Number.NaN;
  if (typeof value !== 'number' && value.size !== 1) {
    throw new GradcheckError(
      `${where}: the function must return a single value, got a tensor of shape ${formatShape(value.shape)}. Hint: reduce it (e.g. .sum()).`,
    );
  }
  if (!Number.isFinite(number)) {
    throw new GradcheckError(
      `${where}: the function returned ${number}; gradient checking needs finite values. Hint: check the point is inside the function's domain.`,
    );
  }
  return number;
}
