import { mkdtemp, readFile, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  DataFormatError,
  Rng,
  StateDictError,
  createRegistry,
  randn,
} from '@deeptune/core';
import { Activation, Dense, Module, Sequential, plugin as layersPlugin } from '@deeptune/layers';
import { describeModel, predict } from '../../src/index.js';
import { loadModel, saveModel } from '../../src/node/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deeptune-train-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const registry = createRegistry({ plugins: [layersPlugin] });

function model(seed: number, hidden = 8): Sequential {
  const rng = new Rng(seed);
  return new Sequential([
    new Dense({ inputs: 4, units: hidden, rng }),
    new Activation('tanh'),
    new Dense({ inputs: hidden, units: 3, useBias: false, rng }),
  ]);
}

describe('saveModel / loadModel', () => {
  it('round-trips a model with bit-identical predictions and the JSON side files', async () => {
    const original = model(1);
    const inputs = randn([16, 4], { rng: new Rng(2) });
    const target = join(dir, 'model');
    await saveModel(target, {
      model: original,
      standardizer: { toJSON: () => ({ mean: [1, 2], variance: [3, 4] }) },
      trainingConfig: { optimizer: 'adam', learningRate: 0.001, seed: 0 },
      metrics: { devAccuracy: 0.9 },
    });
    expect((await readdir(target)).sort()).toEqual([
      'architecture.json',
      'deeptune-model.json',
      'metrics.json',
      'standardizer.json',
      'training.json',
      'weights.safetensors',
    ]);
    // The path is a link to the one complete generation; no staging leftovers, no lock.
    expect((await readdir(dir)).sort()).toEqual([
      `.model.deeptune-gen-${(await readlink(target)).split('deeptune-gen-')[1]}`,
      'model',
    ]);
    const loaded = await loadModel(target, { registry });
    expect(loaded.architecture).toEqual(describeModel(original));
    expect(loaded.standardizer).toEqual({ mean: [1, 2], variance: [3, 4] });
    expect(loaded.trainingConfig).toEqual({ optimizer: 'adam', learningRate: 0.001, seed: 0 });
    expect(loaded.metrics).toEqual({ devAccuracy: 0.9 });
    const before = predict(original, inputs).data;
    const after = predict(loaded.model, inputs).data;
    expect(new Uint8Array(after.buffer)).toEqual(new Uint8Array(before.buffer));
  });

  it('replaces an existing model directory completely', async () => {
    const target = join(dir, 'model');
    await saveModel(target, { model: model(1), metrics: { old: true } });
    await saveModel(target, { model: model(2) });
    expect((await readdir(target)).sort()).toEqual([
      'architecture.json',
      'deeptune-model.json',
      'weights.safetensors',
    ]);
    expect((await readdir(dir)).length).toBe(2); // the link and its generation only
    const loaded = await loadModel(target, { registry });
    expect(loaded.metrics).toBeUndefined();
    expect(Array.from(loaded.model.parameters()[0]!.data)).toEqual(
      Array.from(model(2).parameters()[0]!.data),
    );
  });

  it('names the file when the weights are corrupt or truncated', async () => {
    const target = join(dir, 'model');
    await saveModel(target, { model: model(1) });
    const weights = join(target, 'weights.safetensors');
    const bytes = await readFile(weights);
    await writeFile(weights, bytes.subarray(0, bytes.length - 10));
    await expect(loadModel(target, { registry })).rejects.toSatisfy(
      (error: unknown) =>
        DataFormatError.isInstance(error) &&
        /weights\.safetensors.*truncated/s.test((error as Error).message),
    );
  });

  it('names both files when the weights do not match the architecture', async () => {
    const target = join(dir, 'model');
    await saveModel(target, { model: model(1, 8) });
    const other = join(dir, 'other');
    await saveModel(other, { model: model(1, 5) });
    await writeFile(
      join(target, 'weights.safetensors'),
      await readFile(join(other, 'weights.safetensors')),
    );
    const error = await loadModel(target, { registry }).catch((caught: unknown) => caught);
    expect(StateDictError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /weights\.safetensors does not match .*architecture\.json/,
    );
  });

  it('names the file when architecture.json is corrupt or missing', async () => {
    const target = join(dir, 'model');
    await saveModel(target, { model: model(1) });
    await writeFile(
      join(target, 'architecture.json'),
      '{"format": "deeptune-sequential", "version": 1, "layers": [{"name": "x", "plugin": "convolution", "options": {}}]}',
    );
    await expect(loadModel(target, { registry })).rejects.toThrow(
      /architecture\.json: layers\[0\] 'x' \(plugin 'convolution'\) cannot be created/,
    );
    await writeFile(join(target, 'architecture.json'), '{ nope');
    await expect(loadModel(target, { registry })).rejects.toThrow(
      /architecture\.json is not valid JSON/,
    );
    await expect(loadModel(join(dir, 'missing'), { registry })).rejects.toThrow(DataFormatError);
  });

  it('refuses to describe layers it has no describer for', async () => {
    class Custom extends Module {
      readonly typeName = 'Custom';
      protected call(input: never): never {
        return input;
      }
    }
    await expect(
      saveModel(join(dir, 'model'), { model: new Sequential([new Custom()]) }),
    ).rejects.toThrow(ConfigError);
  });
});

describe('describeModel', () => {
  it('describes BatchNorm and Dropout layers through their public fields', () => {
    class BatchNorm extends Module {
      readonly typeName = 'BatchNorm';
      readonly features = 8;
      readonly epsilon = 1e-5;
      readonly runningAverageDecay = 0.9;
      readonly runningVariance = 'biased';
      readonly dtype = 'float32';
      protected call(input: never): never {
        return input;
      }
    }
    class Dropout extends Module {
      readonly typeName = 'Dropout';
      readonly keepProb = 0.8;
      protected call(input: never): never {
        return input;
      }
    }
    expect(describeModel(new Sequential([new BatchNorm(), new Dropout()])).layers).toEqual([
      {
        name: 'batchNorm1',
        plugin: 'batch-norm',
        options: {
          features: 8,
          epsilon: 1e-5,
          runningAverageDecay: 0.9,
          runningVariance: 'biased',
          dtype: 'float32',
        },
      },
      { name: 'dropout1', plugin: 'dropout', options: { keepProb: 0.8 } },
    ]);
  });
});
