import { cpuBackend } from '../src/backend/cpu/cpu-backend.js';
import type { DType, Storage } from '../src/tensor/dtype.js';

/** One benchmarked product: square size `n`, dtype and which operand is stored transposed. */
interface MatmulCase {
  readonly dtype: DType;
  readonly n: number;
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

/** Minimum time spent timing each case, in milliseconds. */
const MIN_TIME_MS = 500;
/** Minimum number of timed repetitions per case. */
const MIN_REPEATS = 3;

/** Fills storage with reproducible values in [-1, 1) from a small linear congruential generator. */
function fillReproducible(storage: Storage, seed: number): void {
  let state = seed >>> 0;
  for (let i = 0; i < storage.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    storage[i] = state / 2 ** 31 - 1;
  }
}

/** Times one case and returns its best throughput in GFLOP/s (2n³ flops per product). */
function measure(testCase: MatmulCase): number {
  const { dtype, n, transposeA, transposeB } = testCase;
  const a = cpuBackend.allocate(dtype, n * n);
  const b = cpuBackend.allocate(dtype, n * n);
  const out = cpuBackend.allocate(dtype, n * n);
  fillReproducible(a, 1);
  fillReproducible(b, 2);
  const args = {
    a,
    b,
    out,
    m: n,
    k: n,
    n,
    transposeA,
    transposeB,
    batch: 1,
    strideA: 0,
    strideB: 0,
  };
  const run = (): void => cpuBackend.kernels.matmul(args);
  // Warm up so the kernels are optimised before timing.
  const warmupStart = performance.now();
  for (let i = 0; i < 3 || performance.now() - warmupStart < 100; i++) run();
  let best = Infinity;
  let total = 0;
  for (let repeats = 0; repeats < MIN_REPEATS || total < MIN_TIME_MS; repeats++) {
    const start = performance.now();
    run();
    const elapsed = performance.now() - start;
    total += elapsed;
    best = Math.min(best, elapsed);
  }
  return (2 * n * n * n) / (best * 1e6);
}

/** Formats the transpose flags of a case as the product it computes. */
function describeCase(testCase: MatmulCase): string {
  const left = testCase.transposeA ? 'Aᵀ' : 'A';
  const right = testCase.transposeB ? 'Bᵀ' : 'B';
  return `${left}·${right}`;
}

/**
 * Prints the throughput of the cpu backend's matmul in GFLOP/s as an aligned table.
 *
 * Covers float32 and float64 square products at n = 128, 256, 512 and 1024, plus the
 * transposeA and transposeB variants at n = 512. Each case is warmed up, then repeated
 * for at least half a second; the best repetition is reported.
 */
export function benchMatmul(): void {
  const cases: MatmulCase[] = [];
  for (const dtype of ['float32', 'float64'] as const) {
    for (const n of [128, 256, 512, 1024]) {
      cases.push({ dtype, n, transposeA: false, transposeB: false });
    }
    cases.push({ dtype, n: 512, transposeA: true, transposeB: false });
    cases.push({ dtype, n: 512, transposeA: false, transposeB: true });
  }
  const header = ['dtype', 'n', 'product', 'GFLOP/s'];
  const widths = [8, 6, 8, 8];
  const formatRow = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  console.log('matmul (cpu backend, best of ≥ 0.5 s per case)');
  console.log(formatRow(header));
  console.log(formatRow(widths.map((width) => '-'.repeat(width))));
  for (const testCase of cases) {
    const gflops = measure(testCase);
    console.log(
      formatRow([testCase.dtype, String(testCase.n), describeCase(testCase), gflops.toFixed(2)]),
    );
  }
}
