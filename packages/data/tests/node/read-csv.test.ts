import { ConfigError, DataFormatError } from '@deeptune/core';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/node/index.js';

describe('readCsv', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deeptune-csv-'));
    await writeFile(join(dir, 'data.csv'), '\uFEFFx1,x2,y\n1,2,0\n3,oops,1\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the file, row and column in errors', async () => {
    const path = join(dir, 'data.csv');
    await expect(readCsv(path, { labelColumn: 'y' })).rejects.toThrow(
      `${path} row 3, column 'x2': expected a number, got 'oops'`,
    );
  });

  it('reads a valid file', async () => {
    await writeFile(join(dir, 'ok.csv'), 'x1,x2,y\n1,2,0\n3,4,1\n');
    const { dataset } = await readCsv(join(dir, 'ok.csv'), { labelColumn: 'y' });
    expect(dataset.size).toBe(2);
  });

  it('reports a missing file as a ConfigError', async () => {
    await expect(readCsv(join(dir, 'missing.csv'), { labelColumn: 'y' })).rejects.toThrow(
      ConfigError,
    );
  });

  it('refuses a non-finite cell, naming the file, row and column', async () => {
    const path = join(dir, 'overflow.csv');
    await writeFile(path, 'x1,x2,y\n1,2,0\n3,1e400,1\n');
    const reading = readCsv(path, { labelColumn: 'y' });
    await expect(reading).rejects.toThrow(DataFormatError);
    await expect(reading).rejects.toThrow(
      `${path} row 3, column 'x2': '1e400' is beyond the range of float64`,
    );
  });

  it('refuses /dev/zero and a FIFO at once, naming the path', async () => {
    const zero = readCsv('/dev/zero', { labelColumn: 'y' });
    await expect(zero).rejects.toThrow(DataFormatError);
    await expect(zero).rejects.toThrow(
      "readCsv: the CSV file '/dev/zero' is a character device; expected a regular file.",
    );
    const link = join(dir, 'zero.csv');
    await symlink('/dev/zero', link);
    await expect(readCsv(link, { labelColumn: 'y' })).rejects.toThrow(
      `'${link}' is a character device`,
    );
    const fifo = join(dir, 'fifo.csv');
    execFileSync('mkfifo', [fifo]);
    await expect(readCsv(fifo, { labelColumn: 'y' })).rejects.toThrow(
      `readCsv: the CSV file '${fifo}' is a FIFO (named pipe); expected a regular file.`,
    );
  });

  it('refuses a file larger than maxBytes before reading it', async () => {
    const path = join(dir, 'ok.csv');
    const reading = readCsv(path, { labelColumn: 'y', maxBytes: 10 });
    await expect(reading).rejects.toThrow(DataFormatError);
    await expect(reading).rejects.toThrow(
      `readCsv: the CSV file '${path}' has 20 B (20 bytes); the limit is 10 B.`,
    );
    await expect(readCsv(path, { labelColumn: 'y', maxBytes: -1 })).rejects.toThrow(
      'readCsv: maxBytes must be an integer ≥ 0, got -1.',
    );
  });
});
