/**
 * The raw exports of the GEMM module. Every pointer is a byte offset into the module's
 * linear memory ({@link WasmGemm.memory}); booleans are passed as 0 / 1.
 *
 * `gemm_f32(a, b, c, m, k, n, transA, transB, packA, packB)` computes C (m×n) = op(A)·op(B)
 * where A is stored m×k (transA = 0) or k×m (transA = 1) and B k×n (transB = 0) or n×k
 * (transB = 1), all row-major and contiguous; C is overwritten. `packA` needs
 * `gemm_f32_pack_a_bytes(m, k, n)` bytes of scratch memory, `packB`
 * `gemm_f32_pack_b_bytes(m, k, n)` bytes (16-byte alignment recommended).
 * `gemm_f32_range(..., rowStart, rowEnd, colStart, colEnd)` writes only that block of C
 * (element indices, any split) and is bit-identical to `gemm_f32` there. The f64 functions
 * are the same for float64.
 *
 * @example
 * ```ts
 * const { kernels, memory } = WasmGemm.createSync();
 * const [m, k, n] = [64, 32, 48];
 * const packA = 0;
 * const packB = packA + kernels.gemm_f32_pack_a_bytes(m, k, n);
 * const a = packB + kernels.gemm_f32_pack_b_bytes(m, k, n);
 * const b = a + m * k * 4;
 * const c = b + k * n * 4;
 * // (grow `memory` to cover c + m * n * 4 and write A and B first)
 * kernels.gemm_f32_range(a, b, c, m, k, n, 0, 0, packA, packB, 0, m / 2, 0, n); // top half
 * ```
 */
export interface GemmKernelExports {
  /** float32 C (m×n) = op(A)·op(B) over the whole output. */
  gemm_f32(
    a: number,
    b: number,
    c: number,
    m: number,
    k: number,
    n: number,
    transA: number,
    transB: number,
    packA: number,
    packB: number,
  ): void;
  /** float32 product restricted to C[rowStart:rowEnd, colStart:colEnd]; bit-identical to `gemm_f32`. */
  gemm_f32_range(
    a: number,
    b: number,
    c: number,
    m: number,
    k: number,
    n: number,
    transA: number,
    transB: number,
    packA: number,
    packB: number,
    rowStart: number,
    rowEnd: number,
    colStart: number,
    colEnd: number,
  ): void;
  /** float64 C (m×n) = op(A)·op(B) over the whole output. */
  gemm_f64(
    a: number,
    b: number,
    c: number,
    m: number,
    k: number,
    n: number,
    transA: number,
    transB: number,
    packA: number,
    packB: number,
  ): void;
  /** float64 product restricted to C[rowStart:rowEnd, colStart:colEnd]; bit-identical to `gemm_f64`. */
  gemm_f64_range(
    a: number,
    b: number,
    c: number,
    m: number,
    k: number,
    n: number,
    transA: number,
    transB: number,
    packA: number,
    packB: number,
    rowStart: number,
    rowEnd: number,
    colStart: number,
    colEnd: number,
  ): void;
  /** Scratch bytes `gemm_f32` / `gemm_f32_range` need at `packA` (packed A block and edge tile). */
  gemm_f32_pack_a_bytes(m: number, k: number, n: number): number;
  /** Scratch bytes `gemm_f32` / `gemm_f32_range` need at `packB` (packed B panel). */
  gemm_f32_pack_b_bytes(m: number, k: number, n: number): number;
  /** Scratch bytes `gemm_f64` / `gemm_f64_range` need at `packA` (packed A block and edge tile). */
  gemm_f64_pack_a_bytes(m: number, k: number, n: number): number;
  /** Scratch bytes `gemm_f64` / `gemm_f64_range` need at `packB` (packed B panel). */
  gemm_f64_pack_b_bytes(m: number, k: number, n: number): number;
  /** Bytes `gemm_f32_pack_b_all` writes for op(B) of k×n. */
  gemm_f32_packed_b_bytes(k: number, n: number): number;
  /** Bytes `gemm_f64_pack_b_all` writes for op(B) of k×n. */
  gemm_f64_packed_b_bytes(k: number, n: number): number;
  /** Packs all of op(B) (f32) at `packed`, once, for `gemm_f32_rows_packed`. */
  gemm_f32_pack_b_all(b: number, k: number, n: number, transB: number, packed: number): void;
  /** Packs all of op(B) (f64) at `packed`, once, for `gemm_f64_rows_packed`. */
  gemm_f64_pack_b_all(b: number, k: number, n: number, transB: number, packed: number): void;
  /** Rows [rowStart, rowEnd) of C (f32) with op(B) packed at `packed`; bit-identical to `gemm_f32`. */
  gemm_f32_rows_packed(
    a: number,
    packed: number,
    c: number,
    m: number,
    k: number,
    n: number,
    transA: number,
    packA: number,
    rowStart: number,
    rowEnd: number,
  ): void;
  /** Rows [rowStart, rowEnd) of C (f64) with op(B) packed at `packed`; bit-identical to `gemm_f64`. */
  gemm_f64_rows_packed(
    a: number,
    packed: number,
    c: number,
    m: number,
    k: number,
    n: number,
    transA: number,
    packA: number,
    rowStart: number,
    rowEnd: number,
  ): void;
  /** One Adam step over `n` f32 at byte offsets param, grad, m, v (see assembly/adam.ts). */
  adam_f32(
    param: number,
    grad: number,
    m: number,
    v: number,
    n: number,
    beta1: number,
    oneMinusBeta1: number,
    beta2: number,
    oneMinusBeta2: number,
    epsilon: number,
    stepSize: number,
    correction2Sqrt: number,
  ): void;
  /** The f64 counterpart of `adam_f32`. */
  adam_f64(
    param: number,
    grad: number,
    m: number,
    v: number,
    n: number,
    beta1: number,
    oneMinusBeta1: number,
    beta2: number,
    oneMinusBeta2: number,
    epsilon: number,
    stepSize: number,
    correction2Sqrt: number,
  ): void;
  /** relu over `n` f32 from byte offset `x` to `out` (assembly/elementwise.ts). */
  relu_f32(x: number, out: number, n: number): void;
  /** relu over `n` f64. */
  relu_f64(x: number, out: number, n: number): void;
  /** step (`x > 0 ? 1 : 0`) over `n` f32. */
  step_f32(x: number, out: number, n: number): void;
  /** step over `n` f64. */
  step_f64(x: number, out: number, n: number): void;
  /** relu's backward pass over `n` f32: out = dy · (x > 0 ? 1 : 0). */
  relu_backward_f32(x: number, dy: number, out: number, n: number): void;
  /** relu's backward pass over `n` f64. */
  relu_backward_f64(x: number, dy: number, out: number, n: number): void;
  /** Adds the `n` f32 at `bias` to each of the `m` rows of the m×n f32 matrix at `c`. */
  add_bias_rows_f32(c: number, bias: number, m: number, n: number): void;
  /** Adds the `n` f64 at `bias` to each of the `m` rows of the m×n f64 matrix at `c`. */
  add_bias_rows_f64(c: number, bias: number, m: number, n: number): void;
  /** Column sums of the m×n f32 matrix at `x` into the `n` f32 at `out`, accumulated in f64. */
  sum_rows_f32(x: number, m: number, n: number, out: number): void;
  /** Column sums of the m×n f64 matrix at `x` into the `n` f64 at `out`. */
  sum_rows_f64(x: number, m: number, n: number, out: number): void;
}
