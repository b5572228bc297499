import { describe, expect, it } from 'vitest';
import type { Tensor } from '@deeptune/core';
import { tensor } from '@deeptune/core';
import { decodeSafetensors, encodeSafetensors } from '../../src/index.js';
import { rawSafetensors } from '../node/model-fixtures.js';

describe('safetensors names that are prototype keys', () => {
  it('decodes a tensor named __proto__ as an own key, never as the prototype', () => {
    const { tensors } = decodeSafetensors(
      rawSafetensors([
        ['__proto__', [2], [1, 2]],
        ['w', [1], [3]],
      ]),
    );
    expect(Object.getPrototypeOf(tensors)).toBe(null);
    expect(Object.keys(tensors).sort()).toEqual(['__proto__', 'w']);
    expect(Array.from(tensors['__proto__']!.data)).toEqual([1, 2]);
  });

  it("refuses a dtype named like an Object.prototype member ('constructor')", () => {
    const header = new TextEncoder().encode(
      '{"w":{"dtype":"constructor","shape":[1],"data_offsets":[0,4]}}',
    );
    const bytes = new Uint8Array(8 + header.length + 4);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
    bytes.set(header, 8);
    expect(() => decodeSafetensors(bytes)).toThrow(
      /tensor 'w' has dtype "constructor"; expected 'F32' or 'F64'/,
    );
  });

  it('encodes a tensor named __proto__ into the header instead of dropping it', () => {
    const tensors = Object.create(null) as Record<string, Tensor>;
    tensors['__proto__'] = tensor([1, 2]);
    const { tensors: decoded } = decodeSafetensors(encodeSafetensors(tensors));
    expect(Object.keys(decoded)).toEqual(['__proto__']);
  });
});
