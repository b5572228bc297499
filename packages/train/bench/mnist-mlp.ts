// The network both MNIST benchmarks train (and scripts/bench/pytorch_mnist_mlp.py mirrors):
// 784-256-128-10 ReLU with He-initialised dense layers, drawn from Rng(0).
import { Rng } from '@deeptune/core';
import { Dense, Sequential } from '@deeptune/layers';

/** A fresh 784-256-128-10 ReLU network, the same weights on every call. */
export function mnistMlp(): Sequential {
  const rng = new Rng(0);
  return new Sequential([
    new Dense({ inputs: 784, units: 256, activation: 'relu', rng }),
    new Dense({ inputs: 256, units: 128, activation: 'relu', rng }),
    new Dense({ inputs: 128, units: 10, rng }),
  ]);
}
