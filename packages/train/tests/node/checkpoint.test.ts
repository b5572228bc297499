import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidHyperparameterError } from '@deeptune/core';
import { sgd } from '@deeptune/optimizers';
import { softmaxCrossEntropy } from '@deeptune/layers';
import { decodeSafetensors, fit } from '../../src/index.js';
import { checkpoint } from '../../src/node/index.js';
import { blobs, smallNet } from '../support/synthetic.js';

describe('checkpoint', () => {
  it('writes the weights every N epochs, loadable into the model', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deeptune-checkpoint-'));
    try {
      const model = smallNet(1);
      await fit(model, blobs(30, 2), {
        loss: softmaxCrossEntropy,
        optimizer: sgd({ learningRate: 0.05 }),
        epochs: 4,
        batchSize: 10,
        callbacks: [checkpoint({ dir, every: 2 })],
      });
      expect((await readdir(dir)).sort()).toEqual([
        'epoch-0002.safetensors',
        'epoch-0004.safetensors',
      ]);
      const { tensors, metadata } = decodeSafetensors(
        await readFile(join(dir, 'epoch-0004.safetensors')),
      );
      expect(metadata.epoch).toBe('4');
      expect(metadata.step).toBe('12');
      const restored = smallNet(9);
      restored.loadStateDict(tensors);
      expect(Array.from(restored.parameters()[0]!.data)).toEqual(
        Array.from(model.parameters()[0]!.data),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects every < 1', () => {
    expect(() => checkpoint({ dir: 'x', every: 0 })).toThrow(InvalidHyperparameterError);
  });
});
