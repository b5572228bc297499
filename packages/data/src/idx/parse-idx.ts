import { ConfigError, DataFormatError, describeValue } from '@deeptune/core';
import type { IdxArray, IdxData, IdxType } from './idx-array.js';

/** Element type, size in bytes and decoder of each IDX type byte. */
const IDX_TYPES: ReadonlyMap<
  number,
  {
    readonly type: IdxType;
    readonly bytes: number;
    readonly decode: (view: DataView, offset: number, count: number) => IdxData;
  }
> = new Map([
  [
    0x08,
    {
      type: 'ubyte',
      bytes: 1,
      decode: (view, offset, count) =>
        new Uint8Array(
          view.buffer.slice(view.byteOffset + offset, view.byteOffset + offset + count),
        ),
    },
  ],
  [
    0x09,
    {
      type: 'sbyte',
      bytes: 1,
      decode: (view, offset, count) =>
        new Int8Array(
          view.buffer.slice(view.byteOffset + offset, view.byteOffset + offset + count),
        ),
    },
  ],
  [
    0x0b,
    {
      type: 'short',
      bytes: 2,
      decode: (view, offset, count) =>
        Int16Array.from({ length: count }, (_, i) => view.getInt16(offset + 2 * i)),
    },
  ],
  [
    0x0c,
    {
      type: 'int',
      bytes: 4,
      decode: (view, offset, count) =>
        Int32Array.from({ length: count }, (_, i) => view.getInt32(offset + 4 * i)),
    },
  ],
  [
    0x0d,
    {
      type: 'float',
      bytes: 4,
      decode: (view, offset, count) =>
        Float32Array.from({ length: count }, (_, i) => view.getFloat32(offset + 4 * i)),
    },
  ],
  [
    0x0e,
    {
      type: 'double',
      bytes: 8,
      decode: (view, offset, count) =>
        Float64Array.from({ length: count }, (_, i) => view.getFloat64(offset + 8 * i)),
    },
  ],
]);

/** `0x08 (ubyte), 0x09 (sbyte), …` for error messages. */
const KNOWN_TYPES = [...IDX_TYPES]
  .map(([byte, { type }]) => `${hex(byte, 2)} (${type})`)
  .join(', ');

/** Formats a non-negative integer as `0x` + `digits` hex digits. */
function hex(value: number, digits: number): string {
  return `0x${value.toString(16).padStart(digits, '0')}`;
}

/** A hint for common wrong file types, recognised by their first two bytes. */
function magicHint(first: number, second: number): string {
  if (first === 0x1f && second === 0x8b) {
    return ' Hint: this is a gzip file (MNIST downloads are *.gz); decompress it first (gunzip).';
  }
  if (first === 0x3c) return ' Hint: this looks like an HTML page, not the data file.';
  return '';
}

/**
 * Decodes an IDX file (the format of MNIST and Fashion-MNIST), validating it completely.
 *
 * The format: two zero bytes (the magic number `0x0000`), a type byte (see {@link IdxType}),
 * the number of dimensions d ≥ 1, then d big-endian unsigned 32-bit sizes, then the
 * values, big-endian, row-major. Everything is checked before any value is read: the magic
 * number, the type byte, that the header fits, and that the file length is *exactly* the
 * header plus the product of the sizes times the element size. A truncated, padded or
 * corrupt file gets a {@link @deeptune/core!DataFormatError} that says what is wrong
 * (expected versus found bytes, the bad magic number); never a garbage array.
 *
 * Browser-safe: pass the bytes of a `fetch` response. In Node, `readIdx` from
 * `@deeptune/data/node` reads a file.
 *
 * @param bytes - the whole file.
 * @param name - the file name, used in error messages.
 * @returns the decoded {@link IdxArray} (the values are copied).
 * @throws {@link @deeptune/core!DataFormatError} when the bytes are not a valid IDX file.
 * @throws {@link @deeptune/core!ConfigError} when `bytes` is not a `Uint8Array`.
 * @category IDX
 *
 * @example
 * ```ts
 * const response = await fetch('/data/t10k-labels-idx1-ubyte');
 * const labels = parseIdx(new Uint8Array(await response.arrayBuffer()), 't10k-labels');
 * labels.shape; // [10000]
 * ```
 */
export function parseIdx(bytes: Uint8Array, name: string): IdxArray {
  if (!(bytes instanceof Uint8Array)) {
    throw new ConfigError(`parseIdx: bytes must be a Uint8Array, got ${describeValue(bytes)}.`);
  }
  const where = `${name}`;
  if (bytes.length < 4) {
    throw new DataFormatError(
      `${where}: not an IDX file: expected at least a 4-byte header (magic number, type, dimensions), found ${bytes.length} bytes.`,
    );
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DataFormatError(
      `${where}: bad magic number: the first two bytes are ${hex((bytes[0]! << 8) | bytes[1]!, 4)}, expected 0x0000 for an IDX file.` +
        magicHint(bytes[0]!, bytes[1]!),
    );
  }
  const typeByte = bytes[2]!;
  const spec = IDX_TYPES.get(typeByte);
  if (spec === undefined) {
    throw new DataFormatError(
      `${where}: unknown IDX data type ${hex(typeByte, 2)} in byte 2; expected one of ${KNOWN_TYPES}.`,
    );
  }
  const rank = bytes[3]!;
  if (rank === 0) {
    throw new DataFormatError(`${where}: the header declares 0 dimensions; expected at least 1.`);
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new DataFormatError(
      `${where}: truncated header: ${rank} dimensions need ${headerBytes} header bytes, found ${bytes.length} bytes in total.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  let count = 1;
  for (let axis = 0; axis < rank; axis++) {
    const size = view.getUint32(4 + 4 * axis);
    shape.push(size);
    count *= size;
  }
  const dataBytes = count * spec.bytes;
  const expected = headerBytes + dataBytes;
  if (bytes.length !== expected) {
    const problem =
      bytes.length < expected
        ? `truncated: ${expected - bytes.length} bytes are missing`
        : `${bytes.length - expected} unexpected bytes after the data`;
    throw new DataFormatError(
      `${where}: ${problem}: the header declares ${shape.join(' × ')} ${spec.type} values, so the file ` +
        `should have ${expected} bytes (${headerBytes}-byte header + ${dataBytes} data bytes), found ${bytes.length}. ` +
        'Hint: the file may be incomplete or corrupt; download it again.',
    );
  }
  return Object.freeze({
    type: spec.type,
    shape: Object.freeze(shape),
    data: spec.decode(view, headerBytes, count),
  });
}
