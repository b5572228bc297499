import { describe, expect, it } from 'vitest';
import { cpuBackend, type Backend, type UnaryKernelArgs } from '../../src/index.js';
import { assertBackendConformance, backendConformance } from '../../src/testing/index.js';

const cpu = cpuBackend.kernels;

describe('backendConformance', () => {
  it('passes the cpu backend: every kernel, both dtypes, plus the known values', () => {
    const report = backendConformance(cpuBackend);
    expect(report.failures).toEqual([]);
    expect(report.backend).toBe('cpu');
    expect(report.kernels).toHaveLength(55);
    expect(report.cases).toBeGreaterThan(900);
  });

  it('passes a backend that provides no kernel (all run on cpu) and checks only the known values', () => {
    const report = backendConformance({ name: 'empty', kernels: {} });
    expect(report.kernels).toEqual([]);
    expect(report.failures).toEqual([]);
    expect(report.cases).toBe(34);
  });

  it('catches a matrix product that ignores transposeB, naming the form and the element', () => {
    const broken: Backend = {
      name: 'no-transpose-b',
      kernels: { matmul: (args) => cpu.matmul({ ...args, transposeB: false }) },
    };
    const report = backendConformance(broken);
    const forms = new Set(report.failures.map((f) => f.description.split(',')[0]));
    expect(forms).toEqual(new Set(['A·Bᵀ', 'Aᵀ·Bᵀ', 'known value: A·Bᵀ', 'known value: Aᵀ·Bᵀ']));
    expect(report.failures).toContainEqual({
      kernel: 'matmul',
      dtype: 'float64',
      description: 'known value: A·Bᵀ',
      message: 'out: element 0 is 19, expected 17 (difference 2.00e+0 > 1e-15 × 1.70e+1)',
    });
    // 1×1, k = 1 (an n×1 matrix is laid out as its transpose) and m, n or k = 0 are the same
    // either way; the other 6 sizes fail.
    expect(
      report.failures.filter((f) => f.dtype === 'float32' && f.description.startsWith('A·Bᵀ')),
    ).toHaveLength(6);
  });

  it('catches float32 error above 1e-5 relative, and accepts it below', () => {
    const perturbed = (factor: number): Backend => ({
      name: 'perturbed',
      kernels: {
        exp: (args: UnaryKernelArgs) => {
          cpu.exp(args);
          for (let i = 0; i < args.out.length; i++) args.out[i] = args.out[i]! * factor;
        },
      },
    });
    expect(
      backendConformance(perturbed(1 + 5e-6), { kernels: ['exp'] }).failures.filter(
        (f) => f.dtype === 'float32',
      ),
    ).toEqual([]);
    const failures = backendConformance(perturbed(1 + 5e-5), { kernels: ['exp'] }).failures;
    expect(failures.some((f) => f.dtype === 'float32' && /> 0.00001 ×/.test(f.message))).toBe(true);
  });

  it('catches an element left unwritten, and an input changed', () => {
    const lazy: Backend = {
      name: 'lazy',
      kernels: {
        relu: ({ x, out }) => {
          for (let i = 1; i < x.length; i++) out[i] = Math.max(x[i]!, 0);
        },
        sum: (args) => {
          cpu.sum(args);
          if (args.x.length > 0) args.x[0] = 42;
        },
      },
    };
    const report = backendConformance(lazy);
    expect(report.failures).toContainEqual({
      kernel: 'relu',
      dtype: 'float32',
      description: '7 elements',
      message: 'out: element 0 is NaN, expected 0',
    });
    expect(report.failures.find((f) => f.kernel === 'sum')?.message).toMatch(
      /^changed its input 'x': element 0 is 42, expected exactly /,
    );
  });

  it('checks every array adam writes in place (param, m and v), and its inputs', () => {
    const withoutEpsilon: Backend = {
      name: 'adam-without-epsilon',
      kernels: { adam: (args) => cpu.adam({ ...args, epsilon: 0 }) },
    };
    const noEpsilon = backendConformance(withoutEpsilon, { kernels: ['adam'] });
    // Dropping ε = 1e-8 moves each float64 parameter by about 2e-13 here (above 1e-12 of
    // it; float32 cannot see it), and the known value by 5e-10.
    expect(noEpsilon.failures.map((f) => `${f.dtype} ${f.description}`)).toEqual([
      'float64 1 parameter',
      'float64 3 parameters',
      'float64 17 parameters with NaN, ±∞ and ±0 gradients',
      'float64 1029 parameters',
      'float64 known value: first Adam step of W = (1, 1) with g = (2, −0.5)',
    ]);
    const forgetsV: Backend = {
      name: 'adam-forgets-v',
      kernels: {
        adam: (args) => {
          const v = args.v.slice();
          cpu.adam({ ...args, v });
        },
      },
    };
    const report = backendConformance(forgetsV, { kernels: ['adam'] });
    expect(report.failures).toContainEqual({
      kernel: 'adam',
      dtype: 'float64',
      description: '3 parameters',
      message: expect.stringMatching(/^v: element 0 is [\d.e-]+, expected [\d.e-]+ \(difference/),
    });
    const touchesGrad: Backend = {
      name: 'adam-touches-grad',
      kernels: {
        adam: (args) => {
          cpu.adam(args);
          args.grad.fill(0);
        },
      },
    };
    expect(
      backendConformance(touchesGrad, { kernels: ['adam'] }).failures.find(
        (f) => f.description === '3 parameters' && f.dtype === 'float32',
      )?.message,
    ).toMatch(/^changed its input 'grad': element 0 is 0, expected exactly /);
  });

  it('reports a kernel that throws', () => {
    const report = backendConformance({
      name: 'throwing',
      kernels: {
        transpose: () => {
          throw new RangeError('out of memory');
        },
      },
    });
    expect(report.failures[0]?.message).toBe('threw RangeError: out of memory');
  });

  it('assertBackendConformance throws a message listing the failures', () => {
    expect(() =>
      assertBackendConformance({ name: 'neg-is-abs', kernels: { neg: (args) => cpu.abs(args) } }),
    ).toThrow(
      /^backend 'neg-is-abs' fails \d+ of \d+ conformance cases:\n {2}neg \(float32, 7 elements\): out: element \d+ is \d/,
    );
    expect(assertBackendConformance(cpuBackend).failures).toEqual([]);
  });
});
