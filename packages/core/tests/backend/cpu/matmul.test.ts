import { describe, expect, it } from 'vitest';
import { cpu } from './positional-kernels.js';
import type { DType, Storage } from '../../../src/tensor/dtype.js';
import {
  expectClose,
  mulberry32,
  randomStorage,
  storageOf,
  toleranceFor,
  type Random,
} from './helpers.js';

/** One product to check: sizes, transposes and batch layout. */
interface ProductCase {
  m: number;
  k: number;
  n: number;
  transposeA: boolean;
  transposeB: boolean;
  batch: number;
  broadcastA: boolean;
  broadcastB: boolean;
}

/**
 * Triple-loop reference in double precision; also returns Σ_p |A(i,p)·B(p,j)| per output,
 * the scale that bounds the rounding error of the sum.
 */
function referenceProduct(
  a: Storage,
  b: Storage,
  { m, k, n, transposeA, transposeB, batch }: ProductCase,
  strideA: number,
  strideB: number,
): { values: Float64Array; scale: Float64Array } {
  const values = new Float64Array(batch * m * n);
  const scale = new Float64Array(batch * m * n);
  for (let matrix = 0; matrix < batch; matrix++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let absSum = 0;
        for (let p = 0; p < k; p++) {
          const x = a[matrix * strideA + (transposeA ? p * m + i : i * k + p)]!;
          const y = b[matrix * strideB + (transposeB ? j * k + p : p * n + j)]!;
          sum += x * y;
          absSum += Math.abs(x * y);
        }
        values[(matrix * m + i) * n + j] = sum;
        scale[(matrix * m + i) * n + j] = absSum;
      }
    }
  }
  return { values, scale };
}

/** Runs the cpu matmul on random inputs and checks it against the reference. */
function checkProduct(dtype: DType, testCase: ProductCase, random: Random): void {
  const { m, k, n, transposeA, transposeB, batch, broadcastA, broadcastB } = testCase;
  const strideA = broadcastA ? 0 : m * k;
  const strideB = broadcastB ? 0 : k * n;
  const a = randomStorage(dtype, broadcastA ? m * k : batch * m * k, random);
  const b = randomStorage(dtype, broadcastB ? k * n : batch * k * n, random);
  const out = cpu.allocate(dtype, batch * m * n);
  out.fill(NaN); // The product must overwrite whatever is there.
  cpu.matmul(a, b, out, m, k, n, transposeA, transposeB, batch, strideA, strideB);
  const { values, scale } = referenceProduct(a, b, testCase, strideA, strideB);
  expectClose(out, values, { rtol: toleranceFor(dtype), atol: 1e-300, scale });
}

const EDGE_SIZES = [1, 2, 3, 5, 7, 17, 33, 64, 65];

/** Size triples: every edge size in each position, plus a seeded sample of mixed triples. */
function sizeTriples(): [number, number, number][] {
  const triples: [number, number, number][] = [];
  for (const size of EDGE_SIZES) {
    triples.push([size, size, size], [size, 7, 5], [3, size, 6], [9, 4, size]);
  }
  const random = mulberry32(7);
  const pick = (): number => EDGE_SIZES[Math.floor(random() * EDGE_SIZES.length)]!;
  for (let i = 0; i < 30; i++) triples.push([pick(), pick(), pick()]);
  return triples;
}

const TRANSPOSES = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

describe('cpu.matmul', () => {
  describe.each(['float32', 'float64'] as const)('%s', (dtype) => {
    it.each(TRANSPOSES)(
      'matches a triple loop for edge sizes with transposeA=%s, transposeB=%s',
      (transposeA, transposeB) => {
        const random = mulberry32(transposeA ? (transposeB ? 4 : 3) : transposeB ? 2 : 1);
        for (const [m, k, n] of sizeTriples()) {
          checkProduct(
            dtype,
            { m, k, n, transposeA, transposeB, batch: 1, broadcastA: false, broadcastB: false },
            random,
          );
        }
      },
    );

    it.each(TRANSPOSES)(
      'handles batches with their own matrices and broadcast ones (transposeA=%s, transposeB=%s)',
      (transposeA, transposeB) => {
        const random = mulberry32(11);
        for (const [m, k, n] of [
          [5, 7, 9],
          [1, 17, 6],
          [6, 3, 1],
          [33, 2, 17],
        ] as const) {
          for (const [broadcastA, broadcastB] of [
            [false, false],
            [true, false],
            [false, true],
          ] as const) {
            checkProduct(
              dtype,
              { m, k, n, transposeA, transposeB, batch: 3, broadcastA, broadcastB },
              random,
            );
          }
        }
      },
    );

    it.each(TRANSPOSES)(
      'matches a triple loop when B spans several packed blocks (transposeA=%s, transposeB=%s)',
      (transposeA, transposeB) => {
        // k · n exceeds the packing budget of 2^20 elements, so B is packed in two blocks.
        checkProduct(
          dtype,
          {
            m: 6,
            k: 1100,
            n: 1000,
            transposeA,
            transposeB,
            batch: 2,
            broadcastA: true,
            broadcastB: false,
          },
          mulberry32(5),
        );
      },
    );

    it('writes zeros when the inner dimension is 0', () => {
      const out = cpu.allocate(dtype, 2 * 3 * 4).fill(7);
      const empty = cpu.allocate(dtype, 0);
      cpu.matmul(empty, empty, out, 3, 0, 4, false, false, 2, 0, 0);
      expect(Array.from(out)).toEqual(new Array<number>(24).fill(0));
    });

    it('does nothing when the output is empty', () => {
      const a = cpu.allocate(dtype, 6);
      const out = cpu.allocate(dtype, 0);
      expect(() => cpu.matmul(a, a, out, 0, 3, 2, false, false, 1, 0, 0)).not.toThrow();
      expect(() => cpu.matmul(a, a, out, 2, 3, 0, false, false, 1, 0, 0)).not.toThrow();
    });

    it('computes a known 2×3 by 3×2 product', () => {
      const a = storageOf(dtype, [1, 2, 3, 4, 5, 6]);
      const b = storageOf(dtype, [7, 8, 9, 10, 11, 12]);
      const out = cpu.allocate(dtype, 4);
      cpu.matmul(a, b, out, 2, 3, 2, false, false, 1, 0, 0);
      expect(Array.from(out)).toEqual([58, 64, 139, 154]);
    });

    it('keeps infinities of valid rows and columns without leaking padding NaNs', () => {
      // m = 5 and n = 6 leave partly padded edge tiles; a row of A and a column of B hold ∞.
      const m = 5;
      const k = 3;
      const n = 6;
      const a = cpu.allocate(dtype, m * k).fill(1);
      const b = cpu.allocate(dtype, k * n).fill(1);
      a[4 * k] = Infinity;
      b[5] = Infinity;
      const out = cpu.allocate(dtype, m * n);
      cpu.matmul(a, b, out, m, k, n, false, false, 1, 0, 0);
      const { values } = referenceProduct(
        a,
        b,
        {
          m,
          k,
          n,
          transposeA: false,
          transposeB: false,
          batch: 1,
          broadcastA: false,
          broadcastB: false,
        },
        0,
        0,
      );
      expect(Array.from(out)).toEqual(Array.from(values));
      expect(out[4 * n + 5]).toBe(Infinity);
      expect(out[0]).toBe(3);
    });
  });
});
