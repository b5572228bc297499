import { cpuBackend } from '../src/backend/cpu/cpu-backend.js';
import { portableExp } from '../src/math/portable-exp.js';
import { portableLog } from '../src/math/portable-log.js';
import { portablePow } from '../src/math/portable-pow.js';
import { portableTanh } from '../src/math/portable-tanh.js';
import type { DType, Storage } from '../src/tensor/dtype.js';
import { time } from './timing.js';

/** Rows and columns of the benchmarked tensors: a batch of 128 rows of 1024 logits. */
const ROWS = 128;
const COLS = 1024;

/** Fills storage with reproducible values in [low, high) from a linear congruential generator. */
function fillReproducible(storage: Storage, seed: number, low: number, high: number): void {
  let state = seed >>> 0;
  for (let i = 0; i < storage.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    storage[i] = low + (high - low) * (state / 2 ** 32);
  }
}

/**
 * Prints the time of the cpu backend's element-wise `exp`, `tanh` and `sigmoid` kernels and
 * of row-wise softmax / log-softmax (forward and backward) on a [128, 1024] tensor, in
 * float32 and float64 (median of ≥ 0.5 s per case).
 */
export function benchElementwise(): void {
  console.log(`\nElement-wise and softmax kernels on [${ROWS}, ${COLS}] (cpu backend, median)`);
  console.log('kernel                 dtype     ms      ns/element');
  const size = ROWS * COLS;
  for (const dtype of ['float32', 'float64'] as DType[]) {
    const x = cpuBackend.allocate(dtype, size);
    const dy = cpuBackend.allocate(dtype, size);
    const y = cpuBackend.allocate(dtype, size);
    const out = cpuBackend.allocate(dtype, size);
    fillReproducible(x, 1, -10, 10);
    fillReproducible(dy, 2, -1, 1);
    const kernels = cpuBackend.kernels;
    kernels.softmax({ x, out: y, rows: ROWS, cols: COLS });
    const cases: [string, () => void][] = [
      ['relu', () => kernels.relu({ x, out })],
      ['step (relu derivative)', () => kernels.step({ x, out })],
      ['exp', () => kernels.exp({ x, out })],
      ['tanh', () => kernels.tanh({ x, out })],
      ['sigmoid', () => kernels.sigmoid({ x, out })],
      ['softmax', () => kernels.softmax({ x, out, rows: ROWS, cols: COLS })],
      ['logSoftmax', () => kernels.logSoftmax({ x, out, rows: ROWS, cols: COLS })],
      ['softmaxBackward', () => kernels.softmaxBackward({ y, dy, out, rows: ROWS, cols: COLS })],
    ];
    for (const [name, run] of cases) {
      const ms = time(run, 0.5);
      console.log(
        `${name.padEnd(21)}  ${dtype.padEnd(8)}  ${ms.toFixed(3).padStart(6)}  ${((ms * 1e6) / size).toFixed(2).padStart(10)}`,
      );
    }
  }
}

/** A loop applying one function to every input: written out per function, so that each call
 * site sees a single function (a shared `f(x)` call site would be megamorphic and not inlined,
 * unlike the kernels' direct calls). */
type ScalarLoop = (x: Float64Array, out: Float64Array) => void;

/** Name, input range, the engine's function and the portable port (as loops). */
const SCALAR_CASES: readonly [string, number, ScalarLoop, ScalarLoop][] = [
  [
    'exp',
    -20,
    (x, out) => {
      for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]!);
    },
    (x, out) => {
      for (let i = 0; i < x.length; i++) out[i] = portableExp(x[i]!);
    },
  ],
  [
    'log',
    0,
    (x, out) => {
      for (let i = 0; i < x.length; i++) out[i] = Math.log(x[i]!);
    },
    (x, out) => {
      for (let i = 0; i < x.length; i++) out[i] = portableLog(x[i]!);
    },
  ],
  [
    'tanh',
    -20,
    (x, out) => {
      for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]!);
    },
    (x, out) => {
      for (let i = 0; i < x.length; i++) out[i] = portableTanh(x[i]!);
    },
  ],
  [
    'pow(x, 1.7)',
    0,
    (x, out) => {
      for (let i = 0; i < x.length; i++) out[i] = Math.pow(x[i]!, 1.7);
    },
    (x, out) => {
      for (let i = 0; i < x.length; i++) out[i] = portablePow(x[i]!, 1.7);
    },
  ],
];

/**
 * Prints the time per call of `Math.exp`, `Math.log`, `Math.tanh` and `Math.pow` against the
 * portable fdlibm ports that the kernels use, on 2^17 inputs in [low, 20).
 */
export function benchPortableMath(): void {
  console.log('\nScalar functions, ns per call (engine vs portable fdlibm port)');
  console.log('function      engine   portable   ratio');
  const inputs = new Float64Array(1 << 17);
  const out = new Float64Array(inputs.length);
  const perCall = (loop: ScalarLoop): number =>
    (time(() => loop(inputs, out), 0.5) * 1e6) / inputs.length;
  for (const [name, low, engine, portable] of SCALAR_CASES) {
    fillReproducible(inputs, 3, low, 20);
    const engineNs = perCall(engine);
    const portableNs = perCall(portable);
    console.log(
      `${name.padEnd(12)}  ${engineNs.toFixed(2).padStart(6)}   ${portableNs.toFixed(2).padStart(8)}   ${(portableNs / engineNs).toFixed(2).padStart(5)}`,
    );
  }
}
