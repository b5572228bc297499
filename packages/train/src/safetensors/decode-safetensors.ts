import { DataFormatError, Tensor } from '@deeptune/core';

/**
 * The content of a safetensors file.
 *
 * @category Safetensors
 */
export interface Safetensors {
  /** The tensors by name. */
  readonly tensors: Record<string, Tensor>;
  /** The `__metadata__` strings (empty when absent). */
  readonly metadata: Record<string, string>;
}

/**
 * Options of {@link decodeSafetensors}.
 *
 * @category Safetensors
 */
export interface DecodeSafetensorsOptions {
  /** The file name to put in error messages. @defaultValue 'safetensors' */
  readonly source?: string;
}

/** Refuse headers beyond this size, as the reference implementation does (100 MB). */
const MAX_HEADER_BYTES = 100_000_000;

const BYTES: Readonly<Record<string, number>> = { F32: 4, F64: 8 };

/** Whether `value` is a non-negative safe integer. */
function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Decodes a safetensors file (see {@link encodeSafetensors} for the layout) and validates it
 * completely: header length, JSON, every entry's dtype, shape and offsets, that the tensors
 * tile the data section exactly, and `__metadata__`.
 *
 * Browser-safe: bytes in. Supports `F32` and `F64` tensors.
 *
 * @param bytes - the file's content.
 * @param options - `source`, the file name for error messages.
 * @returns the tensors (copied, so they do not alias `bytes`) and the metadata.
 * @throws {@link @deeptune/core!DataFormatError} naming the source and what is wrong: a
 *   truncated file, a header length beyond the file, invalid JSON, an unsupported dtype, a
 *   shape that does not match the byte range, overlapping or missing data, trailing bytes.
 * @category Safetensors
 *
 * @example
 * ```ts
 * const { tensors, metadata } = decodeSafetensors(bytes, { source: 'weights.safetensors' });
 * model.loadStateDict(tensors);
 * ```
 */
export function decodeSafetensors(
  bytes: Uint8Array,
  options: DecodeSafetensorsOptions = {},
): Safetensors {
  const where = `decodeSafetensors (${options.source ?? 'safetensors'})`;
  const fail = (what: string): never => {
    throw new DataFormatError(
      `${where}: ${what}. Hint: the file is corrupt or not safetensors; save it again.`,
    );
  };
  if (!(bytes instanceof Uint8Array)) fail('expected a Uint8Array of the file bytes');
  if (bytes.length < 8)
    fail(`the file has ${bytes.length} bytes; expected at least the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength64 = view.getBigUint64(0, true);
  if (
    headerLength64 < 2n ||
    headerLength64 > BigInt(Math.min(MAX_HEADER_BYTES, bytes.length - 8))
  ) {
    fail(
      `the header length is ${headerLength64} bytes but the file holds ${bytes.length - 8} bytes after the length; expected 2 ≤ length ≤ ${Math.min(MAX_HEADER_BYTES, bytes.length - 8)}`,
    );
  }
  const headerLength = Number(headerLength64);
  let header: unknown;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)),
    );
  } catch (error) {
    throw new DataFormatError(
      `${where}: the header is not valid UTF-8 JSON (${(error as Error).message}).`,
      {
        cause: error,
      },
    );
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    fail('the header must be a JSON object');
  }
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const entries: { name: string; dtype: string; shape: number[]; begin: number; end: number }[] =
    [];
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        fail('__metadata__ must be an object of strings');
      }
      for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
        if (typeof value !== 'string') fail(`__metadata__.${key} must be a string`);
        metadata[key] = value as string;
      }
      continue;
    }
    const { dtype, shape, data_offsets: offsets } = (entry ?? {}) as Record<string, unknown>;
    if (typeof dtype !== 'string' || BYTES[dtype] === undefined) {
      fail(`tensor '${name}' has dtype ${JSON.stringify(dtype)}; expected 'F32' or 'F64'`);
    }
    if (!Array.isArray(shape) || !shape.every(isCount)) {
      fail(
        `tensor '${name}' has shape ${JSON.stringify(shape)}; expected an array of integers ≥ 0`,
      );
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
      fail(`tensor '${name}' has data_offsets ${JSON.stringify(offsets)}; expected [begin, end]`);
    }
    const [begin, end] = offsets as [number, number];
    const elements = (shape as number[]).reduce((product, size) => product * size, 1);
    const expected = elements * BYTES[dtype as string]!;
    if (end < begin || end - begin !== expected) {
      fail(
        `tensor '${name}' ${dtype as string} [${(shape as number[]).join(', ')}] needs ${expected} bytes but data_offsets [${begin}, ${end}] span ${end - begin}`,
      );
    }
    if (end > dataLength) {
      fail(
        `tensor '${name}' ends at byte ${end} of the data section but the file holds only ${dataLength} data bytes (truncated?)`,
      );
    }
    entries.push({ name, dtype: dtype as string, shape: shape as number[], begin, end });
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const entry of entries) {
    if (entry.begin !== covered) {
      fail(
        entry.begin < covered
          ? `tensor '${entry.name}' overlaps the previous tensor (begins at ${entry.begin}, before ${covered})`
          : `the data section has a gap at bytes ${covered}..${entry.begin} before tensor '${entry.name}'`,
      );
    }
    covered = entry.end;
  }
  if (covered !== dataLength) {
    fail(
      `the tensors cover ${covered} data bytes but the file holds ${dataLength}; expected them to match`,
    );
  }
  const tensors: Record<string, Tensor> = {};
  for (const { name, dtype, shape, begin, end } of entries) {
    const size = (end - begin) / BYTES[dtype]!;
    const data = dtype === 'F64' ? new Float64Array(size) : new Float32Array(size);
    const position = dataStart + begin;
    const raw = new Uint8Array(data.buffer);
    raw.set(bytes.subarray(position, position + (end - begin)));
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
      for (let i = 0; i < size; i++) {
        data[i] =
          dtype === 'F64'
            ? view.getFloat64(position + i * 8, true)
            : view.getFloat32(position + i * 4, true);
      }
    }
    tensors[name] = new Tensor(data, shape);
  }
  return { tensors, metadata };
}
