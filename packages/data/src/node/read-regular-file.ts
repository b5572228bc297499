import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
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
  if (typeof path !== 'string' || path.length === 0) {
    throw new ConfigError(
      `${where}: path must be a non-empty string, got ${JSON.stringify(path)}.`,
    );
  }
  const { maxBytes } = options;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new ConfigError(`${where}: maxBytes must be an integer ≥ 0, got ${String(maxBytes)}.`);
  }
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : (error as Error).message;
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
    // Read one byte more than announced, to notice a file that grows while it is read.
    const bytes = new Uint8Array(stats.size + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === bytes.length) break;
    }
    if (filled !== stats.size) {
      throw new DataFormatError(
        `${where}: ${what} '${path}' changed size while it was read (${stats.size} bytes announced, ${filled}${filled > stats.size ? '+' : ''} read). Hint: is another process writing it?`,
      );
    }
    return bytes.subarray(0, filled);
  } catch (error) {
    if (DataFormatError.isInstance(error)) throw error;
    throw new DataFormatError(
      `${where}: cannot read ${what} '${path}': ${(error as Error).message}.`,
      { cause: error },
    );
  } finally {
    await handle.close();
  }
}
