import { ConfigError } from '@deeptune/core';

/**
 * Reads a whole file with `read`, turning a file-system error into a `ConfigError` that
 * names the path and the reason (the original error is the `cause`).
 * @internal
 */
export async function readBytes(
  where: string,
  path: string,
  read: (path: string) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  if (typeof path !== 'string' || path.length === 0) {
    throw new ConfigError(
      `${where}: path must be a non-empty string, got ${JSON.stringify(path)}.`,
    );
  }
  try {
    return await read(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${where}: cannot read '${path}': ${reason}.`, { cause: error });
  }
}
