import type { Storage } from '../../tensor/dtype.js';

/*
 * Cache-blocked, register-tiled matrix product.
 *
 * For every matrix of the batch, `C = op(A) · op(B)` is computed as follows:
 *
 * 1. A block of `op(B)` (all `k` rows, up to `blockColumns` columns) is packed into `packedB`
 *    as panels of `NR = 4` columns: element `(p, c)` of panel `q` sits at
 *    `q·4k + 4p + c`. Packing reads `B` through strides, so a transposed `B` costs nothing
 *    extra and the product loop never sees the transpose.
 * 2. For every 4-row panel of `op(A)`, the panel is packed into `packedA` (`(p, r)` at
 *    `4p + r`), then the 4×4 micro-kernel multiplies it with every packed panel of `B`,
 *    keeping the 16 sums in local variables over the whole of `k`.
 * 3. The tile is stored into `C`; edge tiles (fewer than 4 valid rows or columns) were
 *    padded with zeros while packing and are stored partially.
 *
 * Both dtypes are packed into `Float64Array` panels, so the micro-kernel — where all the
 * time goes — is one monomorphic function of doubles, and every sum is accumulated in
 * double precision in the order p = 0, 1, …, k − 1 whatever the path or the dtype. Packing
 * and storing are written once per dtype so that each of their element accesses sees one
 * typed-array kind only.
 *
 * Matrix–vector products (`m = 1` or `n = 1`), where a 4×4 tile would be mostly padding and
 * packing would not pay off, use a direct loop with the same summation order, so every path
 * gives bit-identical results.
 */

/** Rows of the register tile. */
const MR = 4;
/** Columns of the register tile. */
const NR = 4;
/** Element budget of the packed block of `B` (8 MiB of doubles). */
const PACKED_B_BUDGET = 1 << 20;

/** Packed 4-row panel of `op(A)`, grown on demand and reused across calls. */
let packedA = new Float64Array(0);
/** Packed block of 4-column panels of `op(B)`, grown on demand and reused across calls. */
let packedB = new Float64Array(0);
/** The 4×4 register tile written by the micro-kernel. */
const tile = new Float64Array(MR * NR);

/**
 * Batched matrix product `out[b] = op(A[b]) · op(B[b])`; see `MatmulKernelArgs`.
 *
 * Cache-blocked and register-tiled (4×4 micro-kernel over packed panels), with all four
 * transpose combinations handled while packing and with batch strides (0 broadcasts).
 * Sums are accumulated in double precision and rounded once when stored. The packing
 * scratch (at most 8 MiB for `B` plus `32·k` bytes for `A`) is kept between calls.
 *
 * @param a - Storage of `A` (`m × k`, or `k × m` when `transposeA`).
 * @param b - Storage of `B` (`k × n`, or `n × k` when `transposeB`).
 * @param out - `batch` contiguous `m × n` matrices, overwritten; same dtype as `a` and `b`.
 * @param m - Rows of `op(A)` and of each output matrix.
 * @param k - The inner dimension.
 * @param n - Columns of `op(B)` and of each output matrix.
 * @param transposeA - Whether `A` is stored transposed.
 * @param transposeB - Whether `B` is stored transposed.
 * @param batch - Number of matrices.
 * @param strideA - Elements between consecutive matrices of `A` (0 broadcasts one matrix).
 * @param strideB - Elements between consecutive matrices of `B` (0 broadcasts one matrix).
 * @internal
 */
