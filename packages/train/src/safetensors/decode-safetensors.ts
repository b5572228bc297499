import { DataFormatError, Tensor, formatShape } from '@deeptune/core';

/**
 * The content of a safetensors file.
 *
 * @category Safetensors
 */
export interface Safetensors {
  /**
   * The tensors by name, in a null-prototype object (a tensor named `'__proto__'` is an
   * ordinary own key, never the object's prototype).
   */
  readonly tensors: Record<string, Tensor>;
  /** The `__metadata__` strings (empty when absent), in a null-prototype object. */
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

/** One tensor described by a safetensors header. @internal */
export interface SafetensorsHeaderEntry {
  /** The tensor's name. */
  readonly name: string;
  /** The element type as stored. */
  readonly dtype: 'F32' | 'F64';
  /** The shape. */
  readonly shape: readonly number[];
  /** The first byte of its data, relative to the data section. */
  readonly begin: number;
  /** One past its last byte, relative to the data section. */
  readonly end: number;
}

/** A validated safetensors header. @internal */
export interface SafetensorsHeader {
  /** The byte where the data section begins (8 + the header length). */
  readonly dataStart: number;
  /** The length of the data section the tensors tile exactly. */
  readonly dataLength: number;
  /** The whole file's length the header implies: `dataStart + dataLength`. */
  readonly fileLength: number;
  /** The tensors by name. */
  readonly entries: ReadonlyMap<string, SafetensorsHeaderEntry>;
  /** The `__metadata__` strings, in a null-prototype object. */
  readonly metadata: Record<string, string>;
}

/** Refuse headers beyond this size, as the reference implementation does (100 MB). */
export const MAX_HEADER_BYTES = 100_000_000;

const BYTES: ReadonlyMap<string, number> = new Map([
  ['F32', 4],
  ['F64', 8],
]);

/** Whether `value` is a non-negative safe integer. */
function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Whether `value` is a JSON object (not an array). */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The length of the header that follows the first 8 bytes of a safetensors file, checked
 * against the file's length and {@link MAX_HEADER_BYTES}.
 * @internal
 */
export function safetensorsHeaderLength(
  prefix: Uint8Array,
  fileLength: number,
  where: string,
  maxHeaderBytes = MAX_HEADER_BYTES,
): number {
  const fail = failWith(where);
  if (prefix.length < 8 || fileLength < 8) {
    fail(`the file has ${fileLength} bytes; expected at least the 8-byte header length`);
  }
  const view = new DataView(prefix.buffer, prefix.byteOffset, 8);
  const length = view.getBigUint64(0, true);
  const limit = Math.min(maxHeaderBytes, fileLength - 8);
  if (length < 2n || length > BigInt(limit)) {
    fail(
      `the header length is ${length} bytes but the file holds ${fileLength - 8} bytes after the length; expected 2 ≤ length ≤ ${limit}`,
    );
  }
  return Number(length);
}

function failWith(where: string): (what: string) => never {
  return (what: string): never => {
    throw new DataFormatError(
      `${where}: ${what}. Hint: the file is corrupt or not safetensors; save it again.`,
    );
  };
}

/**
 * Parses and validates a safetensors header completely, without touching the data: the
 * JSON, every entry's dtype, shape and offsets, that the tensors tile the data section
 * exactly, and `__metadata__`. Names from the file are kept in a `Map` and a null-prototype
 * object, so `'__proto__'` or `'constructor'` are ordinary names.
 *
 * @param headerBytes - the header's bytes (after the 8-byte length).
 * @param fileLength - the whole file's length in bytes.
 * @param where - the file, for messages.
 * @internal
 */
export function parseSafetensorsHeader(
  headerBytes: Uint8Array,
  fileLength: number,
  where: string,
): SafetensorsHeader {
  const fail = failWith(where);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch (error) {
    throw new DataFormatError(
      `${where}: the header is not valid UTF-8 JSON (${(error as Error).message}).`,
      { cause: error },
    );
  }
  if (!isObject(header)) fail('the header must be a JSON object');
  const dataStart = 8 + headerBytes.length;
  const dataLength = fileLength - dataStart;
  const metadata: Record<string, string> = Object.create(null) as Record<string, string>;
  const entries: SafetensorsHeaderEntry[] = [];
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (!isObject(entry)) fail('__metadata__ must be an object of strings');
      for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
        if (typeof value !== 'string') fail(`__metadata__.${key} must be a string`);
        metadata[key] = value as string;
      }
      continue;
    }
    const fields = isObject(entry) ? entry : {};
    const dtype = Object.hasOwn(fields, 'dtype') ? fields['dtype'] : undefined;
    const shape = Object.hasOwn(fields, 'shape') ? fields['shape'] : undefined;
    const offsets = Object.hasOwn(fields, 'data_offsets') ? fields['data_offsets'] : undefined;
    const width = typeof dtype === 'string' ? BYTES.get(dtype) : undefined;
    if (width === undefined) {
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
    const expected = elements * width!;
    if (end < begin || end - begin !== expected) {
      fail(
        `tensor '${name}' ${dtype as string} ${formatShape(shape as number[])} needs ${expected} bytes but data_offsets [${begin}, ${end}] span ${end - begin}`,
      );
    }
    if (end > dataLength) {
      fail(
        `tensor '${name}' ends at byte ${end} of the data section but the file holds only ${dataLength} data bytes (truncated?)`,
      );
    }
    entries.push({
      name,
      dtype: dtype as 'F32' | 'F64',
      shape: [...(shape as number[])],
      begin,
      end,
    });
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
  return {
    dataStart,
    dataLength,
    fileLength,
    entries: new Map(entries.map((entry) => [entry.name, entry])),
    metadata,
  };
}

/**
 * Decodes a safetensors file (see {@link encodeSafetensors} for the layout) and validates it
 * completely: header length, JSON, every entry's dtype, shape and offsets, that the tensors
 * tile the data section exactly, and `__metadata__`.
 *
 * Browser-safe: bytes in. Supports `F32` and `F64` tensors. Names from the file never reach
 * an object's prototype: the results are null-prototype objects.
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
  if (!(bytes instanceof Uint8Array)) failWith(where)('expected a Uint8Array of the file bytes');
  const headerLength = safetensorsHeaderLength(bytes, bytes.length, where);
  const header = parseSafetensorsHeader(bytes.subarray(8, 8 + headerLength), bytes.length, where);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const tensors: Record<string, Tensor> = Object.create(null) as Record<string, Tensor>;
  for (const { name, dtype, shape, begin, end } of header.entries.values()) {
    const size = (end - begin) / BYTES.get(dtype)!;
    const data = dtype === 'F64' ? new Float64Array(size) : new Float32Array(size);
    const position = header.dataStart + begin;
    if (littleEndian) {
      new Uint8Array(data.buffer).set(bytes.subarray(position, position + (end - begin)));
    } else {
      for (let i = 0; i < size; i++) {
        data[i] =
          dtype === 'F64'
            ? view.getFloat64(position + i * 8, true)
            : view.getFloat32(position + i * 4, true);
      }
    }
    tensors[name] = new Tensor(data, shape);
  }
  return { tensors, metadata: header.metadata };
}
