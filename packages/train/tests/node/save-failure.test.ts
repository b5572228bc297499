import { lstat, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeModel, encodeSafetensors } from '../../src/index.js';
import { loadModel, saveModel } from '../../src/node/index.js';
import { model, registry, sameState } from './model-fixtures.js';

/** Failures to inject into node:fs/promises, by function name, matching `from -> to`. */
const failures = vi.hoisted(() => ({ rename: [] as RegExp[], symlink: [] as RegExp[] }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof FsPromises>();
  const failing =
    <A extends unknown[], R>(name: 'rename' | 'symlink', fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const paths = `${String(args[0])} -> ${String(args[1])}`;
      if (failures[name].some((pattern) => pattern.test(paths))) {
        const error = new Error(`EIO: injected failure, ${name} ${paths}`) as NodeJS.ErrnoException;
        error.code = 'EIO';
        throw error;
      }
      return fn(...args);
    };
  return {
    ...original,
    rename: failing('rename', original.rename),
    symlink: failing('symlink', original.symlink),
  };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deeptune-save-failure-'));
});
afterEach(async () => {
  failures.rename.length = 0;
  failures.symlink.length = 0;
  await rm(dir, { recursive: true, force: true });
});

describe('saveModel when the file system fails', () => {
  it('restores a directory of an earlier version when the link cannot be renamed in', async () => {
    const target = join(dir, 'legacy');
    await mkdir(target);
    const original = model(1);
    await writeFile(join(target, 'weights.safetensors'), encodeSafetensors(original.stateDict()));
    await writeFile(join(target, 'architecture.json'), JSON.stringify(describeModel(original)));
    failures.rename.push(/deeptune-link-.* -> .*\/legacy$/); // renaming the link in fails
    const error = await saveModel(target, { model: model(2) }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/EIO: injected failure, rename/);
    expect((await lstat(target)).isDirectory()).toBe(true); // the old directory is back
    expect((await readdir(dir)).sort()).toEqual(['legacy']); // nothing left beside it
    failures.rename.length = 0;
    const loaded = await loadModel(target, { registry });
    expect(sameState(loaded.model.stateDict(), original.stateDict())).toBe(true);
  });

  it('keeps the old model and leaves nothing behind when a save fails before its commit', async () => {
    const target = join(dir, 'model');
    await saveModel(target, { model: model(1) });
    failures.symlink.push(/deeptune-link-/);
    await expect(saveModel(target, { model: model(2) })).rejects.toThrow(/EIO/);
    expect((await readdir(dir)).length).toBe(2); // the link and its generation: no new one, no lock
    failures.symlink.length = 0;
    const loaded = await loadModel(target, { registry });
    expect(sameState(loaded.model.stateDict(), model(1).stateDict())).toBe(true);
    await saveModel(target, { model: model(2) }); // and the lock was released
  });
});
