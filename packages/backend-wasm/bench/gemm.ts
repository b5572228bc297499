// GEMM throughput of the wasm backend against the cpu backend, in the same run:
// three forms (A·B, Aᵀ·B, A·Bᵀ) × float32/float64 × 1 and 2 threads at n = 512, then the
// MNIST MLP's largest products (x·W, dW = xᵀ·dY, dX = dY·Wᵀ). GFLOP/s = 2·m·n·k / best time.
// Usage: pnpm --filter @deeptune/backend-wasm bench   (BENCH_MIN_MS=… sets the time per case)
// Relaxed SIMD (FMA) in Node 20: BENCH_FEATURES=relaxed-simd node --experimental-wasm-relaxed-simd
//   --import tsx --conditions=@deeptune/source bench/gemm.ts
import { cpuBackend, type MatmulKernelArgs } from '@deeptune/core';
import { WasmGemm, type GemmArray, type WasmFeatureRequest } from '../src/index.js';

interface GemmCase {
  readonly label: string;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

const MIN_TIME_MS = Number(process.env['BENCH_MIN_MS'] ?? 400);
const MIN_REPEATS = 5;

function fillReproducible(array: GemmArray, seed: number): void {
  let state = seed >>> 0;
  for (let i = 0; i < array.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    array[i] = state / 2 ** 31 - 1;
  }
}

/** Best time of `run` in milliseconds, after warm-up. */
function bestTime(run: () => void): number {
  const warmupStart = performance.now();
  for (let i = 0; i < 3 || performance.now() - warmupStart < 150; i++) run();
  let best = Infinity;
  let total = 0;
  for (let repeats = 0; repeats < MIN_REPEATS || total < MIN_TIME_MS; repeats++) {
    const start = performance.now();
    run();
    const elapsed = performance.now() - start;
    total += elapsed;
    best = Math.min(best, elapsed);
  }
  return best;
}

const square = 512;
const cases: GemmCase[] = [
  {
    label: `${square}³ A·B`,
    m: square,
    k: square,
    n: square,
    transposeA: false,
    transposeB: false,
  },
  {
    label: `${square}³ Aᵀ·B`,
    m: square,
    k: square,
    n: square,
    transposeA: true,
    transposeB: false,
  },
  {
    label: `${square}³ A·Bᵀ`,
    m: square,
    k: square,
    n: square,
    transposeA: false,
    transposeB: true,
  },
  {
    label: 'MNIST x·W 128×784·784×256',
    m: 128,
    k: 784,
    n: 256,
    transposeA: false,
    transposeB: false,
  },
  { label: 'MNIST dW = xᵀ·dY', m: 784, k: 128, n: 256, transposeA: true, transposeB: false },
  { label: 'MNIST dX = dY·Wᵀ', m: 128, k: 256, n: 784, transposeA: false, transposeB: true },
];

const features = (process.env['BENCH_FEATURES'] ?? 'simd128') as WasmFeatureRequest;
const one = WasmGemm.createSync({ threads: 1, features });
const two = WasmGemm.createSync({ threads: 2, features });
await two.whenThreadsReady();
console.log(
  `wasm module: ${one.features}; threads: 1 and ${two.threads}${two.threadsNote ? ` (${two.threadsNote})` : ''}`,
);
console.log(
  `${'product'.padEnd(28)} ${'dtype'.padEnd(8)} ${'cpu'.padStart(7)} ${'wasm 1t'.padStart(8)} ${'wasm 2t'.padStart(8)} ${'2t/1t'.padStart(6)} ${'1t/cpu'.padStart(7)}`,
);
for (const dtype of ['float32', 'float64'] as const) {
  for (const testCase of cases) {
    const { m, k, n, transposeA, transposeB } = testCase;
    const make = (length: number): GemmArray =>
      dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
    const a = make(m * k);
    const b = make(k * n);
    const out = make(m * n);
    fillReproducible(a, 1);
    fillReproducible(b, 2);
    const flops = 2 * m * n * k;
    const args: MatmulKernelArgs = {
      a,
      b,
      out,
      m,
      k,
      n,
      transposeA,
      transposeB,
      batch: 1,
      strideA: 0,
      strideB: 0,
    };
    const gflops = (ms: number): number => flops / (ms * 1e6);
    const cpu = gflops(bestTime(() => cpuBackend.kernels.matmul(args)));
    const wasm1 = gflops(
      bestTime(() => one.matmul(a, b, out, m, k, n, transposeA, transposeB, 1, 0, 0)),
    );
    const wasm2 = gflops(
      bestTime(() => two.matmul(a, b, out, m, k, n, transposeA, transposeB, 1, 0, 0)),
    );
    console.log(
      `${testCase.label.padEnd(28)} ${dtype.padEnd(8)} ${cpu.toFixed(1).padStart(7)} ${wasm1.toFixed(1).padStart(8)} ${wasm2.toFixed(1).padStart(8)} ${(wasm2 / wasm1).toFixed(2).padStart(5)}× ${(wasm1 / cpu).toFixed(1).padStart(6)}×`,
    );
  }
}
two.close();
