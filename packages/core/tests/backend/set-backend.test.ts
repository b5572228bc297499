import { afterEach, describe, expect, it } from 'vitest';
import {
  allocateStateStorage,
  cpuBackend,
  getBackend,
  kernelProvider,
  KernelNotFoundError,
  matmul,
  relu,
  setBackend,
  tensor,
  type Backend,
  type MatmulKernelArgs,
} from '../../src/index.js';

let previous: Backend | undefined;
afterEach(() => {
  if (previous !== undefined) setBackend(previous);
  previous = undefined;
});

function thrownBy(run: () => unknown): KernelNotFoundError {
  try {
    run();
  } catch (error) {
    if (KernelNotFoundError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a KernelNotFoundError');
}

describe('setBackend with a partial kernel table', () => {
  it('runs the kernels the backend provides and every other kernel on cpu', () => {
    const calls: MatmulKernelArgs[] = [];
    previous = setBackend({
      name: 'counting',
      kernels: {
        matmul: (args) => {
          calls.push(args);
          cpuBackend.kernels.matmul(args);
        },
      },
    });
    expect(getBackend().name).toBe('counting');
    expect(kernelProvider('matmul')).toBe('counting');
    expect(kernelProvider('relu')).toBe('cpu');
    const product = relu(matmul(tensor([[1, -2]]), tensor([[3], [4]])));
    expect(product.toArray()).toEqual([[0]]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ m: 1, k: 2, n: 1, transposeA: false, transposeB: false });
  });

  it('returns the previous backend, and restoring it restores every kernel', () => {
    const before = getBackend(); // cpu, or the backend DEEPTUNE_BACKEND chose for the suite
    const swapped = setBackend({ name: 'empty', kernels: {} });
    expect(swapped).toBe(before);
    expect(kernelProvider('matmul')).toBe('cpu');
    setBackend(swapped);
    expect(getBackend()).toBe(before);
  });

  it('uses the backend allocate when given, else the cpu one', () => {
    const sizes: number[] = [];
    previous = setBackend({
      name: 'allocating',
      kernels: {},
      allocate: (dtype, size) => {
        sizes.push(size);
        return cpuBackend.allocate(dtype, size);
      },
    });
    tensor([1, 2, 3]).add(1);
    expect(sizes).toContain(3);
  });

  it('allocates optimizer state with the backend allocateState, else its allocate, else cpu', () => {
    const calls: string[] = [];
    const counting = (label: string) => (dtype: 'float32' | 'float64', size: number) => {
      calls.push(`${label} ${dtype} ${size}`);
      return cpuBackend.allocate(dtype, size);
    };
    previous = setBackend({
      name: 'stateful',
      kernels: {},
      allocate: counting('allocate'),
      allocateState: counting('state'),
    });
    const m = allocateStateStorage('adam', 'float64', [2, 3]);
    expect(m).toEqual(new Float64Array(6));
    setBackend({ name: 'plain', kernels: {}, allocate: counting('allocate') });
    expect(allocateStateStorage('adam', 'float32', [4])).toEqual(new Float32Array(4));
    expect(calls).toEqual(['state float64 6', 'allocate float32 4']);
    setBackend(cpuBackend);
    expect(allocateStateStorage('adam', 'float32', [])).toEqual(new Float32Array(1));
    expect(() => allocateStateStorage('adam', 'float32', [2 ** 31, 2 ** 31])).toThrow(/^adam: /);
    expect(
      thrownBy(() =>
        setBackend({ name: 'bad', kernels: {}, allocateState: 1 } as unknown as Backend),
      ).message,
    ).toBe(
      "setBackend: backend 'bad' gives allocateState as number; expected a function (dtype, size) => storage, or no allocateState at all.",
    );
  });

  it('names a kernel that does not exist, and lists the real ones', () => {
    const error = thrownBy(() =>
      setBackend({ name: 'typo', kernels: { matmull: () => {} } } as unknown as Backend),
    );
    expect(error.message).toMatch(
      /^setBackend: backend 'typo' provides a kernel 'matmull', which is not a deeptune kernel; expected one of neg, exp, .*matmul/,
    );
    expect(getBackend().name).not.toBe('typo');
  });

  it('rejects a kernel that is not a function', () => {
    const error = thrownBy(() =>
      setBackend({ name: 'bad', kernels: { exp: 42 } } as unknown as Backend),
    );
    expect(error.message).toBe(
      "setBackend: backend 'bad' gives the kernel 'exp' as number; expected a function (args) => void.",
    );
  });

  it('explains the move when given a backend of the old shape (methods, no kernel table)', () => {
    const error = thrownBy(() =>
      setBackend({ name: 'old', matmul: () => {} } as unknown as Backend),
    );
    expect(error.message).toMatch(
      /^setBackend: backend 'old' has no kernel table; .*moves its methods under `kernels`/,
    );
  });

  it('rejects a nameless backend and a non-object', () => {
    expect(thrownBy(() => setBackend({ kernels: {} } as unknown as Backend)).message).toBe(
      'setBackend: a backend needs a non-empty string name, got undefined.',
    );
    expect(thrownBy(() => setBackend(null as unknown as Backend)).message).toBe(
      'setBackend: expected a backend object { name, kernels }, got null.',
    );
  });
});
