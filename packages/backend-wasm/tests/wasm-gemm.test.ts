import { describe, expect, it } from 'vitest';
import { WasmGemm, WasmSimdUnsupportedError } from '../src/index.js';
import type { GemmArray, WasmGemmFeatures } from '../src/index.js';

type DType = 'float32' | 'float64';

/** Reproducible values in [-1, 1) from a linear congruential generator. */
function random(dtype: DType, length: number, seed: number): GemmArray {
  const array = dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    array[i] = state / 2 ** 31 - 1;
  }
  return array;
}

/** Naive float64 reference, with the per-element scale Σ|a||b| for the tolerance. */
function reference(
  a: GemmArray,
  b: GemmArray,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  batch: number,
  strideA: number,
  strideB: number,
): { value: Float64Array; scale: Float64Array } {
  const value = new Float64Array(batch * m * n);
  const scale = new Float64Array(batch * m * n);
  for (let t = 0; t < batch; t++) {
    const oa = t * strideA;
    const ob = t * strideB;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let abs = 0;
        for (let p = 0; p < k; p++) {
          const x = a[oa + (transposeA ? p * m + i : i * k + p)]!;
          const y = b[ob + (transposeB ? j * k + p : p * n + j)]!;
          sum += x * y;
          abs += Math.abs(x * y);
        }
        value[t * m * n + i * n + j] = sum;
        scale[t * m * n + i * n + j] = abs;
      }
    }
  }
  return { value, scale };
}

/** Largest |out - ref| / max(Σ|a||b|, tiny) over all elements. */
function maxRelativeError(out: GemmArray, value: Float64Array, scale: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < value.length; i++) {
    const error = Math.abs(out[i]! - value[i]!) / Math.max(scale[i]!, 1e-30);
    if (!(error <= worst)) worst = error; // NaN-safe: a NaN error becomes the worst
  }
  return worst;
}

const tolerance: Record<DType, number> = { float32: 1e-5, float64: 1e-12 };
const transposes = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;
const sizes: [number, number, number][] = [
  [1, 1, 1],
  [0, 3, 4],
  [3, 4, 0],
  [3, 0, 4],
  [0, 0, 0],
  [2, 3, 2],
  [4, 8, 8],
  [7, 13, 5],
  [33, 65, 17],
  [5, 300, 9],
  [129, 257, 65],
  [65, 600, 131],
  [245, 140, 27],
  [3, 5, 2100],
];

const gemms: { features: WasmGemmFeatures; gemm: WasmGemm }[] = [
  { features: 'simd128', gemm: WasmGemm.createSync({ features: 'simd128' }) },
];
const best = WasmGemm.createSync({ features: 'auto' });
if (best.features !== 'simd128') gemms.push({ features: best.features, gemm: best });

/** Runs one product through the wasm kernel and checks it against the reference. */
function check(
  gemm: WasmGemm,
  dtype: DType,
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
  batch = 1,
  strideA = 0,
  strideB = 0,
): void {
  const spanA = Math.max(1, (batch - 1) * strideA + m * k);
  const spanB = Math.max(1, (batch - 1) * strideB + k * n);
  const a = random(dtype, spanA, 1 + m + 7 * k);
  const b = random(dtype, spanB, 2 + n + 11 * k);
  const out = random(dtype, batch * m * n, 3); // garbage: must be overwritten
  gemm.matmul(a, b, out, m, k, n, transposeA, transposeB, batch, strideA, strideB);
  const { value, scale } = reference(
    a,
    b,
    m,
    k,
    n,
    transposeA,
    transposeB,
    batch,
    strideA,
    strideB,
  );
  if (k === 0) {
    expect(Array.from(out)).toEqual(new Array<number>(batch * m * n).fill(0));
  }
  expect(maxRelativeError(out, value, scale)).toBeLessThanOrEqual(tolerance[dtype]);
}

