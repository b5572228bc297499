// Trains 784-256-128-10 ReLU with Adam (α = 1e-3), batch 128, on full MNIST for 5 epochs
// and prints the test accuracy, seconds per epoch and peak resident memory; then runs the same
// training in PyTorch on one thread (scripts/bench/pytorch_mnist_mlp.py) in the same run, when
// python3 has torch (Debian: python3-torch and libopenblas-dev), and prints both.
// Usage: pnpm bench  (tsx bench/mnist.ts [epochs=5]); DEEPTUNE_BENCH_PYTORCH=0 skips PyTorch,
// DEEPTUNE_PYTHON picks the interpreter (default /usr/bin/python3, Debian's, where python3-torch is).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Rng } from '@deeptune/core';
import { mnist } from '@deeptune/data/node';
import { Dense, Sequential, softmaxCrossEntropy } from '@deeptune/layers';
import { adam } from '@deeptune/optimizers';
import { fit } from '../src/index.js';

const epochs = Number(process.argv[2] ?? 5);
let peakRss = process.memoryUsage().rss;
const sample = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 50);

const { train, test } = await mnist();
console.log(`MNIST: ${train.size} training and ${test.size} test images`);
const rng = new Rng(0);
const model = new Sequential([
  new Dense({ inputs: 784, units: 256, activation: 'relu', rng }),
  new Dense({ inputs: 256, units: 128, activation: 'relu', rng }),
  new Dense({ inputs: 128, units: 10, rng }),
]);
const history = await fit(model, train, {
  loss: softmaxCrossEntropy,
  optimizer: adam({ learningRate: 1e-3 }),
  epochs,
  batchSize: 128,
  devData: test,
  metrics: ['accuracy'],
  seed: 0,
  onProgress: (event) => {
    sample();
    if (event.type === 'epoch-end') {
      const { record } = event;
      console.log(
        `epoch ${record.epoch}/${event.epochs}: J ${record.cost.toFixed(4)}, ` +
          `train acc ${(record.metrics.accuracy! * 100).toFixed(2)}%, ` +
          `test acc ${(record.devMetrics!.accuracy! * 100).toFixed(2)}%, ${record.seconds.toFixed(1)} s`,
      );
    }
  },
});
clearInterval(sampler);
sample();
const last = history.epochs.at(-1)!;
const perEpoch =
  history.epochs.reduce((total, record) => total + record.seconds, 0) / history.epochs.length;
console.log(`test accuracy: ${(last.devMetrics!.accuracy! * 100).toFixed(2)}%`);
const trainPerEpoch =
  history.epochs.reduce((total, record) => total + (record.trainSeconds ?? record.seconds), 0) /
  history.epochs.length;
console.log(`seconds per epoch, training steps only: ${trainPerEpoch.toFixed(2)}`);
console.log(
  `seconds per epoch, incl. full train (60k) and test (10k) evaluation: ${perEpoch.toFixed(2)}`,
);
console.log(`peak memory (rss): ${(peakRss / 2 ** 20).toFixed(0)} MiB`);

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
    process.stdout.write(torch.stdout);
    const match = /training steps only: ([\d.]+)/.exec(torch.stdout);
    if (match !== null) {
      const torchSeconds = Number(match[1]);
      console.log(
        `deeptune ${trainPerEpoch.toFixed(2)} s vs PyTorch (1 thread) ${torchSeconds.toFixed(2)} s of training steps per epoch: ${(trainPerEpoch / torchSeconds).toFixed(1)}x`,
      );
    }
  }
}
