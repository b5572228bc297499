// Trains 784-256-128-10 ReLU with Adam (α = 1e-3), batch 128, on full MNIST for 5 epochs
// and prints the test accuracy, seconds per epoch and peak resident memory.
// Usage: pnpm bench  (tsx bench/mnist.ts [epochs=5])
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