describe.each(gemms)('WasmGemm ($features)', ({ gemm }) => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const [transposeA, transposeB] of transposes) {
      const form = `${transposeA ? 'Aᵀ' : 'A'}·${transposeB ? 'Bᵀ' : 'B'}`;
      it.each(sizes)(`${dtype} ${form} m=%i k=%i n=%i matches the float64 reference`, (m, k, n) =>
        check(gemm, dtype, m, k, n, transposeA, transposeB),
      );
      it(`${dtype} ${form} batch 3 with contiguous strides`, () =>
        check(gemm, dtype, 7, 13, 5, transposeA, transposeB, 3, 7 * 13, 13 * 5));
      it(`${dtype} ${form} batch 4 broadcasting A (strideA 0)`, () =>
        check(gemm, dtype, 9, 17, 11, transposeA, transposeB, 4, 0, 17 * 11));
      it(`${dtype} ${form} batch 4 broadcasting B (strideB 0)`, () =>
        check(gemm, dtype, 9, 17, 11, transposeA, transposeB, 4, 9 * 17, 0));
    }
  }

  it('computes a known 2×3 · 3×2 product exactly', () => {
    const out = new Float32Array(4);
    gemm.matmul(
      new Float32Array([1, 2, 3, 4, 5, 6]),
      new Float32Array([1, 0, 0, 1, 1, 1]),
      out,
      2,
      3,
      2,
      false,
      false,
      1,
      0,
      0,
    );
    expect(Array.from(out)).toEqual([4, 5, 10, 11]);
  });

  it('adds a bias row to the product in linear, and names a wrong bias', () => {
    const out = new Float32Array(4);
    const x = new Float32Array([1, 2, 3, 4, 5, 6]);
    const w = new Float32Array([1, 0, 0, 1, 1, 1]);
    gemm.linear(x, w, new Float32Array([0.5, -1]), out, 2, 3, 2);
    expect(Array.from(out)).toEqual([4.5, 4, 10.5, 10]);
    expect(() => gemm.linear(x, w, new Float64Array(2), out, 2, 3, 2)).toThrow(
      new TypeError('linear: bias must have the type of x, w and out'),
    );
    expect(() => gemm.linear(x, w, new Float32Array(1), out, 2, 3, 2)).toThrow(
      new RangeError('linear: bias has 1 elements, needs 2'),
    );
  });

  it('reuses and grows its memory across calls of different sizes', () => {
    check(gemm, 'float32', 3, 3, 3, false, false);
    check(gemm, 'float64', 300, 200, 100, true, true);
    check(gemm, 'float32', 5, 6, 7, false, true);
  });

  it('rejects mixed dtypes and short arrays', () => {
    const f32 = new Float32Array(4);
    const f64 = new Float64Array(4);
    expect(() => gemm.matmul(f32, f64, f32, 2, 2, 2, false, false, 1, 0, 0)).toThrow(TypeError);
    expect(() => gemm.matmul(f32, f32, f32, 3, 2, 2, false, false, 1, 0, 0)).toThrow(RangeError);
    expect(() => gemm.matmul(f32, f32, f32, -1, 2, 2, false, false, 1, 0, 0)).toThrow(RangeError);
  });
});

