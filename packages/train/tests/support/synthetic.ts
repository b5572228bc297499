import { Rng, tensor } from '@deeptune/core';
import { dataset, type Dataset } from '@deeptune/data';
import { Dense, Sequential } from '@deeptune/layers';

/** Three Gaussian blobs in 2-D, class indices as float32 targets. */
export function blobs(m: number, seed: number, spread = 0.6): Dataset {
  const rng = new Rng(seed);
  const centres = [
    [0, 2],
    [-2, -1],
    [2, -1],
  ];
  const inputs = new Float32Array(m * 2);
  const targets = new Float32Array(m);
  for (let i = 0; i < m; i++) {
    const label = i % 3;
    inputs[i * 2] = centres[label]![0]! + rng.normal(0, spread);
    inputs[i * 2 + 1] = centres[label]![1]! + rng.normal(0, spread);
    targets[i] = label;
  }
  return dataset(tensor(inputs, { shape: [m, 2] }), tensor(targets));
}

/** A 2-16-3 ReLU classifier. */
export function smallNet(seed: number, hidden = 16): Sequential {
  const rng = new Rng(seed);
  return new Sequential([
    new Dense({ inputs: 2, units: hidden, activation: 'relu', rng }),
    new Dense({ inputs: hidden, units: 3, rng }),
  ]);
}
