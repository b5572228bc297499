import { ConfigError, DataFormatError } from '@deeptune/core';
import { openRegularFile } from '@deeptune/data/node';
import {
  parseSafetensorsHeader,
  safetensorsHeaderLength,
  type SafetensorsHeader,
} from '../safetensors/decode-safetensors.js';

/**
 * The largest safetensors header `loadModel` reads: room for about 50,000 tensors' entries
 * (models have hundreds or thousands), and small enough that parsing a hostile header
 * cannot exhaust memory.
 */
export const MAX_LOADED_HEADER_BYTES = 4 * 1024 * 1024;

/**
 * Reads and validates only the header of a safetensors file that someone else may have
 * supplied: the path must be a regular file (opened without blocking, checked through the
 * handle, like `readRegularFile` of `@deeptune/data/node`) of at most `maxBytes` bytes, its
 * header at most {@link MAX_LOADED_HEADER_BYTES}, and the tensors the header describes must
 * tile the rest of the file exactly. Reads 8 + header-length bytes, never the data.
 *
 * @throws {@link @deeptune/core!DataFormatError} naming the file.
 * @internal
 */
export async function readSafetensorsHeader(
  where: string,
  path: string,
  maxBytes: number,
): Promise<SafetensorsHeader> {
  const what = `${where}: the weights file '${path}'`;
  let file;
  try {
    file = await openRegularFile(where, path, { maxBytes, what: 'the weights file' });
  } catch (error) {
    if (!ConfigError.isInstance(error)) throw error;
    throw new DataFormatError(
      `${what} does not exist; the model directory is incomplete. Hint: save the model again.`,
      { cause: error },
    );
  }
  const { handle, size } = file;
  try {
    const readExactly = async (length: number, position: number): Promise<Uint8Array> => {
      const bytes = new Uint8Array(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(bytes, filled, length - filled, position + filled);
        if (bytesRead === 0) {
          throw new DataFormatError(
            `${what} ended after ${position + filled} bytes while its header was read.`,
          );
        }
        filled += bytesRead;
      }
      return bytes;
    };
    const source = `${where} (${path})`;
    const prefix = await readExactly(Math.min(8, size), 0);
    const headerLength = safetensorsHeaderLength(prefix, size, source, MAX_LOADED_HEADER_BYTES);
    return parseSafetensorsHeader(await readExactly(headerLength, 8), size, source);
  } catch (error) {
    if (DataFormatError.isInstance(error)) throw error;
    throw new DataFormatError(`${what} cannot be read: ${(error as Error).message}.`, {
      cause: error,
    });
  } finally {
    await handle.close();
  }
}
