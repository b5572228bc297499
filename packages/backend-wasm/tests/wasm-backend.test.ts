import { describe, expect, it } from 'vitest';
import {
  Rng,
  cpuBackend,
  getBackend,
  kernelProvider,
  matmul,
  randn,
  setBackend,
} from '@deeptune/core';
import { backendConformance } from '@deeptune/core/testing';
import { Dense, Sequential, softmaxCrossEntropy } from '@deeptune/layers';
import { createWasmBackend, createWasmBackendSync, WasmGemm } from '../src/index.js';

describe('the wasm backend', () => {
  for (const threads of [1, 2]) {
    it(`passes backendConformance on ${threads} thread(s): matmul in both dtypes`, async () => {
      const backend = createWasmBackendSync({ threads, features: 'simd128' });
      await backend.gemm.whenThreadsReady();
      try {
        const report = backendConformance(backend);
        expect(report.kernels).toEqual(['matmul']);
        expect(report.failures).toEqual([]);
        expect(report.cases).toBeGreaterThan(80);
      } finally {
        backend.close();
      }
    });
  }

  it('describes itself, names itself wasm, and runs matmul while cpu runs the rest', async () => {
    const backend = await createWasmBackend({ threads: 2, features: 'simd128' });
    expect(backend.name).toBe('wasm');
    expect(backend.description).toBe('WebAssembly SIMD128, 2 threads'); // started: create awaited them
    expect(backend.threads).toBe(2);
    const previous = setBackend(backend);
    try {
      expect(getBackend()).toBe(backend);
      expect(kernelProvider('matmul')).toBe('wasm');
      expect(kernelProvider('relu')).toBe('cpu');
    } finally {
      setBackend(previous);
      backend.close();
    }
  });

  it('gives bit-identical products on 1 and 2 threads, in every form and both dtypes', async () => {
    const one = WasmGemm.createSync({ threads: 1, features: 'simd128' });
    const two = WasmGemm.createSync({ threads: 2, features: 'simd128' });
    await two.whenThreadsReady();
    try {
      expect(two.threads).toBe(2);
      for (const dtype of ['float32', 'float64'] as const) {
        for (const [m, k, n] of [
          [128, 784, 256],
          [97, 131, 61],
          [301, 77, 5],
        ] as const) {
          for (const transposeA of [false, true]) {
            for (const transposeB of [false, true]) {
              const a = randn([m * k], { dtype, rng: new Rng(1) }).data;
              const b = randn([k * n], { dtype, rng: new Rng(2) }).data;
              const out1 = dtype === 'float32' ? new Float32Array(m * n) : new Float64Array(m * n);
              const out2 = out1.slice();
              one.matmul(a, b, out1, m, k, n, transposeA, transposeB, 1, 0, 0);
              two.matmul(a, b, out2, m, k, n, transposeA, transposeB, 1, 0, 0);
              expect(Buffer.from(out2.buffer).equals(Buffer.from(out1.buffer))).toBe(true);
            }
          }
        }
      }
    } finally {
      two.close();
    }
  });

  it('trains a model to bit-identical weights on 1 and 2 threads, close to cpu', async () => {
    const train = (): Float32Array[] => {
      const rng = new Rng(3);
      const model = new Sequential([
        new Dense({ inputs: 64, units: 96, activation: 'relu', rng }),
        new Dense({ inputs: 96, units: 10, rng }),
      ]);
      const x = randn([128, 64], { rng });
      const y = randn([128, 10], { rng }).argmax(1);
      for (let step = 0; step < 5; step++) {
        const cost = softmaxCrossEntropy(model.forward(x), y);
        cost.backward();
        for (const p of model.parameters()) {
          const w = p.data as Float32Array;
          const g = p.grad!.data as Float32Array;
          for (let i = 0; i < w.length; i++) w[i] = w[i]! - 0.1 * g[i]!;
          p.zeroGrad();
        }
      }
      return model.parameters().map((p) => (p.data as Float32Array).slice());
    };
    const run = (backend: Parameters<typeof setBackend>[0]): Float32Array[] => {
      const previous = setBackend(backend);
      try {
        return train();
      } finally {
        setBackend(previous);
      }
    };
    const onCpu = run(cpuBackend);
    const wasm1 = createWasmBackendSync({ threads: 1, features: 'simd128' });
    const wasm2 = createWasmBackendSync({ threads: 2, features: 'simd128' });
    await wasm2.gemm.whenThreadsReady();
    const onOne = run(wasm1);
    const onTwo = run(wasm2);
    wasm2.close();
    for (let p = 0; p < onCpu.length; p++) {
      expect(Buffer.from(onTwo[p]!.buffer).equals(Buffer.from(onOne[p]!.buffer))).toBe(true);
      for (let i = 0; i < onCpu[p]!.length; i++) {
        expect(Math.abs(onOne[p]![i]! - onCpu[p]![i]!)).toBeLessThan(1e-4);
      }
    }
  });

  it('rejects a thread count that is not an integer from 1 to 64', () => {
    expect(() => createWasmBackendSync({ threads: 0 })).toThrow(
      'WasmGemm: threads must be an integer from 1 to 64, got 0',
    );
    expect(() => createWasmBackendSync({ threads: 2.5 })).toThrow(
      'WasmGemm: threads must be an integer from 1 to 64, got 2.5',
    );
  });

  it('runs a product through the public matmul op', () => {
    const backend = createWasmBackendSync({ threads: 1 });
    const previous = setBackend(backend);
    try {
      const product = matmul(
        randn([3, 4], { rng: new Rng(0) }),
        randn([4, 2], { rng: new Rng(1) }),
      );
      setBackend(previous);
      const reference = matmul(
        randn([3, 4], { rng: new Rng(0) }),
        randn([4, 2], { rng: new Rng(1) }),
      );
      expect(product.shape).toEqual([3, 2]);
      const got = product.toArray() as number[][];
      const want = reference.toArray() as number[][];
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 2; j++) expect(got[i]![j]!).toBeCloseTo(want[i]![j]!, 5);
    } finally {
      setBackend(previous);
    }
  });
});
