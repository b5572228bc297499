import { describe, expect, it } from 'vitest';
import { log, log1p, tensor } from '../../src/index.js';

describe('log1p', () => {
  it('matches Math.log1p element-wise in float64, where log(1 + x) loses small x', () => {
    const inputs = [0, 1e-20, -1e-17, 4.248354255291589e-18, 9.357622968840175e-14, 0.3, -0.5, 7];
    const x = tensor(inputs, { dtype: 'float64' });
    expect(log1p(x).toArray()).toEqual(inputs.map((v) => Math.log1p(v)));
    expect(log(x.add(1)).data[1]).toBe(0); // the precision log1p keeps
  });

  it('gives −Infinity at −1 and NaN below', () => {
    const values = log1p(tensor([-1, -2], { dtype: 'float64' })).toArray() as number[];
    expect(values[0]).toBe(Number.NEGATIVE_INFINITY);
    expect(values[1]).toBeNaN();
  });

  it('keeps the dtype and rounds float32 results once', () => {
    const y = tensor([1e-10, 0.5]).log1p();
    expect(y.dtype).toBe('float32');
    expect(y.toArray()).toEqual([Math.fround(Math.log1p(1e-10)), Math.fround(Math.log1p(0.5))]);
  });

  it('has derivative 1 / (1 + x)', () => {
    const x = tensor([0, 1, -0.5, 3], { dtype: 'float64', requiresGrad: true });
    log1p(x).sum().backward();
    expect(x.grad!.toArray()).toEqual([1, 0.5, 2, 0.25]);
  });
});
