import { open, rename, rm } from 'node:fs/promises';

let counter = 0;

/**
 * Writes a file atomically: to a temporary sibling, flushed to disk, then renamed over the
 * target, so readers see the old file or the new one, never a partial one.
 * @internal
 */
export async function atomicWriteFile(path: string, data: Uint8Array | string): Promise<void> {
  counter += 1;
  const temporary = `${path}.tmp-${process.pid}-${counter}`;
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
