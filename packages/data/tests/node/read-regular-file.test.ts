import { ConfigError, DataFormatError } from '@deeptune/core';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRegularFile } from '../../src/node/index.js';

describe('readRegularFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deeptune-read-'));
    await writeFile(join(dir, 'small.json'), '{"a":1}');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a regular file within the limit', async () => {
    const bytes = await readRegularFile('test', join(dir, 'small.json'), { maxBytes: 7 });
    expect(new TextDecoder().decode(bytes)).toBe('{"a":1}');
  });

  it('refuses a file larger than the limit before reading it, naming path and sizes', async () => {
    const path = join(dir, 'small.json');
    const attempt = readRegularFile('loadModel', path, { maxBytes: 6, what: 'the weights file' });
    await expect(attempt).rejects.toThrow(DataFormatError);
    await expect(attempt).rejects.toThrow(
      `loadModel: the weights file '${path}' has 7 B (7 bytes); the limit is 6 B`,
    );
  });

  it('refuses a symbolic link to /dev/zero as a character device', async () => {
    const path = join(dir, 'zero');
    await symlink('/dev/zero', path);
    await expect(readRegularFile('test', path, { maxBytes: 1024 })).rejects.toThrow(
      `test: the file '${path}' is a character device; expected a regular file.`,
    );
  });

  it('refuses a FIFO without blocking on it', async () => {
    const path = join(dir, 'fifo');
    execFileSync('mkfifo', [path]);
    await expect(readRegularFile('test', path, { maxBytes: 1024 })).rejects.toThrow(
      `test: the file '${path}' is a FIFO (named pipe); expected a regular file.`,
    );
  });

  it('refuses a directory', async () => {
    const path = join(dir, 'sub');
    await mkdir(path);
    await expect(readRegularFile('test', path, { maxBytes: 1024 })).rejects.toThrow(
      `'${path}' is a directory; expected a regular file.`,
    );
  });

  it('reports a missing file as a ConfigError', async () => {
    const path = join(dir, 'missing.json');
    const attempt = readRegularFile('test', path, { maxBytes: 1024 });
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.toThrow(`cannot read the file '${path}': no such file.`);
  });

  it('says in words why a path cannot be opened (a link loop), naming it', async () => {
    const path = join(dir, 'loop');
    await symlink(path, path);
    const attempt = readRegularFile('test', path, { maxBytes: 1024 });
    await expect(attempt).rejects.toThrow(DataFormatError);
    await expect(attempt).rejects.toThrow(
      `test: cannot read the file '${path}': too many levels of symbolic links (a link that points to itself?).`,
    );
  });

  it('rejects an invalid limit', async () => {
    await expect(
      readRegularFile('test', join(dir, 'small.json'), { maxBytes: Number.NaN }),
    ).rejects.toThrow('test: maxBytes must be an integer ≥ 0, got NaN.');
  });
});
