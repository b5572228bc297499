import { Rng } from '../src/random/rng.js';
import { randn } from '../src/creation/random.js';
import { zeros } from '../src/creation/zeros.js';
import { gather } from '../src/ops/gather.js';
import { matmul } from '../src/ops/matmul.js';
import type { Tensor } from '../src/tensor/tensor.js';
import type { DType } from '../src/tensor/dtype.js';
import { time } from './timing.js';

/**
 * Benchmarks one training step of a 784→256→128→10 ReLU MLP with softmax cross-entropy at
 * batch 128: forward, backward (matmul with transposeA/transposeB — no transposes are
 * materialised) and a plain SGD update, for float32 and float64.
 */
export function benchMlpStep(): void {
  console.log('\nMLP 784→256→128→10 (ReLU, softmax cross-entropy), batch 128, one SGD step');
  console.log('dtype     forward ms   forward+backward+update ms   GFLOP/s (matmul flops)');
  for (const dtype of ['float32', 'float64'] as DType[]) {
    const rng = new Rng(0);
    const sizes = [784, 256, 128, 10];
    const weights: Tensor[] = [];
    const biases: Tensor[] = [];
    for (let l = 1; l < sizes.length; l++) {
      weights.push(
        randn([sizes[l - 1]!, sizes[l]!], {
          rng,
          dtype,
          std: Math.sqrt(2 / sizes[l - 1]!),
          requiresGrad: true,
        }),
      );
      biases.push(zeros([sizes[l]!], { dtype, requiresGrad: true }));
    }
    const data = randn([1024, 784], { rng, dtype });
    const labels = zeros([1024, 10], { dtype });
    for (let i = 0; i < 1024; i++) labels.data[i * 10 + (i % 10)] = 1;
    const parameters = [...weights, ...biases];
    let offset = 0;
    const forward = (x: Tensor): Tensor => {
      let a = x;
      for (let l = 0; l < weights.length; l++) {
        const z = a.matmul(weights[l]!).add(biases[l]!);
        a = l < weights.length - 1 ? z.relu() : z;
      }
      return a;
    };
    const step = (): void => {
      const rows = Int32Array.from({ length: 128 }, (_, i) => (offset + i) % 1024);
      offset = (offset + 128) % 1024;
      const x = gather(data, rows);
      const y = gather(labels, rows);
      const cost = forward(x).logSoftmax().mul(y).sum().div(-128);
      cost.backward();
      for (const p of parameters) {
        const w = p.data;
        const g = p.grad!.data;
        for (let i = 0; i < w.length; i++) w[i] = w[i]! - 0.01 * g[i]!;
        p.zeroGrad();
      }
    };
    const forwardOnly = (): void => {
      forward(
        gather(
          data,
          Int32Array.from({ length: 128 }, (_, i) => i),
        ),
      );
    };
    const forwardMs = time(forwardOnly);
    const stepMs = time(step);
    // Forward: 2·m·Σ nIn·nOut; backward: dW for every layer, dX for layers 2 and 3.
    const m = 128;
    const layerFlops = sizes.slice(1).map((nOut, l) => 2 * m * sizes[l]! * nOut);
    const flops = layerFlops.reduce((a, b) => a + b, 0) * 2 + layerFlops[1]! + layerFlops[2]!;
    console.log(
      `${dtype.padEnd(8)}  ${forwardMs.toFixed(2).padStart(10)}   ${stepMs.toFixed(2).padStart(26)}   ${(flops / (stepMs * 1e6)).toFixed(2).padStart(8)}`,
    );
  }
  console.log('\nBackward-pass products at MLP shapes (transposed operands read in place)');
  console.log('product                         dtype     ms');
  for (const dtype of ['float32', 'float64'] as DType[]) {
    const rng = new Rng(1);
    const x = randn([128, 784], { rng, dtype });
    const dz = randn([128, 256], { rng, dtype });
    const w = randn([784, 256], { rng, dtype });
    const dW = time(() => matmul(x, dz, { transposeA: true }), 0.5);
    const dX = time(() => matmul(dz, w, { transposeB: true }), 0.5);
    console.log(`dW = Xᵀ·dZ  [784×128]·[128×256]  ${dtype.padEnd(8)}  ${dW.toFixed(2)}`);
    console.log(`dX = dZ·Wᵀ  [128×256]·[256×784]  ${dtype.padEnd(8)}  ${dX.toFixed(2)}`);
  }
}
