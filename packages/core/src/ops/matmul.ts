import type { Tensor } from '../tensor/tensor.js';
import { runKernel } from '../backend/default-backend.js';
import { allocateStorage } from '../backend/allocate-storage.js';
import { ShapeError } from '../errors/shape-error.js';
import { formatShape, shapeSize, shapesEqual } from '../tensor/shape.js';
import { assertSameDType, assertTensor } from './internal/operands.js';
import { record } from './internal/record.js';
import { reshape } from './reshape.js';
import { sum } from './sum.js';
import { transpose } from './transpose.js';

/** Options of {@link matmul}. */
export interface MatmulOptions {
  /**
   * Use the transpose of `a`'s last two axes, without materialising it.
   * @defaultValue false
   */
  readonly transposeA?: boolean;
  /**
   * Use the transpose of `b`'s last two axes, without materialising it.
   * @defaultValue false
   */
  readonly transposeB?: boolean;
}

/**
 * Matrix product `a · b` over the last two axes.
 *
 * Both operands have rank ≥ 2. Leading (batch) axes must be equal, or one operand may be a
 * plain matrix that is used for every batch entry. `transposeA` / `transposeB` multiply by
 * a transpose without copying it (the backward pass uses this).
 *
 * @throws {@link ShapeError} when the inner dimensions or batch axes do not match.
 * @throws {@link DTypeError} when the dtypes differ.
 * @category Ops/Linear algebra
 *
 * @example
 * ```ts
 * const x = randn([32, 784]);
 * const w = randn([784, 128]);
 * matmul(x, w).shape; // [32, 128]
 * ```
 */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  assertTensor('matmul', 'a', a);
  assertTensor('matmul', 'b', b);
  assertSameDType('matmul', a, b);
  const transposeA = options.transposeA ?? false;
  const transposeB = options.transposeB ?? false;
  if (a.rank < 2 || b.rank < 2) {
    throw new ShapeError(
      `matmul: both operands need rank ≥ 2, got a ${formatShape(a.shape)} and b ${formatShape(b.shape)}. ` +
        'Hint: reshape a vector to [1, n] or [n, 1].',
    );
  }
  const aRows = a.shape[a.rank - 2]!;
  const aCols = a.shape[a.rank - 1]!;
  const bRows = b.shape[b.rank - 2]!;
  const bCols = b.shape[b.rank - 1]!;
  const m = transposeA ? aCols : aRows;
  const k = transposeA ? aRows : aCols;
  const kB = transposeB ? bCols : bRows;
  const n = transposeB ? bRows : bCols;
  if (k !== kB) {
    const flags = `${transposeA ? ' (a transposed)' : ''}${transposeB ? ' (b transposed)' : ''}`;
    throw new ShapeError(
      `matmul: inner dimensions differ: ${formatShape(a.shape)} · ${formatShape(b.shape)}${flags} (${k} ≠ ${kB}). ` +
        `Hint: the last axis of a must equal the second-to-last of b${transposeB ? '' : '; did you mean matmul(a, b, { transposeB: true })?'}`,
    );
  }
  const aBatchShape = a.shape.slice(0, -2);
  const bBatchShape = b.shape.slice(0, -2);
  let batchShape: readonly number[];
  if (shapesEqual(aBatchShape, bBatchShape) || bBatchShape.length === 0) batchShape = aBatchShape;
  else if (aBatchShape.length === 0) batchShape = bBatchShape;
  else {
    throw new ShapeError(
      `matmul: batch axes differ: a ${formatShape(a.shape)} vs b ${formatShape(b.shape)}; ` +
        'expected equal leading axes, or one operand a plain matrix.',
    );
  }
  const batch = shapeSize(batchShape);
  const outShape = [...batchShape, m, n];
  const storage = allocateStorage('matmul', a.dtype, outShape);
  const strideA = aBatchShape.length === 0 ? 0 : aRows * aCols;
  const strideB = bBatchShape.length === 0 ? 0 : bRows * bCols;
  runKernel('matmul', {
    a: a.data,
    b: b.data,
    out: storage,
    m,
    k,
    n,
    transposeA,
    transposeB,
    batch,
    strideA,
    strideB,
  });
  return record('matmul', storage, outShape, [a, b], (gradOutput) => [
    a.requiresGrad ? matmulGradientA(gradOutput, a, b, transposeA, transposeB) : null,
    b.requiresGrad ? matmulGradientB(gradOutput, a, b, transposeA, transposeB) : null,
  ]);
}

/**
 * dA for C = op(A)·op(B): dop(A) = dC·op(B)ᵀ, and dA = dop(A)ᵀ when A was transposed.
 * When A was a plain matrix broadcast over B's batch, the batch is folded into the rows.
 */
function matmulGradientA(
  dC: Tensor,
  a: Tensor,
  b: Tensor,
  transposeA: boolean,
  transposeB: boolean,
): Tensor {
  if (a.rank === 2 && b.rank > 2) {
    // A is shared by every batch entry: dop(A) = Σ_batch dC[i] · op(B[i])ᵀ.
    const summed = sumLeadingAxes(matmul(dC, b, { transposeB: !transposeB }));
    return transposeA ? transpose(summed) : summed;
  }
  // op(A) = m×k: dop(A) = dC · op(B)ᵀ.
  if (!transposeA) return matmul(dC, b, { transposeB: !transposeB });
  // A stored k×m: dA = (dC · op(B)ᵀ)ᵀ = op(B) · dCᵀ.
  return matmul(b, dC, { transposeA: transposeB, transposeB: true });
}

/** dB for C = op(A)·op(B): dop(B) = op(A)ᵀ·dC, transposed back when B was transposed. */
function matmulGradientB(
  dC: Tensor,
  a: Tensor,
  b: Tensor,
  transposeA: boolean,
  transposeB: boolean,
): Tensor {
  if (b.rank === 2 && a.rank > 2) {
    // B is shared by every batch entry: stack the batch into rows, one product suffices.
    const a2 = reshape(a, [-1, a.shape[a.rank - 1]!]);
    const dC2 = reshape(dC, [-1, dC.shape[dC.rank - 1]!]);
    if (!transposeA) {
      return transposeB
        ? matmul(dC2, a2, { transposeA: true })
        : matmul(a2, dC2, { transposeA: true });
    }
    // A entries are stored k×m: sum per-entry products instead.
    const summed = sumLeadingAxes(matmul(a, dC));
    return transposeB ? transpose(summed) : summed;
  }
  // op(B) = k×n: dop(B) = op(A)ᵀ · dC.
  if (!transposeB) return matmul(a, dC, { transposeA: !transposeA });
  // B stored n×k: dB = (op(A)ᵀ · dC)ᵀ = dCᵀ · op(A).
  return matmul(dC, a, { transposeA: true, transposeB: transposeA });
}

/** Sums a batch of matrices `[..., r, c]` into one `[r, c]` matrix. */
function sumLeadingAxes(x: Tensor): Tensor {
  const rows = x.shape[x.rank - 2]!;
  const columns = x.shape[x.rank - 1]!;
  return sum(reshape(x, [-1, rows, columns]), 0);
}
