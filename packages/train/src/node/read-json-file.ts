import { ConfigError, DataFormatError } from '@deeptune/core';
import { readRegularFile } from '@deeptune/data/node';

/** The largest JSON file of a model directory accepted by default (architecture, training, metrics). */
export const MAX_JSON_BYTES = 1024 * 1024;

/**
 * The most objects and arrays one JSON file may hold: far beyond any model file, and small
 * enough that parsing a hostile file of empty containers (`[[],[],…]`) cannot exhaust memory.
 */
const MAX_CONTAINERS = 65_536;

/** Whether an error of `readRegularFile` says the file does not exist. */
export function isMissingFile(error: unknown): boolean {
  return (
    ConfigError.isInstance(error) &&
    ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
  );
}

/**
 * Reads a file bounded by `maxBytes` as a regular file (never a FIFO, device or directory),
 * or `undefined` when it does not exist.
 * @internal
 */
export async function readOptionalFile(
  where: string,
  path: string,
  maxBytes: number,
  what: string,
): Promise<Uint8Array | undefined> {
  try {
    return await readRegularFile(where, path, { maxBytes, what });
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw error;
  }
}

/**
 * Parses JSON read from a file, naming the file on failure; refuses more than
 * {@link MAX_CONTAINERS} objects and arrays before parsing.
 * @internal
 */
export function parseJsonFile(where: string, path: string, bytes: Uint8Array): unknown {
  let containers = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x7b || byte === 0x5b) {
      containers++;
      if (containers > MAX_CONTAINERS) {
        throw new DataFormatError(
          `${where}: ${path} holds more than ${MAX_CONTAINERS} JSON objects and arrays; a model file never does. Hint: the file is not what it should be.`,
        );
      }
    }
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new DataFormatError(
      `${where}: ${path} is not valid JSON (${(error as Error).message}). Hint: the file is corrupt; save the model again.`,
      { cause: error },
    );
  }
}
