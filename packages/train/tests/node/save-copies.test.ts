import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadModel, saveModel } from '../../src/node/index.js';
import { model, registry, sameState } from './model-fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deeptune-save-copies-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('saveModel and copies of a model made with cp -r', () => {
  it('keeps a same-folder copy (cp -r a b copies the link) loadable after the next save to a', async () => {
    const first = model(1);
    await saveModel(join(dir, 'a'), { model: first });
    execFileSync('cp', ['-r', join(dir, 'a'), join(dir, 'b')]);
    await saveModel(join(dir, 'a'), { model: model(2) });
    const copy = await loadModel(join(dir, 'b'), { registry });
    expect(sameState(copy.model.stateDict(), first.stateDict())).toBe(true);
    const current = await loadModel(join(dir, 'a'), { registry });
    expect(sameState(current.model.stateDict(), model(2).stateDict())).toBe(true);
  });

  it('explains a link copied to another folder without its generation', async () => {
    await saveModel(join(dir, 'a'), { model: model(1) });
    execFileSync('mkdir', [join(dir, 'elsewhere')]);
    execFileSync('cp', ['-r', join(dir, 'a'), join(dir, 'elsewhere', 'b')]);
    await expect(loadModel(join(dir, 'elsewhere', 'b'), { registry })).rejects.toThrow(
      "keeps only the link; copy models with 'cp -rL'",
    );
  });
});
