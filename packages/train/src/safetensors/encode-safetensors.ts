import { ConfigError, isTensor, type Tensor, describeValue } from '@deeptune/core';

/** Whether this platform stores typed arrays little-endian (every mainstream one does). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Encodes named tensors in the safetensors format, readable by PyTorch's
 * `safetensors.torch.load_file`.
 *
 * Browser-safe: bytes out, no file system. Tensors are stored in the order of their sorted
 * names; `float32` as `F32`, `float64` as `F64`.
 *
 * @remarks
 * ```text
 * bytes 0..8     N, the header length (unsigned 64-bit little-endian)
 * bytes 8..8+N   JSON: { name: { dtype, shape, data_offsets: [begin, end] }, __metadata__? }
 *                padded with spaces to a multiple of 8 bytes
 * bytes 8+N..    the tensors' elements, little-endian, row-major; offsets relative to here
 * ```
 * @see https://github.com/huggingface/safetensors
 *
 * @param tensors - tensors by name (e.g. a model's `stateDict()`).
 * @param metadata - optional string-to-string metadata (`__metadata__`).
 * @returns the file's bytes.
 * @throws {@link @deeptune/core!ConfigError} when a value is not a tensor, a name is empty
 *   or `'__metadata__'`, or a metadata value is not a string.
 * @category Safetensors
 *
 * @example
 * ```ts
 * const bytes = encodeSafetensors(model.stateDict(), { format: 'pt' });
 * ```
 */
export function encodeSafetensors(
  tensors: Readonly<Record<string, Tensor>>,
  metadata?: Readonly<Record<string, string>>,
): Uint8Array {
  const where = 'encodeSafetensors';
  const names = Object.keys(tensors).sort();
  // Null prototype: a tensor named '__proto__' is an ordinary key of the header.
  const header: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  if (metadata !== undefined) {
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string') {
        throw new ConfigError(
          `${where}: metadata '${key}' must be a string, got ${describeValue(value)}. Hint: JSON.stringify it.`,
        );
      }
    }
    header['__metadata__'] = { ...metadata };
  }
  let offset = 0;
  for (const name of names) {
    const value = tensors[name];
    if (name === '' || name === '__metadata__') {
      throw new ConfigError(`${where}: invalid tensor name ${JSON.stringify(name)}.`);
    }
    if (!isTensor(value)) {
      throw new ConfigError(`${where}: '${name}' must be a Tensor, got ${describeValue(value)}.`);
    }
    const bytes = value.data.byteLength;
    header[name] = {
      dtype: value.dtype === 'float64' ? 'F64' : 'F32',
      shape: [...value.shape],
      data_offsets: [offset, offset + bytes],
    };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  const encoder = new TextEncoder();
  let headerBytes = encoder.encode(json);
  const padding = (8 - (headerBytes.length % 8)) % 8;
  if (padding > 0) {
    json += ' '.repeat(padding);
    headerBytes = encoder.encode(json);
  }
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let position = 8 + headerBytes.length;
  for (const name of names) {
    const data = tensors[name]!.data;
    if (LITTLE_ENDIAN) {
      out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), position);
    } else {
      const wide = data instanceof Float64Array;
      for (let i = 0; i < data.length; i++) {
        if (wide) view.setFloat64(position + i * 8, data[i]!, true);
        else view.setFloat32(position + i * 4, data[i]!, true);
      }
    }
    position += data.byteLength;
  }
  return out;
}
