// Times the training steps of the MNIST MLP (784-256-128-10 ReLU, Adam α = 1e-3, batch 128,
// no per-epoch evaluation) on the wasm backend, and prints where the time goes: seconds per
// epoch, then every kernel's total time and calls per step (the cpu backend runs the kernels
// the wasm backend leaves to it), so that a change to one kernel can be judged in context.
// Usage: pnpm bench:profile  (tsx bench/profile-steps.ts [epochs=1]); DEEPTUNE_BENCH_THREADS
// sets the wasm threads (default: cores). Timing a kernel adds about a microsecond per call.
import {
  KERNEL_NAMES,
  cpuBackend,
  setBackend,
  type KernelName,
  type KernelTable,
} from '@deeptune/core';
import { createWasmBackend } from '@deeptune/backend-wasm';
import { mnist } from '@deeptune/data/node';
import { softmaxCrossEntropy } from '@deeptune/layers';
import { adam } from '@deeptune/optimizers';
import { fit } from '../src/index.js';
import { mnistMlp } from './mnist-mlp.js';

const epochs = Number(process.argv[2] ?? 1);
const threadsVariable = process.env['DEEPTUNE_BENCH_THREADS'];
const { train } = await mnist();
const wasm = await createWasmBackend(
  threadsVariable === undefined ? {} : { threads: Number(threadsVariable) },
);

/** Milliseconds and calls per kernel. */
const spent = new Map<KernelName, { milliseconds: number; calls: number }>();
const timed: Record<string, unknown> = {};
for (const name of KERNEL_NAMES) {
  const kernel = (wasm.kernels[name] ?? cpuBackend.kernels[name]) as (args: object) => void;
  const entry = { milliseconds: 0, calls: 0 };
  spent.set(name, entry);
  timed[name] = (args: object): void => {
    const start = performance.now();
    kernel(args);
    entry.milliseconds += performance.now() - start;
    entry.calls++;
  };
}
setBackend({
  name: 'wasm',
  description: wasm.description,
  kernels: timed as KernelTable,
  ...(wasm.allocateState === undefined ? {} : { allocateState: wasm.allocateState }),
});

const model = mnistMlp();
const history = await fit(model, train, {
  loss: softmaxCrossEntropy,
  optimizer: adam({ learningRate: 1e-3 }),
  epochs,
  batchSize: 128,
  seed: 0,
});
const perEpoch = history.epochs.map((record) => record.trainSeconds ?? record.seconds);
const steps = epochs * Math.ceil(train.size / 128);
console.log(`wasm backend (${wasm.description}), ${epochs} epoch(s), ${steps} steps`);
console.log(`training steps per epoch: ${perEpoch.map((s) => `${s.toFixed(2)} s`).join(', ')}`);
console.log('kernel                 s/epoch  calls/step');
const rows = [...spent].filter(([, entry]) => entry.calls > 0);
rows.sort((a, b) => b[1].milliseconds - a[1].milliseconds);
let total = 0;
for (const [name, entry] of rows) {
  total += entry.milliseconds;
  console.log(
    `${name.padEnd(22)} ${(entry.milliseconds / 1000 / epochs).toFixed(3).padStart(7)}  ${(entry.calls / steps).toFixed(1).padStart(10)}`,
  );
}
console.log(`${'all kernels'.padEnd(22)} ${(total / 1000 / epochs).toFixed(3).padStart(7)}`);
wasm.close();
