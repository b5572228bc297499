// Saves a small trained deeptune model (safetensors weights) plus a batch of inputs and the
// model's predictions, for scripts/fixtures/verify_safetensors_torch.py to reload in PyTorch.
// Usage: node examples/export-for-pytorch.mjs <dir>
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Dense, Rng, Sequential, adam, fit, moons, predict, softmaxCrossEntropy } from 'deeptune';
import { saveModel } from 'deeptune/node';

const dir = process.argv[2] ?? 'pytorch-check';
const data = moons({ m: 200, noise: 0.1, seed: 1 });
const rng = new Rng(7);
const model = new Sequential([
  new Dense({ inputs: 2, units: 16, activation: 'relu', rng }),
  new Dense({ inputs: 16, units: 2, rng }),
]);
await fit(model, data, {
  loss: softmaxCrossEntropy,
  optimizer: adam({ learningRate: 0.01 }),
  epochs: 20,
  batchSize: 32,
  seed: 0,
});
await saveModel(join(dir, 'model'), { model });
const inputs = data.inputs.slice(0, 16);
const outputs = predict(model, inputs);
writeFileSync(
  join(dir, 'check.json'),
  JSON.stringify({ inputs: inputs.toArray(), outputs: Array.from(outputs.data) }),
);
console.log(`saved ${join(dir, 'model')} and ${join(dir, 'check.json')}`);
