// Trains 784-256-128-10 ReLU with Adam (α = 1e-3), batch 128, on full MNIST and prints the
// seconds per epoch (training steps only, and with the per-epoch evaluation), the test
// accuracy and the peak resident memory: on the wasm backend (WebAssembly SIMD, every core)
// and the same training in PyTorch on one thread (scripts/bench/pytorch_mnist_mlp.py, when
// python3 has torch: Debian's python3-torch and libopenblas-dev), alternately, in rounds, so
// that both sides of each ratio are measured in the same minute (this machine's speed drifts
// by up to 2× within an hour); then the cpu backend (the pure-TypeScript reference, fewer
// epochs: it is slow).
// Usage: pnpm bench  (tsx bench/mnist.ts [epochs=5] [cpu-epochs=1] [rounds=3]);
// DEEPTUNE_BENCH_PYTORCH=0 skips PyTorch (then one round), DEEPTUNE_PYTHON picks the
// interpreter (default /usr/bin/python3, Debian's, where python3-torch is),
// DEEPTUNE_BENCH_THREADS sets the wasm threads (default: cores).
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
const rounds = Number(process.argv[4] ?? 3);
for (const [name, value, minimum] of [
  ['epochs', epochs, 1],
  ['cpu-epochs', cpuEpochs, 0],
  ['rounds', rounds, 1],
] as const) {
  if (!Number.isInteger(value) || value < minimum) {
    throw new RangeError(`bench: ${name} must be an integer >= ${minimum}, got ${value}`);
  }
}
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

/** PyTorch's seconds of training steps per epoch, with its two data loops. */
interface PyTorchRun {
  readonly seconds: number;
  readonly dataloaderSeconds: number;
}

/** The median of `values` (not empty). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The PyTorch reference's seconds of training steps per epoch, with batches gathered from a
 * shuffled index (its fastest loop) and with a `DataLoader` (the loop most PyTorch code uses),
 * or why it did not run.
 */
function runPyTorch(count: number): PyTorchRun | { reason: string } {
  const script = fileURLToPath(
    new URL('../../../scripts/bench/pytorch_mnist_mlp.py', import.meta.url),
  );
  // Debian's python3-torch installs into the system Python, which a pyenv shim may hide.
  const python =
    process.env['DEEPTUNE_PYTHON'] ??
    (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
  const torch = spawnSync(python, [script, String(count), '--dataloader'], { encoding: 'utf8' });
  if (torch.status !== 0) {
    return { reason: (torch.stderr ?? '').trim().split('\n').at(-1) ?? String(torch.error) };
  }
  process.stdout.write(`\n${torch.stdout}`);
  const index = /per epoch, training steps only: ([\d.]+)/.exec(torch.stdout);
  const loader = /with a DataLoader, training steps only: ([\d.]+)/.exec(torch.stdout);
  if (index === null || loader === null) {
    return { reason: 'its output lacks the "training steps only" lines' };
  }
  return { seconds: Number(index[1]), dataloaderSeconds: Number(loader[1]) };
}

const withPyTorch = process.env['DEEPTUNE_BENCH_PYTORCH'] !== '0';
const wasm = createWasmBackendSync(threads === undefined ? {} : { threads });
const onWasm: Run[] = [];
const onPyTorch: PyTorchRun[] = [];
let pytorchMissing: string | undefined;
for (let round = 1; round <= (withPyTorch ? rounds : 1); round++) {
  if (withPyTorch && rounds > 1) console.log(`\n=== round ${round} of ${rounds}`);
  onWasm.push(await run(wasm, epochs));
  if (!withPyTorch || pytorchMissing !== undefined) continue;
  const torch = runPyTorch(epochs);
  if ('reason' in torch) pytorchMissing = torch.reason;
  else onPyTorch.push(torch);
}
wasm.close();
const wasmRss = peakRss;
const onCpu = cpuEpochs > 0 ? await run(cpuBackend, cpuEpochs) : undefined;
clearInterval(sampler);
sample();

const wasmTrain = median(onWasm.map((result) => result.trainPerEpoch));
console.log('\nseconds per epoch (training steps only / with the full train and test evaluation):');
for (const [index, result] of onWasm.entries()) {
  const label = onWasm.length > 1 ? `wasm, round ${index + 1}` : 'wasm';
  console.log(
    `  ${label} (${wasm.description}): ${result.trainPerEpoch.toFixed(2)} / ${result.perEpoch.toFixed(2)}, test accuracy ${(result.testAccuracy * 100).toFixed(2)}%`,
  );
}
if (onCpu !== undefined) {
  console.log(
    `  cpu (pure TypeScript):   ${onCpu.trainPerEpoch.toFixed(2)} / ${onCpu.perEpoch.toFixed(2)}  (wasm${onWasm.length > 1 ? ', median of the rounds,' : ''} is ${(onCpu.trainPerEpoch / wasmTrain).toFixed(1)}x faster)`,
  );
}
console.log(
  `peak memory (rss): ${(wasmRss / 2 ** 20).toFixed(0)} MiB during the wasm runs, ${(peakRss / 2 ** 20).toFixed(0)} MiB in all`,
);

// PyTorch on one thread is the anchor: each round's ratio compares runs a minute apart.
if (pytorchMissing !== undefined && onPyTorch.length === 0) {
  console.log(
    `PyTorch reference not run (${pytorchMissing}); install Debian's python3-torch and libopenblas-dev.`,
  );
} else if (onPyTorch.length > 0) {
  console.log(
    '\ndeeptune wasm vs PyTorch (1 thread), seconds of training steps per epoch (PyTorch with' +
      ' batches from a shuffled index, its fastest loop; with a DataLoader, its usual one):',
  );
  const ratios = onPyTorch.map((torch, index) => onWasm[index]!.trainPerEpoch / torch.seconds);
  const loaderRatios = onPyTorch.map(
    (torch, index) => onWasm[index]!.trainPerEpoch / torch.dataloaderSeconds,
  );
  for (const [index, torch] of onPyTorch.entries()) {
    console.log(
      `  round ${index + 1}: ${onWasm[index]!.trainPerEpoch.toFixed(2)} s vs ${torch.seconds.toFixed(2)} s: ${ratios[index]!.toFixed(2)}x; vs ${torch.dataloaderSeconds.toFixed(2)} s with a DataLoader: ${loaderRatios[index]!.toFixed(2)}x`,
    );
  }
  if (ratios.length > 1) {
    const range = (values: number[]): string =>
      `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}x`;
    console.log(
      `  median ratio ${median(ratios).toFixed(2)}x (range ${range(ratios)}); with a DataLoader ${median(loaderRatios).toFixed(2)}x (range ${range(loaderRatios)})`,
    );
    console.log(
      `  median epochs: deeptune ${wasmTrain.toFixed(2)} s, PyTorch ${median(onPyTorch.map((torch) => torch.seconds)).toFixed(2)} s, with a DataLoader ${median(onPyTorch.map((torch) => torch.dataloaderSeconds)).toFixed(2)} s`,
    );
  }
  if (pytorchMissing !== undefined)
    console.log(`  (a later PyTorch run failed: ${pytorchMissing})`);
}
