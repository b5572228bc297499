import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { ConfigError, DataFormatError } from '@deeptune/core';
import { formatBytes } from '../internal/format-bytes.js';

/**
 * Options of {@link readRegularFile}.
 *
 * @category Files
 */
export interface ReadRegularFileOptions {
  /** The largest file accepted, in bytes; a larger file is refused before it is read. */
  readonly maxBytes: number;
  /**
   * What the file is, for messages and hints (e.g. `'the weights file'`).
   * @defaultValue 'the file'
   */
  readonly what?: string;
}

/** Why a file could not be opened, in words, for the error codes people meet. */
const OPEN_FAILURES: ReadonlyMap<string, string> = new Map([
  ['ENOENT', 'no such file'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'operation not permitted'],
  ['ELOOP', 'too many levels of symbolic links (a link that points to itself?)'],
  ['ENOTDIR', 'a part of the path is not a directory'],
  ['ENAMETOOLONG', 'the path is too long'],
  ['EMFILE', 'too many open files'],
]);

/** The kind of a file-system entry that is not a regular file, for messages. */
function kindOf(stats: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads a whole file that someone else may have supplied, bounded: the path must name a
 * regular file (after following symbolic links) of at most `maxBytes` bytes, and nothing is
 * read before both are checked. A FIFO, a device such as `/dev/zero`, a directory or an
 * oversized file is refused with an error that names the path, so a hostile file can neither
 * hang the reader nor exhaust memory. Node only (`@deeptune/data/node`).
 *
 * The file is opened without blocking (`O_NONBLOCK`, so opening a FIFO cannot hang) and
 * checked through the open handle, so it cannot be swapped between the check and the read.
 *
 * @param where - the operation, for messages (e.g. `'loadModel'`).
 * @param path - the file.
 * @param options - `maxBytes` and `what`.
 * @returns the file's bytes.
 * @throws {@link @deeptune/core!ConfigError} when the path is empty or does not exist, or
 *   `maxBytes` is not a non-negative integer.
 * @throws {@link @deeptune/core!DataFormatError} when the path is not a regular file, is
 *   larger than `maxBytes`, cannot be read, or changes size while it is read.
 * @category Files
 *
 * @example
 * ```ts
 * import { readRegularFile } from '@deeptune/data/node';
 *
 * const bytes = await readRegularFile('loadModel', 'models/mnist/architecture.json', {
 *   maxBytes: 1024 * 1024,
 *   what: 'the architecture file',
 * });
 * ```
 */
export async function readRegularFile(
  where: string,
  path: string,
  options: ReadRegularFileOptions,
): Promise<Uint8Array> {
  const what = options.what ?? 'the file';
  const { handle, size } = await openRegularFile(where, path, options);
  try {
    // Read one byte more than announced, to notice a file that grows while it is read.
    const bytes = new Uint8Array(size + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === bytes.length) break;
    }
    if (filled !== size) {
      throw new DataFormatError(
        `${where}: ${what} '${path}' changed size while it was read (${size} bytes announced, ${filled}${filled > size ? '+' : ''} read). Hint: is another process writing it?`,
      );
    }
    return bytes.subarray(0, filled);
  } catch (error) {
    throw readFailure(where, what, path, error);
  } finally {
    await handle.close();
  }
}

/**
 * A regular file opened by {@link openRegularFile}: its handle (close it when done) and its
 * size in bytes, checked against the limit.
 *
 * @category Files
 */
export interface RegularFile {
  /** The open handle, read-only. */
  readonly handle: FileHandle;
  /** The file's size in bytes when it was opened. */
  readonly size: number;
}

/** A read error as a `DataFormatError` naming the file, unless it already is one. */
function readFailure(where: string, what: string, path: string, error: unknown): unknown {
  if (DataFormatError.isInstance(error)) return error;
  return new DataFormatError(
    `${where}: cannot read ${what} '${path}': ${(error as Error).message}.`,
    { cause: error },
  );
}

/**
 * Opens a file that someone else may have supplied for reading part of it, with the checks
 * of {@link readRegularFile}: a regular file (opened without blocking, checked through the
 * handle) of at most `maxBytes` bytes. For formats whose header says how much to read, such
 * as safetensors. Node only (`@deeptune/data/node`).
 *
 * @param where - the operation, for messages.
 * @param path - the file.
 * @param options - `maxBytes` and `what`.
 * @returns the open handle and the file's size; the caller closes the handle.
 * @throws {@link @deeptune/core!ConfigError} when the path is empty or does not exist, or
 *   `maxBytes` is not a non-negative integer.
 * @throws {@link @deeptune/core!DataFormatError} when the path is not a regular file, is
 *   larger than `maxBytes` or cannot be opened.
 * @category Files
 *
 * @example
 * ```ts
 * import { openRegularFile } from '@deeptune/data/node';
 *
 * const { handle, size } = await openRegularFile('loadModel', 'weights.safetensors', {
 *   maxBytes: 2 ** 31,
 * });
 * try {
 *   const prefix = new Uint8Array(8);
 *   await handle.read(prefix, 0, 8, 0);
 * } finally {
 *   await handle.close();
 * }
 * ```
 */
export async function openRegularFile(
  where: string,
  path: string,
  options: ReadRegularFileOptions,
): Promise<RegularFile> {
  const what = options.what ?? 'the file';
  if (typeof path !== 'string' || path.length === 0) {
    throw new ConfigError(
      `${where}: path must be a non-empty string, got ${JSON.stringify(path)}.`,
    );
  }
  const { maxBytes } = options;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new ConfigError(`${where}: maxBytes must be an integer ≥ 0, got ${String(maxBytes)}.`);
  }
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      (code === undefined ? undefined : OPEN_FAILURES.get(code)) ?? (error as Error).message;
    const ErrorClass = code === 'ENOENT' ? ConfigError : DataFormatError;
    throw new ErrorClass(`${where}: cannot read ${what} '${path}': ${reason}.`, {
      cause: error,
    });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      throw new DataFormatError(
        `${where}: ${what} '${path}' is ${kindOf(stats)}; expected a regular file.`,
      );
    }
    if (stats.size > maxBytes) {
      throw new DataFormatError(
        `${where}: ${what} '${path}' has ${formatBytes(stats.size)} (${stats.size} bytes); the limit is ${formatBytes(maxBytes)}. Hint: the file is not what it should be, or raise the limit.`,
      );
    }
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    throw readFailure(where, what, path, error);
  }
}