export function matmul(
  a: Storage,
  b: Storage,
  out: Storage,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  batch: number,
  strideA: number,
  strideB: number,
): void {
  if (m === 0 || n === 0 || batch === 0) return;
  if (k === 0) {
    out.fill(0, 0, batch * m * n);
    return;
  }
  // Element (i, p) of op(A) is a[offset + i·aRowStride + p·aInnerStride]; likewise for B.
  const aRowStride = transposeA ? 1 : k;
  const aInnerStride = transposeA ? m : 1;
  const bInnerStride = transposeB ? 1 : n;
  const bColumnStride = transposeB ? k : 1;
  for (let matrix = 0; matrix < batch; matrix++) {
    const aOffset = matrix * strideA;
    const bOffset = matrix * strideB;
    const outOffset = matrix * m * n;
    if (m === 1) {
      // A row vector times a matrix: out[j] = Σ_p B(p, j) · a(p).
      if (out instanceof Float32Array) {
        matrixVectorF32(
          b as Float32Array,
          bOffset,
          bColumnStride,
          bInnerStride,
          a as Float32Array,
          aOffset,
          aInnerStride,
          out,
          outOffset,
          n,
          k,
        );
      } else {
        matrixVectorF64(
          b as Float64Array,
          bOffset,
          bColumnStride,
          bInnerStride,
          a as Float64Array,
          aOffset,
          aInnerStride,
          out,
          outOffset,
          n,
          k,
        );
      }
    } else if (n === 1) {
      // A matrix times a column vector: out[i] = Σ_p A(i, p) · b(p).
      if (out instanceof Float32Array) {
        matrixVectorF32(
          a as Float32Array,
          aOffset,
          aRowStride,
          aInnerStride,
          b as Float32Array,
          bOffset,
          bInnerStride,
          out,
          outOffset,
          m,
          k,
        );
      } else {
        matrixVectorF64(
          a as Float64Array,
          aOffset,
          aRowStride,
          aInnerStride,
          b as Float64Array,
          bOffset,
          bInnerStride,
          out,
          outOffset,
          m,
          k,
        );
      }
    } else {
      // B is packed only once when the same matrix is broadcast over the batch and fits one block.
      const reusePackedB = matrix > 0 && strideB === 0 && blockColumnsFor(k) >= n;
      blockedProduct(
        a,
        aOffset,
        aRowStride,
        aInnerStride,
        b,
        bOffset,
        bInnerStride,
        bColumnStride,
        out,
        outOffset,
        m,
        k,
        n,
        reusePackedB,
      );
    }
  }
}

/** The number of columns of `op(B)` packed at once: a multiple of `NR` within the budget. */
function blockColumnsFor(k: number): number {
  return Math.max(NR, Math.floor(PACKED_B_BUDGET / k / NR) * NR);
}

/** One blocked product `C = op(A) · op(B)` of a single matrix (dtype-dispatching driver). */
function blockedProduct(
  a: Storage,
  aOffset: number,
  aRowStride: number,
  aInnerStride: number,
  b: Storage,
  bOffset: number,
  bInnerStride: number,
  bColumnStride: number,
  out: Storage,
  outOffset: number,
  m: number,
  k: number,
  n: number,
  reusePackedB: boolean,
): void {
  const blockColumns = blockColumnsFor(k);
  const panelSize = k * NR;
  const blockCapacity = Math.min(blockColumns, Math.ceil(n / NR) * NR) * k;
  if (packedA.length < k * MR) packedA = new Float64Array(k * MR);
  if (packedB.length < blockCapacity) packedB = new Float64Array(blockCapacity);
  const pa = packedA;
  const pb = packedB;
  const isF32 = out instanceof Float32Array;
  // Columns j0 … j0 + width − 1 of C form one block sharing one packed block of B.
  for (let j0 = 0; j0 < n; j0 += blockColumns) {
    const width = Math.min(blockColumns, n - j0);
    if (!reusePackedB) {
      // Pack B's columns j0 … j0 + width − 1 into 4-column panels.
      for (let jp = 0, panel = 0; jp < width; jp += NR, panel += panelSize) {
        const lanes = Math.min(NR, width - jp);
        const start = bOffset + (j0 + jp) * bColumnStride;
        if (isF32)
          packPanelF32(b as Float32Array, start, k, lanes, bInnerStride, bColumnStride, pb, panel);
        else
          packPanelF64(b as Float64Array, start, k, lanes, bInnerStride, bColumnStride, pb, panel);
      }
    }
    // Rows i0 … i0 + 3 of C: pack that panel of A, then sweep the packed panels of B.
    for (let i0 = 0; i0 < m; i0 += MR) {
      const rows = Math.min(MR, m - i0);
      const start = aOffset + i0 * aRowStride;
      if (isF32) packPanelF32(a as Float32Array, start, k, rows, aInnerStride, aRowStride, pa, 0);
      else packPanelF64(a as Float64Array, start, k, rows, aInnerStride, aRowStride, pa, 0);
      const rowOffset = outOffset + i0 * n + j0;
      for (let jp = 0, panel = 0; jp < width; jp += NR, panel += panelSize) {
        microKernel4x4(pa, pb, panel, k, tile);
        const columns = Math.min(NR, width - jp);
        if (isF32) storeTileF32(tile, out as Float32Array, rowOffset + jp, n, rows, columns);
        else storeTileF64(tile, out as Float64Array, rowOffset + jp, n, rows, columns);
      }
    }
  }
}

