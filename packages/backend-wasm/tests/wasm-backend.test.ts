import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  InvalidHyperparameterError,
  Rng,
  cpuBackend,
  getBackend,
  kernelProvider,
  matmul,
  randn,
  setBackend,
  type Storage,
} from '@deeptune/core';
import { backendConformance } from '@deeptune/core/testing';
import { Dense, Sequential, softmaxCrossEntropy } from '@deeptune/layers';
import {
  createWasmBackend,
  createWasmBackendSync,
  WasmGemm,
  type WasmBackendOptions,
  type WasmGemmOptions,
} from '../src/index.js';

/** PyTorch's default Adam hyperparameters at step t, bias corrections folded in (α = 1e-3). */
function adamStep(t: number) {
  return {
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-8,
    stepSize: 1e-3 / (1 - 0.9 ** t),
    correction2Sqrt: Math.sqrt(1 - 0.999 ** t),
  };
}

describe('the wasm backend', () => {
  for (const threads of [1, 2]) {
    it(`passes backendConformance on ${threads} thread(s): its kernels in both dtypes`, async () => {
      const backend = createWasmBackendSync({ threads, features: 'simd128' });
      await backend.gemm.whenThreadsReady();
      try {
        const report = backendConformance(backend);
        expect(report.kernels).toEqual([
          'step',
          'relu',
          'matmul',
          'reluBackward',
          'linear',
          'linearRelu',
          'linearBackward',
          'adam',
        ]);
        expect(report.failures).toEqual([]);
        expect(report.cases).toBeGreaterThan(80);
      } finally {
        backend.close();
      }
    });
  }

  it('describes itself, names itself wasm, and runs its kernels while cpu runs the rest', async () => {
    const backend = await createWasmBackend({ threads: 2, features: 'simd128' });
    expect(backend.name).toBe('wasm');
    expect(backend.description).toBe('WebAssembly SIMD128, 2 threads'); // started: create awaited them
    expect(backend.threads).toBe(2);
    const previous = setBackend(backend);
    try {
      expect(getBackend()).toBe(backend);
      expect(kernelProvider('matmul')).toBe('wasm');
      expect(kernelProvider('relu')).toBe('wasm');
      expect(kernelProvider('adam')).toBe('wasm');
      expect(kernelProvider('exp')).toBe('cpu');
    } finally {
      setBackend(previous);
      backend.close();
    }
  });

  it('steps Adam in float64 bit for bit like the cpu kernel, and in float32 within 1e-5 relative (1e-7 absolute: m cancels)', () => {
    const backend = createWasmBackendSync({ threads: 1, features: 'simd128' });
    try {
      for (const dtype of ['float64', 'float32'] as const) {
        const fresh = () => ({
          param: randn([1001], { dtype, rng: new Rng(4) }).data,
          grad: randn([1001], { dtype, rng: new Rng(5) }).data,
          m: randn([1001], { dtype, rng: new Rng(6) }).data.map((x) => 0.1 * x),
          v: randn([1001], { dtype, rng: new Rng(7) }).data.map((x) => 0.01 * x * x),
        });
        const onCpu = fresh();
        const onWasm = fresh();
        for (let t = 1; t <= 3; t++) {
          const hyper = adamStep(t);
          cpuBackend.kernels.adam({ ...onCpu, ...hyper });
          backend.kernels.adam!({ ...onWasm, ...hyper });
        }
        for (const name of ['param', 'm', 'v'] as const) {
          if (dtype === 'float64') {
            expect(Buffer.from(onWasm[name].buffer).equals(Buffer.from(onCpu[name].buffer))).toBe(
              true,
            );
          } else {
            for (let i = 0; i < 1001; i++) {
              const want = onCpu[name][i]!;
              expect(Math.abs(onWasm[name][i]! - want)).toBeLessThanOrEqual(
                1e-5 * Math.abs(want) + 1e-7,
              );
            }
          }
        }
      }
    } finally {
      backend.close();
    }
  });

  it('keeps Adam state in its memory on 2 threads, with the same steps as copied state', async () => {
    const backend = createWasmBackendSync({ threads: 2, features: 'simd128' });
    const single = createWasmBackendSync({ threads: 1, features: 'simd128' });
    try {
      // One thread has an unshared memory, which may move when it grows: no resident state.
      expect(single.allocateState).toBeUndefined();
      for (const dtype of ['float32', 'float64'] as const) {
        const m = backend.allocateState!(dtype, 1001);
        const v = backend.allocateState!(dtype, 1001);
        expect(backend.gemm.isResident(m) && backend.gemm.isResident(v)).toBe(true);
        expect(m).toEqual(dtype === 'float32' ? new Float32Array(1001) : new Float64Array(1001));
        const fresh = () => ({
          param: randn([1001], { dtype, rng: new Rng(8) }).data,
          grad: randn([1001], { dtype, rng: new Rng(9) }).data,
        });
        // The parameter lives in the memory too, as a Dense layer's weights do.
        const residentParam = backend.allocateState!(dtype, 1001);
        residentParam.set(fresh().param);
        const resident = { ...fresh(), param: residentParam, m, v };
        const copied = { ...fresh(), m: m.slice(), v: v.slice() };
        expect(backend.gemm.isResident(copied.m)).toBe(false);
        for (let t = 1; t <= 3; t++) {
          const hyper = adamStep(t);
          backend.kernels.adam!({ ...resident, ...hyper });
          backend.kernels.adam!({ ...copied, ...hyper });
          // A product big enough to grow the memory leaves the state where it was.
          const size = 200 * t;
          const a = randn([size * size], { dtype, rng: new Rng(t) }).data;
          backend.gemm.matmul(a, a, a.slice(), size, size, size, false, false, 1, 0, 0);
        }
        for (const name of ['param', 'm', 'v'] as const) {
          const same = Buffer.from(resident[name].slice().buffer).equals(
            Buffer.from(copied[name].slice().buffer),
          );
          expect(same).toBe(true);
        }
        expect(m.some((value) => value !== 0)).toBe(true);
      }
    } finally {
      backend.close();
    }
  });

  it('splits a large Adam step over 2 threads with the bits of 1 thread', async () => {
    const one = createWasmBackendSync({ threads: 1, features: 'simd128' });
    const two = createWasmBackendSync({ threads: 2, features: 'simd128' });
    await two.gemm.whenThreadsReady();
    try {
      for (const dtype of ['float32', 'float64'] as const) {
        // Above the split threshold, one of them not a multiple of any chunk unit.
        for (const size of [16384, 50001]) {
          const fresh = () => ({
            param: randn([size], { dtype, rng: new Rng(10) }).data,
            grad: randn([size], { dtype, rng: new Rng(11) }).data,
            m: randn([size], { dtype, rng: new Rng(12) }).data.map((x) => 0.1 * x),
            v: randn([size], { dtype, rng: new Rng(13) }).data.map((x) => 0.01 * x * x),
          });
          const onOne = fresh();
          const copied = fresh();
          // State and parameter in the shared memory, as Adam and Dense keep them.
          const resident: Record<'param' | 'grad' | 'm' | 'v', Storage> = fresh();
          for (const name of ['param', 'm', 'v'] as const) {
            const array = two.allocateState!(dtype, size);
            array.set(resident[name]);
            resident[name] = array;
          }
          for (let t = 1; t <= 3; t++) {
            const hyper = adamStep(t);
            one.kernels.adam!({ ...onOne, ...hyper });
            two.kernels.adam!({ ...copied, ...hyper });
            two.kernels.adam!({ ...resident, ...hyper });
          }
          for (const name of ['param', 'm', 'v'] as const) {
            const want = Buffer.from(onOne[name].buffer);
            expect(Buffer.from(copied[name].buffer).equals(want)).toBe(true);
            expect(Buffer.from(resident[name].slice().buffer).equals(want)).toBe(true);
          }
        }
      }
    } finally {
      two.close();
    }
  });

  it('reads resident operands of matmul and linear in place, with the bits of copied ones', () => {
    const backend = createWasmBackendSync({ threads: 2, features: 'simd128' });
    try {
      for (const dtype of ['float32', 'float64'] as const) {
        // Sizes that are not multiples of a micro-tile, large enough to run on both threads.
        const [m, k, n] = [67, 131, 45];
        const resident = (values: Storage): Storage => {
          const array = backend.allocateState!(dtype, values.length);
          array.set(values);
          expect(backend.gemm.isResident(array)).toBe(true);
          return array;
        };
        const x = randn([m * k], { dtype, rng: new Rng(1) }).data;
        const w = randn([k * n], { dtype, rng: new Rng(2) }).data;
        const bias = randn([n], { dtype, rng: new Rng(3) }).data;
        const expected = dtype === 'float32' ? new Float32Array(m * n) : new Float64Array(m * n);
        const actual = expected.slice();
        backend.gemm.linear(x, w, bias, expected, m, k, n);
        backend.gemm.linear(x, resident(w), resident(bias), actual, m, k, n);
        expect(Buffer.from(actual.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
        // Both operands resident, B transposed (dX = dY · Wᵀ reads W where it is).
        const dy = randn([m * n], { dtype, rng: new Rng(4) }).data;
        const dxExpected = dtype === 'float32' ? new Float32Array(m * k) : new Float64Array(m * k);
        const dxActual = dxExpected.slice();
        backend.gemm.matmul(dy, w, dxExpected, m, n, k, false, true, 1, 0, 0);
        backend.gemm.matmul(resident(dy), resident(w), dxActual, m, n, k, false, true, 1, 0, 0);
        expect(Buffer.from(dxActual.buffer).equals(Buffer.from(dxExpected.buffer))).toBe(true);
        // And against the cpu backend, element by element.
        const reference = dxExpected.slice().fill(0);
        cpuBackend.kernels.matmul({
          a: dy,
          b: w,
          out: reference,
          m,
          k: n,
          n: k,
          transposeA: false,
          transposeB: true,
          batch: 1,
          strideA: 0,
          strideB: 0,
        });
        const tolerance = dtype === 'float32' ? 1e-5 : 1e-12;
        for (let i = 0; i < reference.length; i++) {
          expect(Math.abs(dxActual[i]! - reference[i]!)).toBeLessThanOrEqual(
            tolerance * Math.max(1, Math.abs(reference[i]!)),
          );
        }
      }
    } finally {
      backend.close();
    }
  });

  it('frees a state block once its array is garbage collected', async () => {
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    const backend = createWasmBackendSync({ threads: 2, features: 'simd128' });
    try {
      let state: Float32Array | undefined = backend.allocateState!(
        'float32',
        100_000,
      ) as Float32Array;
      expect(backend.gemm.stateBytes).toBe(400_000);
      state[0] = 1;
      state = undefined;
      // Finalizers run some time after a collection: collect and yield until it has.
      for (let round = 0; round < 100 && backend.gemm.stateBytes > 0; round++) {
        collect();
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(backend.gemm.stateBytes).toBe(0);
      // The block is reused, zero-filled.
      const again = backend.allocateState!('float32', 100_000);
      expect(again[0]).toBe(0);
      expect(backend.gemm.stateBytes).toBe(400_000);
    } finally {
      backend.close();
    }
  });

  it('runs relu and step with the cpu semantics: NaN stays NaN in relu and gives 0 in step, −0 stays', () => {
    const backend = createWasmBackendSync({ threads: 1, features: 'simd128' });
    try {
      for (const Type of [Float32Array, Float64Array]) {
        const x = Type.of(-2, -0, 0, 3, Number.NaN, Number.NEGATIVE_INFINITY, Infinity, -1e-30, 5);
        const relu = new Type(x.length);
        const step = new Type(x.length);
        backend.kernels.relu!({ x, out: relu });
        backend.kernels.step!({ x, out: step });
        expect([...relu]).toEqual([0, -0, 0, 3, Number.NaN, 0, Infinity, 0, 5]);
        expect(Object.is(relu[1], -0)).toBe(true);
        expect([...step]).toEqual([0, 0, 0, 1, 0, 0, 1, 0, 1]);
      }
    } finally {
      backend.close();
    }
  });

  it('fuses linear with relu, and its backward pass, bit for bit like the unfused kernels, on 1 and 2 threads', async () => {
    const one = createWasmBackendSync({ threads: 1, features: 'simd128' });
    const two = createWasmBackendSync({ threads: 2, features: 'simd128' });
    await two.gemm.whenThreadsReady();
    const cpu = cpuBackend.kernels;
    const same = (a: Storage, b: Storage): boolean =>
      Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
        Buffer.from(b.buffer, b.byteOffset, b.byteLength),
      );
    try {
      for (const dtype of ['float32', 'float64'] as const) {
        for (const [m, k, n] of [
          [128, 784, 256],
          [67, 131, 45],
          [1, 5, 3],
          [0, 4, 3],
        ] as const) {
          const empty = (size: number): Storage =>
            dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
          const x = randn([m * k], { dtype, rng: new Rng(1) }).data;
          const w = randn([k * n], { dtype, rng: new Rng(2) }).data;
          const bias = randn([n], { dtype, rng: new Rng(3) }).data;
          const dy = randn([m * n], { dtype, rng: new Rng(4) }).data;
          // The unfused reference on the same engine: its products, cpu relu and sum.
          const y = empty(m * n);
          one.gemm.linear(x, w, bias, y, m, k, n);
          cpu.relu({ x: y, out: y });
          const g = empty(m * n);
          cpu.reluBackward({ x: y, dy, out: g });
          const dx = empty(m * k);
          const dw = empty(k * n);
          const db = empty(n);
          one.gemm.matmul(g, w, dx, m, n, k, false, true, 1, 0, 0);
          one.gemm.matmul(x, g, dw, k, m, n, true, false, 1, 0, 0);
          cpu.sum({ x: g, shape: [m, n], axes: [0], out: db });
          for (const backend of [one, two]) {
            const fused = empty(m * n);
            backend.kernels.linearRelu!({ x, w, bias, out: fused, m, k, n });
            expect(same(fused, y)).toBe(true);
            const grads = { dx: empty(m * k), dw: empty(k * n), db: empty(n) };
            backend.kernels.linearBackward!({ x, w, dy, y, ...grads, m, k, n });
            expect([same(grads.dx, dx), same(grads.dw, dw), same(grads.db, db)]).toEqual([
              true,
              true,
              true,
            ]);
            // Only the gradients asked for, and the plain linear's (no mask).
            const dwOnly = empty(k * n).fill(Number.NaN);
            backend.kernels.linearBackward!({
              x,
              w,
              dy: g,
              y: null,
              dx: null,
              dw: dwOnly,
              db: null,
              m,
              k,
              n,
            });
            expect(same(dwOnly, dw)).toBe(true);
          }
          if (m > 1) expect(Array.from(y).filter((v) => v === 0).length).toBeGreaterThan(0);
        }
      }
    } finally {
      two.close();
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
          [128, 784, 256], // chunks of rows, op(B) packed once
          [97, 131, 61],
          [301, 77, 5],
          [8, 300, 500], // chunks of columns
          [5, 64, 1000],
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

  it('rejects a thread count that is not an integer from 1 to 64', async () => {
    expect(() => createWasmBackendSync({ threads: 0 })).toThrow(
      new InvalidHyperparameterError(
        "createWasmBackendSync: option 'threads' must be an integer in [1, 64], got 0",
      ),
    );
    expect(() => createWasmBackendSync({ threads: 2.5 })).toThrow(
      "createWasmBackendSync: option 'threads' must be an integer in [1, 64], got 2.5",
    );
    await expect(createWasmBackend({ threads: 65 })).rejects.toThrow(
      new InvalidHyperparameterError(
        "createWasmBackend: option 'threads' must be an integer in [1, 64], got 65",
      ),
    );
  });

  it('rejects options that are not a plain object, unknown options and unknown features', async () => {
    expect(() => createWasmBackendSync({ thread: 2 } as WasmBackendOptions)).toThrow(
      new ConfigError(
        "createWasmBackendSync: unknown option 'thread'. Did you mean 'threads'? Known options: features, threads.",
      ),
    );
    expect(() => createWasmBackendSync(null as unknown as WasmBackendOptions)).toThrow(
      new ConfigError('createWasmBackendSync: options must be a plain object, got null'),
    );
    await expect(createWasmBackend('fast' as unknown as WasmBackendOptions)).rejects.toThrow(
      new ConfigError("createWasmBackend: options must be a plain object, got 'fast'"),
    );
    expect(() => createWasmBackendSync({ features: 'avx' as 'auto' })).toThrow(
      new ConfigError(
        "createWasmBackendSync: option 'features' must be one of 'simd128', 'relaxed-simd', 'auto', got 'avx'",
      ),
    );
    // The engine underneath checks them too, for callers that skip the backend.
    expect(() => WasmGemm.createSync({ features: 'avx' as 'auto' })).toThrow(
      new RangeError(`WasmGemm: features must be 'simd128', 'relaxed-simd' or 'auto', got "avx"`),
    );
    expect(() => WasmGemm.createSync(null as unknown as WasmGemmOptions)).toThrow(
      new TypeError('WasmGemm: options must be an object, got null'),
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