describe('determinism', () => {
  for (const { features, gemm } of gemms) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`${features} ${dtype}: range splits give bit-identical output`, () => {
        const [m, k, n] = [131, 800, 75]; // crosses the depth blocks (KC: 384 f32, 128 f64)
        const size = dtype === 'float32' ? 4 : 8;
        const kernels = gemm.kernels;
        const full = dtype === 'float32' ? kernels.gemm_f32 : kernels.gemm_f64;
        const range = dtype === 'float32' ? kernels.gemm_f32_range : kernels.gemm_f64_range;
        const packA =
          dtype === 'float32'
            ? kernels.gemm_f32_pack_a_bytes(m, k, n)
            : kernels.gemm_f64_pack_a_bytes(m, k, n);
        const packB =
          dtype === 'float32'
            ? kernels.gemm_f32_pack_b_bytes(m, k, n)
            : kernels.gemm_f64_pack_b_bytes(m, k, n);
        for (const [transposeA, transposeB] of transposes) {
          const a = random(dtype, m * k, 5);
          const b = random(dtype, k * n, 6);
          // Lay out [packA | packB | A | B | C1 | C2] by hand (16-byte aligned).
          const al = (x: number): number => Math.ceil(x / 16) * 16;
          const pA = 0;
          const pB = al(pA + packA);
          const aPtr = al(pB + packB);
          const bPtr = al(aPtr + m * k * size);
          const c1 = al(bPtr + k * n * size);
          const c2 = al(c1 + m * n * size);
          const end = c2 + m * n * size;
          if (gemm.memory.buffer.byteLength < end) {
            gemm.memory.grow(Math.ceil((end - gemm.memory.buffer.byteLength) / 65536));
          }
          const heap =
            dtype === 'float32'
              ? new Float32Array(gemm.memory.buffer)
              : new Float64Array(gemm.memory.buffer);
          heap.set(a, aPtr / size);
          heap.set(b, bPtr / size);
          const tA = transposeA ? 1 : 0;
          const tB = transposeB ? 1 : 0;
          full(aPtr, bPtr, c1, m, k, n, tA, tB, pA, pB);
          // Row halves, then an odd column split of each half, then single rows/columns.
          heap.fill(Number.NaN, c2 / size, c2 / size + m * n);
          range(aPtr, bPtr, c2, m, k, n, tA, tB, pA, pB, 0, 66, 0, n);
          range(aPtr, bPtr, c2, m, k, n, tA, tB, pA, pB, 66, m, 0, 37);
          range(aPtr, bPtr, c2, m, k, n, tA, tB, pA, pB, 66, m, 37, n);
          const whole = heap.slice(c1 / size, c1 / size + m * n);
          const split = heap.slice(c2 / size, c2 / size + m * n);
          expect(split).toEqual(whole);
          heap.fill(Number.NaN, c2 / size, c2 / size + m * n);
          for (let i = 0; i < m; i += 5) {
            range(aPtr, bPtr, c2, m, k, n, tA, tB, pA, pB, i, Math.min(i + 5, m), 0, 3);
            range(aPtr, bPtr, c2, m, k, n, tA, tB, pA, pB, i, Math.min(i + 5, m), 3, n);
          }
          expect(heap.slice(c2 / size, c2 / size + m * n)).toEqual(whole);
          // The batched wrapper gives the same bits too.
          const out = dtype === 'float32' ? new Float32Array(m * n) : new Float64Array(m * n);
          gemm.matmul(a, b, out, m, k, n, transposeA, transposeB, 1, 0, 0);
          expect(out).toEqual(whole);
        }
      });
    }
  }

  /** `a` with about 70 % of its values zero: whole depths (as blank pixels) and scattered ones. */
  function withZeros(a: GemmArray, m: number, k: number, transposeA: boolean, zero: number): void {
    for (let i = 0; i < m; i++) {
      for (let p = 0; p < k; p++) {
        const blank = p % 3 !== 0 || (i * 7 + p) % 5 === 0;
        if (blank) a[transposeA ? p * m + i : i * k + p] = zero;
      }
    }
  }

  const threaded = WasmGemm.createSync({ features: 'simd128', threads: 2 });
  for (const { features, gemm } of [...gemms, { features: 'simd128, 2 threads', gemm: threaded }]) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`${features} ${dtype}: skipping zero depths of A changes no bit (+0 skipped, −0 computed)`, async () => {
        await gemm.whenThreadsReady();
        // Crosses the depth blocks (KC: 384 f32, 128 f64), with edge tiles in both directions.
        const [m, k, n] = [133, 800, 77];
        for (const [transposeA, transposeB] of transposes) {
          const skipped = random(dtype, m * k, 21);
          const computed = skipped.slice();
          // −0 has its sign bit set, so it never counts as zero: those depths are computed,
          // and adding −0·b leaves every sum as adding +0·b does.
          withZeros(skipped, m, k, transposeA, 0);
          withZeros(computed, m, k, transposeA, -0);
          const b = random(dtype, k * n, 22);
          const out1 = dtype === 'float32' ? new Float32Array(m * n) : new Float64Array(m * n);
          const out2 = out1.slice();
          gemm.matmul(skipped, b, out1, m, k, n, transposeA, transposeB, 1, 0, 0);
          gemm.matmul(computed, b, out2, m, k, n, transposeA, transposeB, 1, 0, 0);
          expect(Buffer.from(out1.buffer).equals(Buffer.from(out2.buffer))).toBe(true);
          const { value, scale } = reference(skipped, b, m, k, n, transposeA, transposeB, 1, 0, 0);
          expect(maxRelativeError(out1, value, scale)).toBeLessThanOrEqual(tolerance[dtype]);
        }
      });

      it(`${features} ${dtype}: skips nothing when op(B) holds ∞ or NaN (0·∞ is NaN)`, async () => {
        await gemm.whenThreadsReady();
        const [m, k, n] = [70, 9, 40]; // enough multiply-adds for both threads
        for (const special of [Infinity, -Infinity, NaN]) {
          const a = random(dtype, m * k, 23);
          for (let i = 0; i < m; i++) a[i * k + 4] = 0; // depth 4 is zero in every row
          const b = random(dtype, k * n, 24);
          b[4 * n + 7] = special; // op(B)[4, 7]
          const out = dtype === 'float32' ? new Float32Array(m * n) : new Float64Array(m * n);
          gemm.matmul(a, b, out, m, k, n, false, false, 1, 0, 0);
          for (let i = 0; i < m; i++) {
            expect(out[i * n + 7]).toBeNaN();
            expect(Number.isFinite(out[i * n + 8]!)).toBe(true);
          }
        }
      });
    }
  }

  it('lists the depths it computes: those where a micro-panel of A is not all +0', () => {
    const gemm = WasmGemm.createSync({ features: 'simd128' });
    const kernels = gemm.kernels;
    // One 4-row micro-panel, 8 deep: the skip list follows the packed panel (4·8 values) and
    // the 4×12 edge tile in the packing scratch (see packABytes in assembly/index.ts).
    const [m, k, n] = [4, 8, 12];
    const a = new Float32Array(m * k).fill(1);
    for (let i = 0; i < m; i++) {
      a[i * k + 1] = 0;
      a[i * k + 5] = 0;
    }
    a[2 * k + 6] = 0; // one zero of four: depth 6 is still computed
    for (let i = 0; i < m; i++) a[i * k + 3] = i === 3 ? -0 : 0; // a −0 is not skipped
    const heap = new Float32Array(gemm.memory.buffer);
    const aPtr = 4096;
    const bPtr = 8192;
    const cPtr = 12288;
    heap.set(a, aPtr / 4);
    heap.set(random('float32', k * n, 25), bPtr / 4);
    kernels.gemm_f32(aPtr, bPtr, cPtr, m, k, n, 0, 0, 0, 2048);
    const lists = 4 * 8 * 4 + 4 * 12 * 4;
    const words = new Int32Array(gemm.memory.buffer, lists, 1 + k);
    expect(Array.from(words.subarray(0, 1 + words[0]!))).toEqual([6, 0, 2, 3, 4, 6, 7]);
  });

  it('simd128 f32 matches a sequential float32 sum bit for bit, zeros included', () => {
    const gemm = WasmGemm.createSync({ features: 'simd128' });
    const [m, k, n] = [9, 800, 10]; // three f32 depth blocks: C carried from block to block
    const a = random('float32', m * k, 8) as Float32Array;
    withZeros(a, m, k, false, 0);
    const b = random('float32', k * n, 9) as Float32Array;
    const out = new Float32Array(m * n);
    gemm.matmul(a, b, out, m, k, n, false, false, 1, 0, 0);
    const expected = new Float32Array(m * n);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let c = 0;
        for (let p = 0; p < k; p++) c = Math.fround(c + Math.fround(a[i * k + p]! * b[p * n + j]!));
        expected[i * n + j] = c;
      }
    }
    expect(out).toEqual(expected);
  });
});