/**
 * The 4×4 micro-kernel: `t[4r + c] = Σ_p pa[4p + r] · pb[panel + 4p + c]` over `p < k`.
 *
 * The 16 sums live in local variables (registers or stack slots) for the whole of `k`.
 */
// prettier-ignore
function microKernel4x4(pa: Float64Array, pb: Float64Array, panel: number, k: number, t: Float64Array): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  let ia = 0;
  const end = panel + NR * k;
  // One rank-1 update of the tile per step p: column p of the A panel times row p of the B panel.
  for (let ib = panel; ib < end; ib += NR, ia += MR) {
    const a0 = pa[ia], a1 = pa[ia + 1], a2 = pa[ia + 2], a3 = pa[ia + 3];
    const b0 = pb[ib], b1 = pb[ib + 1], b2 = pb[ib + 2], b3 = pb[ib + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03;
  t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
  t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23;
  t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33;
}

/**
 * Packs `lanes` (≤ 4) strided vectors of length `k` into a 4-wide panel:
 * `dst[at + 4p + lane] = src[start + p·innerStride + lane·laneStride]`, zero for missing lanes.
 */
function packPanelF32(
  src: Float32Array,
  start: number,
  k: number,
  lanes: number,
  innerStride: number,
  laneStride: number,
  dst: Float64Array,
  at: number,
): void {
  if (lanes === 4 && laneStride === 1) {
    // The four lanes are adjacent in memory: copy one group of four per step p.
    for (let p = 0, s = start, d = at; p < k; p++, s += innerStride, d += 4) {
      dst[d] = src[s];
      dst[d + 1] = src[s + 1];
      dst[d + 2] = src[s + 2];
      dst[d + 3] = src[s + 3];
    }
    return;
  }
  // One lane at a time (contiguous along p when innerStride is 1); missing lanes are zero.
  for (let lane = 0; lane < 4; lane++) {
    if (lane < lanes) {
      for (
        let p = 0, s = start + lane * laneStride, d = at + lane;
        p < k;
        p++, s += innerStride, d += 4
      ) {
        dst[d] = src[s];
      }
    } else {
      for (let d = at + lane, end = at + 4 * k; d < end; d += 4) dst[d] = 0;
    }
  }
}

/** The float64 twin of {@link packPanelF32}. */
function packPanelF64(
  src: Float64Array,
  start: number,
  k: number,
  lanes: number,
  innerStride: number,
  laneStride: number,
  dst: Float64Array,
  at: number,
): void {
  if (lanes === 4 && laneStride === 1) {
    // The four lanes are adjacent in memory: copy one group of four per step p.
    for (let p = 0, s = start, d = at; p < k; p++, s += innerStride, d += 4) {
      dst[d] = src[s];
      dst[d + 1] = src[s + 1];
      dst[d + 2] = src[s + 2];
      dst[d + 3] = src[s + 3];
    }
    return;
  }
  // One lane at a time (contiguous along p when innerStride is 1); missing lanes are zero.
  for (let lane = 0; lane < 4; lane++) {
    if (lane < lanes) {
      for (
        let p = 0, s = start + lane * laneStride, d = at + lane;
        p < k;
        p++, s += innerStride, d += 4
      ) {
        dst[d] = src[s];
      }
    } else {
      for (let d = at + lane, end = at + 4 * k; d < end; d += 4) dst[d] = 0;
    }
  }
}

/** Stores the valid `rows × columns` corner of the 4×4 tile at `out[at + r·n + c]`. */
// prettier-ignore
function storeTileF32(t: Float64Array, out: Float32Array, at: number, n: number, rows: number, columns: number): void {
  if (rows === 4 && columns === 4) {
    out[at] = t[0]; out[at + 1] = t[1]; out[at + 2] = t[2]; out[at + 3] = t[3];
    at += n;
    out[at] = t[4]; out[at + 1] = t[5]; out[at + 2] = t[6]; out[at + 3] = t[7];
    at += n;
    out[at] = t[8]; out[at + 1] = t[9]; out[at + 2] = t[10]; out[at + 3] = t[11];
    at += n;
    out[at] = t[12]; out[at + 1] = t[13]; out[at + 2] = t[14]; out[at + 3] = t[15];
    return;
  }
  for (let r = 0; r < rows; r++, at += n) {
    for (let c = 0; c < columns; c++) out[at + c] = t[4 * r + c];
  }
}

/** The float64 twin of {@link storeTileF32}. */
// prettier-ignore
function storeTileF64(t: Float64Array, out: Float64Array, at: number, n: number, rows: number, columns: number): void {
  if (rows === 4 && columns === 4) {
    out[at] = t[0]; out[at + 1] = t[1]; out[at + 2] = t[2]; out[at + 3] = t[3];
    at += n;
    out[at] = t[4]; out[at + 1] = t[5]; out[at + 2] = t[6]; out[at + 3] = t[7];
    at += n;
    out[at] = t[8]; out[at + 1] = t[9]; out[at + 2] = t[10]; out[at + 3] = t[11];
    at += n;
    out[at] = t[12]; out[at + 1] = t[13]; out[at + 2] = t[14]; out[at + 3] = t[15];
    return;
  }
  for (let r = 0; r < rows; r++, at += n) {
    for (let c = 0; c < columns; c++) out[at + c] = t[4 * r + c];
  }
}

/**
 * Matrix–vector product for `m = 1` or `n = 1`, where packing would not pay off:
 * `out[at + t] = Σ_p M(t, p) · v(p)` for `t < count`, with `M(t, p) = matrix[mBase + t·mt + p·mp]`
 * and `v(p) = vector[vBase + p·vs]`, summed in double precision in the order p = 0 … k − 1.
 *
 * Four outputs are computed per sweep over `p`, so each element of `v` is read once per four
 * outputs and the four streams of `M` are either adjacent (`mt = 1`) or each contiguous.
 */
function matrixVectorF32(
  matrix: Float32Array,
  mBase: number,
  mt: number,
  mp: number,
  vector: Float32Array,
  vBase: number,
  vs: number,
  out: Float32Array,
  at: number,
  count: number,
  k: number,
): void {
  let t = 0;
  // Four outputs t … t + 3 per sweep over p.
  for (; t + 4 <= count; t += 4) {
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0;
    for (let p = 0, q = mBase + t * mt, w = vBase; p < k; p++, q += mp, w += vs) {
      const v = vector[w];
      s0 += matrix[q] * v;
      s1 += matrix[q + mt] * v;
      s2 += matrix[q + 2 * mt] * v;
      s3 += matrix[q + 3 * mt] * v;
    }
    out[at + t] = s0;
    out[at + t + 1] = s1;
    out[at + t + 2] = s2;
    out[at + t + 3] = s3;
  }
  // The remaining outputs one at a time.
  for (; t < count; t++) {
    let sum = 0;
    for (let p = 0, q = mBase + t * mt, w = vBase; p < k; p++, q += mp, w += vs) {
      sum += matrix[q] * vector[w];
    }
    out[at + t] = sum;
  }
}

/** The float64 twin of {@link matrixVectorF32}. */
function matrixVectorF64(
  matrix: Float64Array,
  mBase: number,
  mt: number,
  mp: number,
  vector: Float64Array,
  vBase: number,
  vs: number,
  out: Float64Array,
  at: number,
  count: number,
  k: number,
): void {
  let t = 0;
  // Four outputs t … t + 3 per sweep over p.
  for (; t + 4 <= count; t += 4) {
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0;
    for (let p = 0, q = mBase + t * mt, w = vBase; p < k; p++, q += mp, w += vs) {
      const v = vector[w];
      s0 += matrix[q] * v;
      s1 += matrix[q + mt] * v;
      s2 += matrix[q + 2 * mt] * v;
      s3 += matrix[q + 3 * mt] * v;
    }
    out[at + t] = s0;
    out[at + t + 1] = s1;
    out[at + t + 2] = s2;
    out[at + t + 3] = s3;
  }
  // The remaining outputs one at a time.
  for (; t < count; t++) {
    let sum = 0;
    for (let p = 0, q = mBase + t * mt, w = vBase; p < k; p++, q += mp, w += vs) {
      sum += matrix[q] * vector[w];
    }
    out[at + t] = sum;
  }
}

/**
 * Adds `bias` (n values) to every row of `out` (m×n), in place: the epilogue of the `linear`
 * kernel, the same additions an `add` with a broadcast bias makes.
 * @internal
 */
export function addBiasRows(out: Storage, bias: Storage, m: number, n: number): void {
  for (let i = 0, row = 0; i < m; i++, row += n) {
    for (let j = 0; j < n; j++) out[row + j] = out[row + j]! + bias[j]!;
  }
}
