import { ConfigError } from '@deeptune/core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
});
