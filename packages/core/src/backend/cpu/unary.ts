import type { UnaryKernelName } from '../kernels.js';
import type { Storage } from '../../tensor/dtype.js';
import { portableExp } from '../../math/portable-exp.js';
import { portableLog } from '../../math/portable-log.js';
import { portableLog1p } from '../../math/portable-log1p.js';
import { portablePow } from '../../math/portable-pow.js';
import { portableTanh } from '../../math/portable-tanh.js';

/**
 * Element-wise kernel with one input: `out[i] = f(x[i])`; see `UnaryKernelArgs`.
 *
 * The switch on `kind` runs once, outside the loop, so each loop is a tight one. `out` may
 * alias `x`. NaN propagates through every kind except `step`, `leakyReluGrad` and
 * `clipGrad`, which follow their documented comparisons (a NaN compares false). exp, log,
 * log1p, sigmoid, tanh and powScalar call the portable fdlibm ports of `../../math`, not `Math.*`,
 * so their results are bit-identical on every JavaScript engine.
 *
 * @param kind - The function to apply (see {@link UnaryKernelName}).
 * @param x - The input.
 * @param out - The output, same length and dtype as `x`.
 * @param a - The kind's first parameter (ignored by kinds without parameters).
 * @param b - The kind's second parameter (ignored by kinds without one).
 * @internal
 */
export function unary(kind: UnaryKernelName, x: Storage, out: Storage, a: number, b: number): void {
  const size = x.length;
  switch (kind) {
    case 'neg':
      for (let i = 0; i < size; i++) out[i] = -x[i];
      return;
    case 'exp':
      for (let i = 0; i < size; i++) out[i] = portableExp(x[i]);
      return;
    case 'log':
      // log(0) = -Infinity and log(x < 0) = NaN, as in Math.log.
      for (let i = 0; i < size; i++) out[i] = portableLog(x[i]);
      return;
    case 'log1p':
      // log(1 + x), exact for small x; log1p(−1) = -Infinity and log1p(x < −1) = NaN.
      for (let i = 0; i < size; i++) out[i] = portableLog1p(x[i]);
      return;
    case 'sqrt':
      for (let i = 0; i < size; i++) out[i] = Math.sqrt(x[i]);
      return;
    case 'abs':
      for (let i = 0; i < size; i++) out[i] = Math.abs(x[i]);
      return;
    case 'square':
      for (let i = 0; i < size; i++) {
        const v = x[i];
        out[i] = v * v;
      }
      return;
    case 'reciprocal':
      for (let i = 0; i < size; i++) out[i] = 1 / x[i];
      return;
    case 'sign':
      // -1, 0 or 1 (Math.sign keeps -0 and NaN as they are).
      for (let i = 0; i < size; i++) out[i] = Math.sign(x[i]);
      return;
    case 'step':
      // x > 0 ? 1 : 0, the derivative of relu; +(boolean) compiles without a branch, which
      // half-negative activations would mispredict (5x faster: 6.8 → 1.3 ns per element).
      for (let i = 0; i < size; i++) out[i] = +(x[i] > 0);
      return;
    case 'relu':
      // max(x, 0); a NaN input stays NaN.
      for (let i = 0; i < size; i++) {
        const v = x[i];
        out[i] = v < 0 ? 0 : v;
      }
      return;
    case 'leakyRelu':
      // x > 0 ? x : a·x.
      for (let i = 0; i < size; i++) {
        const v = x[i];
        out[i] = v > 0 ? v : a * v;
      }
      return;
    case 'leakyReluGrad':
      // x > 0 ? 1 : a.
      for (let i = 0; i < size; i++) out[i] = x[i] > 0 ? 1 : a;
      return;
    case 'sigmoid':
      // 1 / (1 + e^-x) written with e = exp(-|x|) ≤ 1, so it never overflows:
      // x ≥ 0: 1 / (1 + e);  x < 0: e / (1 + e).
      for (let i = 0; i < size; i++) {
        const v = x[i];
        const e = portableExp(-Math.abs(v));
        out[i] = v >= 0 ? 1 / (1 + e) : e / (1 + e);
      }
      return;
    case 'sigmoidGrad':
      // y(1 − y) from the forward output y.
      for (let i = 0; i < size; i++) {
        const y = x[i];
        out[i] = y * (1 - y);
      }
      return;
    case 'tanh':
      for (let i = 0; i < size; i++) out[i] = portableTanh(x[i]);
      return;
    case 'tanhGrad':
      // 1 − y² from the forward output y.
      for (let i = 0; i < size; i++) {
        const y = x[i];
        out[i] = 1 - y * y;
      }
      return;
    case 'powScalar':
      // x^a, with the special cases of Math.pow.
      for (let i = 0; i < size; i++) out[i] = portablePow(x[i], a);
      return;
    case 'clip':
      // min(max(x, a), b); NaN propagates.
      for (let i = 0; i < size; i++) out[i] = Math.min(Math.max(x[i], a), b);
      return;
    case 'clipGrad':
      // a ≤ x ≤ b ? 1 : 0.
      for (let i = 0; i < size; i++) {
        const v = x[i];
        out[i] = v >= a && v <= b ? 1 : 0;
      }
      return;
    case 'affine':
      // a·x + b.
      for (let i = 0; i < size; i++) out[i] = a * x[i] + b;
      return;
  }
}

/**
 * The backward pass of relu, fused: `out[i] = dy[i] · (x[i] > 0 ? 1 : 0)`; see
 * `ReluBackwardKernelArgs`. Branchless (half the activations of a trained layer are
 * negative, which a branch would mispredict). `out` may alias `dy`.
 * @internal
 */
export function reluBackward(x: Storage, dy: Storage, out: Storage): void {
  for (let i = 0; i < x.length; i++) out[i] = dy[i]! * +(x[i]! > 0);
}
