import { describe, expect, it } from 'vitest';
import { logSoftmax, softmax, tensor } from '../../src/index.js';
import { assertTensorClose } from '../../src/testing/index.js';

describe('softmax', () => {
  it('matches the course example softmax([5, 2, −1, 3])', () => {
    assertTensorClose(softmax(tensor([5, 2, -1, 3])), [0.842, 0.042, 0.002, 0.114], {
      atol: 5e-4,
    });
  });

  it('sums to one along the chosen axis', () => {
    const p = softmax(
      tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { dtype: 'float64' },
      ),
      0,
    );
    assertTensorClose(p.sum(0), [1, 1]);
  });

  it('does not overflow for logits of 1000', () => {
    const p = softmax(tensor([1000, 1000, -1000], { dtype: 'float64' }));
    expect(p.toArray()).toEqual([0.5, 0.5, 0]);
  });
});

describe('logSoftmax', () => {
  it('is finite where log(softmax) underflows', () => {
    const result = logSoftmax(tensor([0, 1000], { dtype: 'float64' }));
    expect(result.toArray()).toEqual([-1000, 0]);
  });
});
