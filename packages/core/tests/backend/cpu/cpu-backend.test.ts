import { describe, expect, it } from 'vitest';
import { BACKEND_KERNELS } from '../../../src/backend/backend.js';
import { cpuBackend } from '../../../src/backend/cpu/cpu-backend.js';

describe('cpuBackend', () => {
  it("is named 'cpu'", () => {
    expect(cpuBackend.name).toBe('cpu');
  });

  it('provides every kernel of the Backend interface as a function', () => {
    for (const kernel of BACKEND_KERNELS) {
      expect(typeof cpuBackend[kernel]).toBe('function');
    }
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
