import { describe, expect, it } from 'vitest';
import { WasmGemm } from '../src/index.js';

describe('the thread pool', () => {
  // More threads than cores: workers wake late, often after the main thread has finished a
  // product alone and published the next one. A late worker must claim nothing of the new
  // product with the old one's parameters (an earlier protocol read the parameters before
  // checking the job's tag: here it hung within 50,000 products, or wrote a wrong chunk).
  it(
    'computes 100,000 back-to-back products of changing chunk counts exactly, on 6 threads',
    { timeout: 300_000 },
    async () => {
      const shapes = [
        [64, 64, 64], // 8 chunks of rows
        [256, 64, 64], // 11 chunks of rows
        [8, 512, 64], // 6 chunks of columns
        [100, 30, 90], // 9 chunks of rows
      ] as const;
      const one = WasmGemm.createSync({ threads: 1, features: 'simd128' });
      const six = WasmGemm.createSync({ threads: 6, features: 'simd128' });
      await six.whenThreadsReady();
      try {
        const cases = shapes.map(([m, k, n], i) => {
          const a = new Float32Array(m * k).map((_, j) => Math.sin(j + i));
          const b = new Float32Array(k * n).map((_, j) => Math.cos(0.7 * j + i));
          const want = new Float32Array(m * n);
          one.matmul(a, b, want, m, k, n, false, false, 1, 0, 0);
          return { a, b, want, m, k, n, out: new Float32Array(m * n) };
        });
        let wrong = 0;
        for (let i = 0; i < 100_000; i++) {
          const { a, b, want, m, k, n, out } = cases[i % cases.length]!;
          out.fill(Number.NaN);
          six.matmul(a, b, out, m, k, n, false, false, 1, 0, 0);
          if (!Buffer.from(out.buffer).equals(Buffer.from(want.buffer))) wrong++;
        }
        expect(wrong).toBe(0);
      } finally {
        six.close();
      }
    },
  );
});
