import { dataset, tensor, type Dataset } from 'deeptune';

/** Pixels per MNIST image (28 × 28). */
export const MNIST_PIXELS = 784;

/** The side of an MNIST image in pixels. */
export const MNIST_SIDE = 28;

/** The magic bytes that start the subset file written by scripts/make-mnist-subset.mjs. */
export const SUBSET_MAGIC = 'DTMNIST1';

/** The largest subset file read, in bytes (the bundled one is about 2.7 MB). */
export const MAX_SUBSET_BYTES = 16 * 1024 * 1024;

const HEADER_BYTES = 24;

/** Labelled uint8 images of one split. */
export interface MnistImages {
  /** The number of images. */
  readonly count: number;
  /** 784 pixels per image, row by row, 0 (white paper) … 255 (ink). */
  readonly pixels: Uint8Array;
  /** The digit of each image, 0 … 9. */
  readonly labels: Uint8Array;
}

/** The bundled MNIST subset: training and test images. */
export interface MnistSubset {
  /** The training images. */
  readonly train: MnistImages;
  /** The test images. */
  readonly test: MnistImages;
}

/**
 * Reads the subset file written by scripts/make-mnist-subset.mjs (magic, counts, 28 × 28,
 * then labels and pixels of the training and the test images). Throws an `Error` naming
 * `source` and the problem when the bytes are not such a file.
 */
export function parseMnistSubset(bytes: Uint8Array, source = 'mnist-subset.bin'): MnistSubset {
  const fail = (what: string): never => {
    throw new Error(`${source}: ${what}; expected the MNIST subset written by make-mnist-subset.`);
  };
  if (bytes.length < HEADER_BYTES) fail(`only ${bytes.length} bytes`);
  if (bytes.length > MAX_SUBSET_BYTES) fail(`${bytes.length} bytes is over ${MAX_SUBSET_BYTES}`);
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== SUBSET_MAGIC) fail(`it starts with ${JSON.stringify(magic)}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const trainCount = view.getUint32(8, true);
  const testCount = view.getUint32(12, true);
  const rows = view.getUint32(16, true);
  const columns = view.getUint32(20, true);
  if (rows !== MNIST_SIDE || columns !== MNIST_SIDE) fail(`images are ${rows} × ${columns}`);
  const expected = HEADER_BYTES + (trainCount + testCount) * (1 + MNIST_PIXELS);
  if (bytes.length !== expected) {
    fail(`${bytes.length} bytes but its counts (${trainCount} + ${testCount}) imply ${expected}`);
  }
  let offset = HEADER_BYTES;
  const take = (length: number): Uint8Array => {
    const part = bytes.slice(offset, offset + length);
    offset += length;
    return part;
  };
  const split = (count: number): MnistImages => {
    const labels = take(count);
    const pixels = take(count * MNIST_PIXELS);
    const bad = labels.findIndex((label) => label > 9);
    if (bad !== -1) fail(`label ${labels[bad]} at image ${bad} is not a digit`);
    return { count, pixels, labels };
  };
  const train = split(trainCount);
  const test = split(testCount);
  return { train, test };
}

/** The first `count` images of `images` as a dataset: inputs `[count, 784]` = pixel / 255. */
export function imagesDataset(images: MnistImages, count = images.count): Dataset {
  const used = Math.min(count, images.count);
  const inputs = new Float32Array(used * MNIST_PIXELS);
  for (let i = 0; i < inputs.length; i++) inputs[i] = images.pixels[i]! / 255;
  const targets = new Float32Array(used);
  for (let i = 0; i < used; i++) targets[i] = images.labels[i]!;
  return dataset(tensor(inputs, { shape: [used, MNIST_PIXELS] }), tensor(targets));
}

/** Image `index` of `images` as 784 values in [0, 1] (pixel / 255). */
export function imageInputs(images: MnistImages, index: number): Float32Array {
  const values = new Float32Array(MNIST_PIXELS);
  const start = index * MNIST_PIXELS;
  for (let i = 0; i < MNIST_PIXELS; i++) values[i] = images.pixels[start + i]! / 255;
  return values;
}
