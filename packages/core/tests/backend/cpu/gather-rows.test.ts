import { describe, expect, it } from 'vitest';
import { cpu } from './positional-kernels.js';
import { storageOf } from './helpers.js';

describe('cpu.gatherRows', () => {
  it.each(['float32', 'float64'] as const)(
    'copies the indexed rows in order, repeats included (%s)',
    (dtype) => {
      const x = storageOf(dtype, [0, 1, 10, 11, 20, 21]);
      const out = cpu.allocate(dtype, 8);
      cpu.gatherRows(x, 2, Int32Array.from([2, 0, 2, 1]), out);
      expect(Array.from(out)).toEqual([20, 21, 0, 1, 20, 21, 10, 11]);
    },
  );

  it('handles empty index lists and rows of one element', () => {
    const x = storageOf('float64', [5, 6, 7]);
    const empty = new Float64Array(0);
    cpu.gatherRows(x, 1, new Int32Array(0), empty);
    const out = new Float64Array(3);
    cpu.gatherRows(x, 1, Int32Array.from([1, 1, 2]), out);
    expect(Array.from(out)).toEqual([6, 6, 7]);
  });
});

describe('cpu.scatterAddRows', () => {
  it.each(['float32', 'float64'] as const)(
    'adds every row into its indexed row, accumulating repeated indices (%s)',
    (dtype) => {
      const x = storageOf(dtype, [1, 2, 3, 4, 5, 6, 7, 8]);
      const out = storageOf(dtype, [100, 100, 200, 200, 300, 300]);
      cpu.scatterAddRows(x, 2, Int32Array.from([2, 0, 2, 2]), out);
      expect(Array.from(out)).toEqual([103, 104, 200, 200, 313, 316]);
    },
  );

  it('is the adjoint of gatherRows: ⟨gather(x), y⟩ = ⟨x, scatterAdd(y)⟩', () => {
    const x = storageOf('float64', [1, -2, 3, 0.5, 4, -1]);
    const y = storageOf('float64', [2, 1, -1, 3, 0.25, 5, 1, 1]);
    const indices = Int32Array.from([1, 1, 0, 2]);
    const gathered = new Float64Array(8);
    cpu.gatherRows(x, 2, indices, gathered);
    const scattered = new Float64Array(6);
    cpu.scatterAddRows(y, 2, indices, scattered);
    const left = gathered.reduce((total, value, i) => total + value * y[i]!, 0);
    const right = scattered.reduce((total, value, i) => total + value * x[i]!, 0);
    expect(left).toBeCloseTo(right, 12);
  });
});
