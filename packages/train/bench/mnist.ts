// Trains 784-256-128-10 ReLU with Adam (α = 1e-3), batch 128, on full MNIST and prints the
// seconds per epoch (training steps only, and with the per-epoch evaluation), the test
// accuracy and the peak resident memory: on the wasm backend (WebAssembly SIMD, every core),
// then on the cpu backend (the pure-TypeScript reference, fewer epochs: it is slow), then the
// same training in PyTorch on one thread (scripts/bench/pytorch_mnist_mlp.py) in the same run,
// when python3 has torch (Debian: python3-torch and libopenblas-dev).
// Usage: pnpm bench  (tsx bench/mnist.ts [epochs=5] [cpu-epochs=1]); DEEPTUNE_BENCH_PYTORCH=0
// skips PyTorch, DEEPTUNE_PYTHON picks the interpreter (default /usr/bin/python3, Debian's,
// where python3-torch is), DEEPTUNE_BENCH_THREADS sets the wasm threads (default: cores).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cpuBackend, setBackend, type Backend } from '@deeptune/core';
import { createWasmBackendSync } from '@deeptune/backend-wasm';
import { mnist } from '@deeptune/data/node';
import { softmaxCrossEntropy } from '@deeptune/layers';
import { adam } from '@deeptune/optimizers';
import { fit } from '../src/index.js';
import { mnistMlp } from './mnist-mlp.js';

const epochs = Number(process.argv[2] ?? 5);
const cpuEpochs = Number(process.argv[3] ?? 1);
const threads =
  process.env['DEEPTUNE_BENCH_THREADS'] === undefined
    ? undefined
    : Number(process.env['DEEPTUNE_BENCH_THREADS']);
let peakRss = process.memoryUsage().rss;
const sample = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 50);

const { train, test } = await mnist();
console.log(`MNIST: ${train.size} training and ${test.size} test images`);

interface Run {
  readonly trainPerEpoch: number;
  readonly perEpoch: number;
  readonly testAccuracy: number;
}

/** Trains the network for `count` epochs on `backend` and prints every epoch. */
async function run(backend: Backend, count: number): Promise<Run> {
  const previous = setBackend(backend);
  try {
    console.log(`\n${backend.name} backend (${backend.description ?? ''}), ${count} epochs:`);
    const model = mnistMlp();
    const history = await fit(model, train, {
      loss: softmaxCrossEntropy,
      optimizer: adam({ learningRate: 1e-3 }),
      epochs: count,
      batchSize: 128,
      devData: test,
      metrics: ['accuracy'],
      seed: 0,
      onProgress: (event) => {
        sample();
        if (event.type === 'epoch-end') {
          const { record } = event;
          console.log(
            `  epoch ${record.epoch}/${event.epochs}: J ${record.cost.toFixed(4)}, ` +
              `train acc ${(record.metrics.accuracy! * 100).toFixed(2)}%, ` +
              `test acc ${(record.devMetrics!.accuracy! * 100).toFixed(2)}%, ` +
              `${(record.trainSeconds ?? record.seconds).toFixed(2)} s of steps, ${record.seconds.toFixed(2)} s in all`,
          );
        }
      },
    });
    const mean = (values: number[]): number =>
      values.reduce((total, value) => total + value, 0) / values.length;
    return {
      trainPerEpoch: mean(history.epochs.map((record) => record.trainSeconds ?? record.seconds)),
      perEpoch: mean(history.epochs.map((record) => record.seconds)),
      testAccuracy: history.epochs.at(-1)!.devMetrics!.accuracy!,
    };
  } finally {
    setBackend(previous);
  }
}

const wasm = createWasmBackendSync(threads === undefined ? {} : { threads });
const onWasm = await run(wasm, epochs);
wasm.close();
const wasmRss = peakRss;
const onCpu = cpuEpochs > 0 ? await run(cpuBackend, cpuEpochs) : undefined;
clearInterval(sampler);
sample();

console.log('\nseconds per epoch (training steps only / with the full train and test evaluation):');
console.log(
  `  wasm (${wasm.description}): ${onWasm.trainPerEpoch.toFixed(2)} / ${onWasm.perEpoch.toFixed(2)}, test accuracy ${(onWasm.testAccuracy * 100).toFixed(2)}%`,
);
if (onCpu !== undefined) {
  console.log(
    `  cpu (pure TypeScript):   ${onCpu.trainPerEpoch.toFixed(2)} / ${onCpu.perEpoch.toFixed(2)}  (wasm is ${(onCpu.trainPerEpoch / onWasm.trainPerEpoch).toFixed(1)}x faster)`,
  );
}
console.log(
  `peak memory (rss): ${(wasmRss / 2 ** 20).toFixed(0)} MiB during the wasm run, ${(peakRss / 2 ** 20).toFixed(0)} MiB in all`,
);

// The same run in PyTorch on one thread, as the anchor of the comparison.
if (process.env['DEEPTUNE_BENCH_PYTORCH'] !== '0') {
  const script = fileURLToPath(
    new URL('../../../scripts/bench/pytorch_mnist_mlp.py', import.meta.url),
  );
  // Debian's python3-torch installs into the system Python, which a pyenv shim may hide.
  const python =
    process.env['DEEPTUNE_PYTHON'] ??
    (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
  const torch = spawnSync(python, [script, String(epochs)], { encoding: 'utf8' });
  if (torch.status !== 0) {
    const reason = (torch.stderr ?? '').trim().split('\n').at(-1) ?? String(torch.error);
    console.log(
      `PyTorch reference not run (${reason}); install Debian's python3-torch and libopenblas-dev.`,
    );
  } else {
    process.stdout.write(`\n${torch.stdout}`);
    const match = /training steps only: ([\d.]+)/.exec(torch.stdout);
    if (match !== null) {
      const torchSeconds = Number(match[1]);
      console.log(
        `deeptune wasm ${onWasm.trainPerEpoch.toFixed(2)} s vs PyTorch (1 thread) ${torchSeconds.toFixed(2)} s of training steps per epoch: ${(onWasm.trainPerEpoch / torchSeconds).toFixed(2)}x`,
      );
    }
  }
}
