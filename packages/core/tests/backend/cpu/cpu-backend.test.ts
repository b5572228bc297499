import { describe, expect, it } from 'vitest';
import { KERNEL_NAMES } from '../../../src/backend/kernels.js';
import { cpuBackend } from '../../../src/backend/cpu/cpu-backend.js';

describe('cpuBackend', () => {
  it("is named 'cpu'", () => {
    expect(cpuBackend.name).toBe('cpu');
  });

  it('provides exactly the kernels KERNEL_NAMES lists, each a function', () => {
    expect(Object.keys(cpuBackend.kernels)).toEqual([...KERNEL_NAMES]);
    for (const kernel of KERNEL_NAMES) {
      expect(typeof cpuBackend.kernels[kernel]).toBe('function');
    }
    expect(new Set(KERNEL_NAMES).size).toBe(KERNEL_NAMES.length);
  });

  it('runs a kernel from named arguments: matmul with transposeB', () => {
    const out = new Float64Array(4);
    // [[1, 2], [3, 4]] · [[5, 6], [7, 8]]ᵀ = [[17, 23], [39, 53]]
    cpuBackend.kernels.matmul({
      a: Float64Array.of(1, 2, 3, 4),
      b: Float64Array.of(5, 6, 7, 8),
      out,
      m: 2,
      k: 2,
      n: 2,
      transposeA: false,
      transposeB: true,
      batch: 1,
      strideA: 0,
      strideB: 0,
    });
    expect(Array.from(out)).toEqual([17, 23, 39, 53]);
  });

  it('passes attributes by name: clip, affine, leakyRelu', () => {
    const x = Float64Array.of(-2, 0.5, 3);
    const out = new Float64Array(3);
    cpuBackend.kernels.clip({ x, out, min: -1, max: 1 });
    expect(Array.from(out)).toEqual([-1, 0.5, 1]);
    cpuBackend.kernels.affine({ x, out, scale: 2, shift: 1 });
    expect(Array.from(out)).toEqual([-3, 2, 7]);
    cpuBackend.kernels.leakyRelu({ x, out, alpha: 0.1 });
    expect(Array.from(out)).toEqual([-0.2, 0.5, 3]);
  });

  it('allocates zero-filled storage of the requested dtype and size', () => {
    const single = cpuBackend.allocate('float32', 5);
    const double = cpuBackend.allocate('float64', 3);
    expect(single).toBeInstanceOf(Float32Array);
    expect(double).toBeInstanceOf(Float64Array);
    expect(Array.from(single)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(double)).toEqual([0, 0, 0]);
    expect(cpuBackend.allocate('float64', 0).length).toBe(0);
  });
});
