import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { UsageError } from '../cli-error.js';

/** How many bytes of an existing file are read to recognise it as ours. */
const HEAD_BYTES = 512;

/**
 * Writes a text file atomically (a temporary file beside it, then a rename), replacing an
 * existing file only when `isOurs` recognises its first bytes as one this command wrote;
 * anything else is left alone.
 *
 * @param flag - the flag that named the file, for messages (`--best-config`).
 * @param extensions - the accepted extensions, lower case, with the dot.
 * @returns the absolute path written.
 * @throws {@link UsageError} for another kind of file at the path or a wrong extension.
 */
export async function writeOwnedFile(
  path: string,
  cwd: string,
  text: string,
  settings: {
    readonly flag: string;
    readonly extensions: readonly string[];
    readonly isOurs: (head: string) => boolean;
    readonly what: string;
  },
): Promise<string> {
  const { flag } = settings;
  const target = resolve(cwd, path);
  if (!settings.extensions.includes(extname(target).toLowerCase())) {
    throw new UsageError(`${flag} ${path}: write a ${settings.extensions.join(' or ')} file`);
  }
  let exists = false;
  try {
    const handle = await open(target, 'r');
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) {
        throw new UsageError(
          `${flag} ${path}: exists and is not a regular file; refusing to replace it`,
        );
      }
      const head = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
      if (!settings.isOurs(head.subarray(0, bytesRead).toString('utf8'))) {
        throw new UsageError(
          `${flag} ${path}: the file exists and is not ${settings.what}; refusing to overwrite it (choose another path or remove it)`,
        );
      }
      exists = true;
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UsageError(
        `${flag} ${path}: cannot check the existing file: ${(error as Error).message}`,
      );
    }
  }
  const temporary = join(
    dirname(target),
    `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, text, { flag: 'wx' });
  } catch (error) {
    throw new UsageError(`${flag} ${path}: cannot write there: ${(error as Error).message}`);
  }
  try {
    if (exists) {
      await rename(temporary, target);
    } else {
      // No file yet: link fails if one appeared meanwhile, so nothing is overwritten.
      try {
        await link(temporary, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new UsageError(
            `${flag} ${path}: a file appeared there while writing; refusing to overwrite it`,
          );
        }
        await rename(temporary, target); // a file system without hard links
      }
    }
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  return target;
}
