import { Rng, setBackend } from '@deeptune/core';
import { createWasmBackendSync } from '@deeptune/backend-wasm';
import { mnist } from '@deeptune/data/node';
import { Dense, Sequential, softmaxCrossEntropy } from '@deeptune/layers';
import { adam } from '@deeptune/optimizers';
import { fit } from '../src/index.js';
const threads = Number(process.env['T'] ?? 1);
const { train } = await mnist();
const backend = createWasmBackendSync({ threads });
await backend.whenThreadsReady();
const stats = new Map<string, { n: number; t: number }>();
const inner = backend.kernels.matmul!;
(backend.kernels as { matmul: typeof inner }).matmul = (args) => {
  const t = performance.now();
  inner.call(backend.kernels, args);
  const key = `${args.m}x${args.k}x${args.n} tA${+args.transposeA} tB${+args.transposeB}`;
  const s = stats.get(key) ?? { n: 0, t: 0 };
  s.n++; s.t += performance.now() - t; stats.set(key, s);
};
const allocs = new Map<number, number>();
if (process.env['ALLOC']) (backend as { allocate?: unknown }).allocate = (dtype: string, size: number) => {
  allocs.set(size, (allocs.get(size) ?? 0) + 1);
  return dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
};
setBackend(backend);
const rng = new Rng(0);
const model = new Sequential([
  new Dense({ inputs: 784, units: 256, activation: 'relu', rng }),
  new Dense({ inputs: 256, units: 128, activation: 'relu', rng }),
  new Dense({ inputs: 128, units: 10, rng }),
]);
const t0 = performance.now();
const history = await fit(model, train, { loss: softmaxCrossEntropy, optimizer: adam({ learningRate: 1e-3 }), epochs: Number(process.env['E'] ?? 1), batchSize: 128, seed: 0 });
console.log('steps s/epoch', history.epochs.map((r) => (r.trainSeconds ?? r.seconds).toFixed(2)).join(' '), 'wall', ((performance.now() - t0) / 1000).toFixed(2));
for (const [k, v] of stats) console.log(k.padEnd(28), v.n, (v.t / 1000).toFixed(3), 's', (v.t / v.n * 1000).toFixed(0), 'us');
const ps = (globalThis as any).__poolStats; if (ps) { console.log("own", (ps.own/1000).toFixed(3), "wait", (ps.wait/1000).toFixed(3), ps.n); for (const [k, e] of ps.m) console.log(k, e.n, "own us", (e.own/e.n*1000).toFixed(0), "wait us", (e.wait/e.n*1000).toFixed(0), "done before main", (e.before/e.n).toFixed(2), "done when main ran out", (e.after/e.n).toFixed(2)); }
if (allocs.size) { let total = 0; for (const [size, n] of [...allocs].sort((a, b) => b[0] * b[1] - a[0] * a[1]).slice(0, 25)) { console.log('alloc', size, 'x', n, (size * n * 4 / 1e6).toFixed(1), 'MB'); } for (const [size, n] of allocs) total += size * n * 4; console.log('total MB', (total / 1e6).toFixed(0)); }
backend.close();
