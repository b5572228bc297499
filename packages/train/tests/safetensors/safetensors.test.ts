import { describe, expect, it } from 'vitest';
import { DataFormatError, tensor } from '@deeptune/core';
import { decodeSafetensors, encodeSafetensors } from '../../src/index.js';

/** Builds a file from a header object and raw data bytes. */
function file(header: unknown, data: Uint8Array, declaredLength?: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(declaredLength ?? json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

describe('encodeSafetensors / decodeSafetensors', () => {
  it('round-trips float32 and float64 tensors bit for bit, with metadata', () => {
    const tensors = {
      'layer.weight': tensor([
        [1.5, -2],
        [Math.PI, 1e-30],
      ]),
      'layer.bias': tensor([0.1, -0], { dtype: 'float64' }),
      scalar: tensor(7),
    };
    const bytes = encodeSafetensors(tensors, { format: 'pt' });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    const decoded = decodeSafetensors(bytes);
    expect(decoded.metadata).toEqual({ format: 'pt' });
    for (const [name, value] of Object.entries(tensors)) {
      const restored = decoded.tensors[name]!;
      expect(restored.dtype).toBe(value.dtype);
      expect(restored.shape).toEqual(value.shape);
      expect(new Uint8Array(restored.data.buffer)).toEqual(new Uint8Array(value.data.buffer));
    }
  });

  it('writes the layout PyTorch reads: sorted names, contiguous offsets, F32/F64', () => {
    const bytes = encodeSafetensors({ b: tensor([1, 2]), a: tensor([3], { dtype: 'float64' }) });
    const length = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)));
    expect(header).toEqual({
      a: { dtype: 'F64', shape: [1], data_offsets: [0, 8] },
      b: { dtype: 'F32', shape: [2], data_offsets: [8, 16] },
    });
    expect(bytes.length).toBe(8 + length + 16);
  });

  const valid = { w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } };
  it.each([
    ['a file shorter than 8 bytes', new Uint8Array(4), /at least the 8-byte header length/],
    [
      'a header length beyond the file',
      file(valid, new Uint8Array(8), 10_000),
      /header length is 10000/,
    ],
    ['a corrupt header', file(valid, new Uint8Array(8)).fill(0x7b, 8, 12), /not valid UTF-8 JSON/],
    ['truncated data', file(valid, new Uint8Array(5)), /truncated/],
    ['trailing bytes', file(valid, new Uint8Array(12)), /cover 8 data bytes but the file holds 12/],
    [
      'an unsupported dtype',
      file({ w: { ...valid.w, dtype: 'I64' } }, new Uint8Array(8)),
      /dtype "I64"/,
    ],
    [
      'a shape that does not match',
      file({ w: { ...valid.w, shape: [3] } }, new Uint8Array(8)),
      /needs 12 bytes/,
    ],
    [
      'overlapping tensors',
      file(
        { w: valid.w, v: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } },
        new Uint8Array(8),
      ),
      /overlaps|gap/,
    ],
    [
      'non-string metadata',
      file({ ...valid, __metadata__: { epoch: 3 } }, new Uint8Array(8)),
      /__metadata__.epoch/,
    ],
  ])('rejects %s with a DataFormatError naming the source', (_, bytes, pattern) => {
    let error: unknown;
    try {
      decodeSafetensors(bytes, { source: 'weights.safetensors' });
    } catch (caught) {
      error = caught;
    }
    expect(DataFormatError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/weights\.safetensors/);
    expect((error as Error).message).toMatch(pattern);
  });
});
