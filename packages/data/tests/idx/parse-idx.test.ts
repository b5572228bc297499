import { DTypeError, DataFormatError } from '@deeptune/core';
import { describe, expect, it } from 'vitest';
import { idxToTensor, parseIdx } from '../../src/index.js';

/** Builds an IDX file: magic, type byte, dimensions, then big-endian values. */
function idx(typeByte: number, shape: number[], values: number[], bytesPer: number): Uint8Array {
  const header = 4 + 4 * shape.length;
  const bytes = new Uint8Array(header + values.length * bytesPer);
  const view = new DataView(bytes.buffer);
  bytes[2] = typeByte;
  bytes[3] = shape.length;
  shape.forEach((size, axis) => view.setUint32(4 + 4 * axis, size));
  values.forEach((value, i) => {
    const offset = header + i * bytesPer;
    if (typeByte === 0x08) view.setUint8(offset, value);
    else if (typeByte === 0x09) view.setInt8(offset, value);
    else if (typeByte === 0x0b) view.setInt16(offset, value);
    else if (typeByte === 0x0c) view.setInt32(offset, value);
    else if (typeByte === 0x0d) view.setFloat32(offset, value);
    else view.setFloat64(offset, value);
  });
  return bytes;
}

describe('parseIdx', () => {
  it.each([
    [0x08, 'ubyte', 1, [0, 7, 255, 128, 1, 2]],
    [0x09, 'sbyte', 1, [-128, -1, 0, 1, 127, 5]],
    [0x0b, 'short', 2, [-32768, -2, 0, 3, 32767, 300]],
    [0x0c, 'int', 4, [-2147483648, -5, 0, 6, 2147483647, 70000]],
    [0x0d, 'float', 4, [-1.5, 0, 0.25, 3, 1e10, -7]],
    [0x0e, 'double', 8, [Math.PI, -0.1, 0, 1e300, 2, -3]],
  ])('reads type 0x%s (%s) big-endian values', (typeByte, type, bytesPer, values) => {
    const result = parseIdx(idx(typeByte, [2, 3], values, bytesPer), 'test.idx');
    expect(result.type).toBe(type);
    expect(result.shape).toEqual([2, 3]);
    expect(Array.from(result.data)).toEqual(values);
  });

  it('reads an IDX file at an offset inside a larger buffer', () => {
    const file = idx(0x0b, [2], [258, -3], 2);
    const padded = new Uint8Array(file.length + 3);
    padded.set(file, 3);
    expect(Array.from(parseIdx(padded.subarray(3), 'x').data)).toEqual([258, -3]);
  });

  it('rejects a truncated file, saying how many bytes were expected and found', () => {
    const file = idx(0x08, [10, 28, 28], new Array<number>(7840).fill(1), 1);
    const call = () => parseIdx(file.subarray(0, 1000), 'train-images');
    expect(call).toThrow(DataFormatError);
    expect(call).toThrow(/train-images: truncated.*10 × 28 × 28 ubyte.*7856 bytes.*found 1000/);
  });

  it('rejects extra bytes after the data', () => {
    const file = idx(0x08, [2], [1, 2], 1);
    const padded = new Uint8Array(file.length + 2);
    padded.set(file);
    expect(() => parseIdx(padded, 'labels')).toThrow(/2 unexpected bytes after the data/);
  });

  it('rejects a bad magic number, recognising gzip', () => {
    const gzip = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0]);
    expect(() => parseIdx(gzip, 'f.gz')).toThrow(DataFormatError);
    expect(() => parseIdx(gzip, 'f.gz')).toThrow(
      /bad magic number.*0x1f8b.*expected 0x0000.*gunzip/,
    );
  });

  it('rejects an unknown type byte, a truncated header and zero dimensions', () => {
    expect(() => parseIdx(new Uint8Array([0, 0, 0x0a, 1, 0, 0, 0, 0]), 'f')).toThrow(
      /unknown IDX data type 0x0a.*0x08 \(ubyte\)/,
    );
    expect(() => parseIdx(new Uint8Array([0, 0, 0x08, 3, 0, 0, 0, 1]), 'f')).toThrow(
      /truncated header: 3 dimensions need 16 header bytes, found 8/,
    );
    expect(() => parseIdx(new Uint8Array([0, 0, 0x08, 0]), 'f')).toThrow(/0 dimensions/);
    expect(() => parseIdx(new Uint8Array([0, 0]), 'f')).toThrow(/at least a 4-byte header/);
  });
});

describe('idxToTensor', () => {
  it('converts ubyte values without scaling', () => {
    const x = idxToTensor(parseIdx(idx(0x08, [1, 2, 2], [0, 1, 254, 255], 1), 'f'));
    expect(x.dtype).toBe('float32');
    expect(x.shape).toEqual([1, 2, 2]);
    expect(Array.from(x.data)).toEqual([0, 1, 254, 255]);
  });

  it('defaults to float64 for double files', () => {
    expect(idxToTensor(parseIdx(idx(0x0e, [1], [0.1], 8), 'f')).dtype).toBe('float64');
  });

  it('refuses to round values float32 cannot hold', () => {
    const ints = parseIdx(idx(0x0c, [1], [16777217], 4), 'f');
    expect(() => idxToTensor(ints, 'float32')).toThrow(DTypeError);
    expect(idxToTensor(ints, 'float64').get(0)).toBe(16777217);
    expect(() => idxToTensor(parseIdx(idx(0x0e, [1], [0.1], 8), 'f'), 'float32')).toThrow(
      /not exactly representable in float32/,
    );
  });
});
