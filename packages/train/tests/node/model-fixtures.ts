import { Rng, createRegistry, type StateDict } from '@deeptune/core';
import { Activation, Dense, Sequential, plugin as layersPlugin } from '@deeptune/layers';

/** A registry with the layer plugins of `@deeptune/layers`. */
export const registry = createRegistry({ plugins: [layersPlugin] });

/** A 4-hidden-3 tanh network. */
export function model(seed: number, hidden = 8): Sequential {
  const rng = new Rng(seed);
  return new Sequential([
    new Dense({ inputs: 4, units: hidden, rng }),
    new Activation('tanh'),
    new Dense({ inputs: hidden, units: 3, useBias: false, rng }),
  ]);
}

/** Whether two state dictionaries hold the same keys and bit-identical tensors. */
export function sameState(a: StateDict, b: StateDict): boolean {
  const keys = Object.keys(a).sort();
  if (keys.join() !== Object.keys(b).sort().join()) return false;
  return keys.every((key) => {
    const x = a[key]!.data;
    const y = b[key]!.data;
    return (
      Buffer.compare(
        Buffer.from(x.buffer, x.byteOffset, x.byteLength),
        Buffer.from(y.buffer, y.byteOffset, y.byteLength),
      ) === 0
    );
  });
}

/**
 * The bytes of a safetensors file written by hand, so tests control every header entry
 * (including names such as `__proto__`, which an object literal would swallow).
 */
export function rawSafetensors(
  tensors: readonly (readonly [
    name: string,
    shape: readonly number[],
    values: readonly number[],
  ])[],
): Uint8Array {
  let offset = 0;
  const entries = tensors.map(([name, shape, values]) => {
    const entry = `${JSON.stringify(name)}:${JSON.stringify({
      dtype: 'F32',
      shape,
      data_offsets: [offset, offset + values.length * 4],
    })}`;
    offset += values.length * 4;
    return entry;
  });
  let header = `{${entries.join(',')}}`;
  header += ' '.repeat((8 - (header.length % 8)) % 8);
  const headerBytes = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  const data = new Float32Array(tensors.flatMap(([, , values]) => [...values]));
  out.set(new Uint8Array(data.buffer), 8 + headerBytes.length);
  return out;
}