describe('WasmGemm.create', () => {
  it('compiles asynchronously, with SIMD128 unless asked otherwise', async () => {
    const gemm = await WasmGemm.create();
    expect(gemm.features).toBe('simd128');
    expect(['relaxed-simd', 'simd128']).toContain(
      (await WasmGemm.create({ features: 'auto' })).features,
    );
    const out = new Float64Array(1);
    gemm.matmul(new Float64Array([3]), new Float64Array([4]), out, 1, 1, 1, false, false, 1, 0, 0);
    expect(out[0]).toBe(12);
  });

  it('names what is missing in its error', () => {
    const error = new WasmSimdUnsupportedError('simd128');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WasmSimdUnsupportedError');
    expect(error.missing).toBe('simd128');
    expect(error.message).toContain('SIMD');
  });

  it('throws WasmSimdUnsupportedError when relaxed SIMD is required but unavailable', () => {
    const relaxedValidates = WasmGemm.createSync({ features: 'auto' }).features === 'relaxed-simd';
    if (relaxedValidates) {
      expect(WasmGemm.createSync({ features: 'relaxed-simd' }).features).toBe('relaxed-simd');
    } else {
      expect(() => WasmGemm.createSync({ features: 'relaxed-simd' })).toThrow(
        WasmSimdUnsupportedError,
      );
    }
  });
});
