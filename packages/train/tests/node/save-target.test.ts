import { spawnSync } from 'node:child_process';
import {
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rename,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '@deeptune/core';
import { describeModel, encodeSafetensors } from '../../src/index.js';
import { checkSaveTarget, loadModel, saveModel } from '../../src/node/index.js';
import { model, registry, sameState } from './model-fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deeptune-save-target-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** Everything under `root`, as relative paths with file contents, to prove nothing changed. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true })) {
    const path = join(root, entry);
    const info = await lstat(path);
    result[entry] = info.isSymbolicLink()
      ? `-> ${await readlink(path)}`
      : info.isDirectory()
        ? '<dir>'
        : await readFile(path, 'utf8');
  }
  return result;
}

/** Expects both `checkSaveTarget` and `saveModel` to refuse `path`, changing nothing. */
async function expectRefused(path: string, pattern: RegExp): Promise<void> {
  const before = await snapshot(dir);
  // Each attempt starts only after the previous one settled: two rejections in flight at once
  // would leave the second one unhandled for a moment, which vitest reports as an error.
  const attempts = [() => checkSaveTarget(path), () => saveModel(path, { model: model(1) })];
  for (const attempt of attempts) {
    const error = await attempt().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(ConfigError.isInstance(error), String(error)).toBe(true);
    expect((error as Error).message).toMatch(pattern);
  }
  expect(await snapshot(dir)).toEqual(before);
}

/** A directory as written by the saveModel of earlier versions. */
async function legacyModel(path: string, seed: number): Promise<void> {
  await mkdir(path);
  const original = model(seed);
  await writeFile(join(path, 'weights.safetensors'), encodeSafetensors(original.stateDict()));
  await writeFile(join(path, 'architecture.json'), JSON.stringify(describeModel(original)));
  await writeFile(join(path, 'metrics.json'), '{"old":true}');
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('checkSaveTarget / saveModel refuse what is not a deeptune model', () => {
  it('refuses a regular file, naming it, and leaves it intact', async () => {
    const notes = join(dir, 'notes.txt');
    await writeFile(notes, 'my notes');
    await expectRefused(
      notes,
      new RegExp(
        `(saveModel|checkSaveTarget): ${notes.replace(/[.]/g, '\\.')} exists and is not a deeptune model \\(it is a regular file.*refusing to overwrite it\\. Choose another path or remove it yourself\\.`,
      ),
    );
    expect(await readFile(notes, 'utf8')).toBe('my notes');
  });

  it('refuses a directory that is not a model', async () => {
    await mkdir(join(dir, 'photos'));
    await writeFile(join(dir, 'photos', 'cat.jpg'), 'meow');
    await expectRefused(
      join(dir, 'photos'),
      /photos exists and is not a deeptune model \(no deeptune-model\.json/,
    );
  });

  it('refuses a directory whose architecture.json is not a deeptune architecture', async () => {
    await mkdir(join(dir, 'other'));
    await writeFile(join(dir, 'other', 'architecture.json'), '{"format":"keras"}');
    await expectRefused(join(dir, 'other'), /is not a deeptune model/);
  });

  it('refuses a model directory that also holds files saveModel did not write', async () => {
    const target = join(dir, 'legacy');
    await legacyModel(target, 1);
    await writeFile(join(target, 'notes.txt'), 'mine');
    await expectRefused(target, /holds files saveModel did not write \(notes\.txt\)/);

    const linked = join(dir, 'model');
    await saveModel(linked, { model: model(1) });
    await writeFile(join(linked, 'README.md'), 'mine'); // written through the link
    await expectRefused(linked, /holds files saveModel did not write \(README\.md\)/);
  });

  it('refuses a symbolic link that saveModel did not make', async () => {
    await mkdir(join(dir, 'elsewhere'));
    await writeFile(join(dir, 'elsewhere', 'data.csv'), '1,2');
    await symlink('elsewhere', join(dir, 'link'));
    await expectRefused(join(dir, 'link'), /a symbolic link to elsewhere/);
  });

  it('refuses the root directory', async () => {
    await expect(checkSaveTarget('/')).rejects.toThrow(/\/ is the root directory/);
    await expect(saveModel('/', { model: model(1) })).rejects.toThrow(ConfigError);
  });

  it('refuses the current directory and its ancestors, even when it is a model', async () => {
    const work = join(dir, 'work');
    await legacyModel(work, 1); // even a model: it is where the user stands
    vi.spyOn(process, 'cwd').mockReturnValue(work);
    await expectRefused('.', /work is the current directory/);
    await expectRefused(dir, /contains the current directory/);
    expect((await readdir(work)).sort()).toEqual([
      'architecture.json',
      'metrics.json',
      'weights.safetensors',
    ]);
  });

  it('refuses a path whose parent is a file', async () => {
    await writeFile(join(dir, 'file'), 'x');
    await expectRefused(join(dir, 'file', 'model'), /file is not a directory/);
    await expectRefused(join(dir, 'file', 'a', 'b'), /file is not a directory/);
  });

  it('accepts a new path (creating missing parents) and an empty directory, writing nothing when checking', async () => {
    const nested = join(dir, 'models', 'mnist');
    const before = await snapshot(dir);
    await expect(checkSaveTarget(nested)).resolves.toBe(nested);
    await mkdir(join(dir, 'empty'));
    await expect(checkSaveTarget(join(dir, 'empty'))).resolves.toBe(join(dir, 'empty'));
    expect(Object.keys(await snapshot(dir))).toEqual([...Object.keys(before), 'empty']);

    await saveModel(nested, { model: model(1) });
    await saveModel(join(dir, 'empty'), { model: model(2) });
    expect((await lstat(join(dir, 'empty'))).isSymbolicLink()).toBe(true);
    const loaded = await loadModel(nested, { registry });
    expect(sameState(loaded.model.stateDict(), model(1).stateDict())).toBe(true);
  });
});

describe('saveModel: the on-disk layout and atomic replacement', () => {
  it('writes a relative link to a complete hidden generation, with a manifest', async () => {
    const target = join(dir, 'mnist');
    await saveModel(target, { model: model(1), metrics: { devAccuracy: 0.9 } });
    const generation = await readlink(target);
    expect(generation).toMatch(/^\.mnist\.deeptune-gen-[0-9a-z]+-\d+-[0-9a-f]+$/);
    expect((await readdir(dir)).sort()).toEqual([generation, 'mnist']);
    expect(JSON.parse(await readFile(join(target, 'deeptune-model.json'), 'utf8'))).toEqual({
      format: 'deeptune-model',
      version: 1,
      files: ['weights.safetensors', 'architecture.json', 'metrics.json'],
    });
    await saveModel(target, { model: model(2) });
    const next = await readlink(target);
    expect(next).not.toBe(generation);
    expect((await readdir(dir)).sort()).toEqual([next, 'mnist']); // the old generation is gone
  });

  it('replaces a model directory of an earlier version (the one-time migration)', async () => {
    const target = join(dir, 'legacy');
    await legacyModel(target, 1);
    const old = await loadModel(target, { registry });
    expect(sameState(old.model.stateDict(), model(1).stateDict())).toBe(true);
    await saveModel(target, { model: model(2) });
    expect((await lstat(target)).isSymbolicLink()).toBe(true);
    expect((await readdir(dir)).sort()).toEqual([await readlink(target), 'legacy']);
    const loaded = await loadModel(target, { registry });
    expect(sameState(loaded.model.stateDict(), model(2).stateDict())).toBe(true);
    expect(loaded.metrics).toBeUndefined();
  });

  it('points loadModel to the saved model when a migration was interrupted between its renames', async () => {
    const target = join(dir, 'legacy');
    await legacyModel(target, 1);
    // What a kill between the two renames leaves: the old directory aside, no path.
    const aside = join(dir, '.legacy.deeptune-gen-abc123-77-00ff');
    await rename(target, aside);
    const error = await loadModel(target, { registry }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(
      /legacy does not exist.*a save to it was interrupted; the hidden .*\.legacy\.deeptune-gen-abc123-77-00ff holds a saved model/,
    );
  });

  it('removes the leftovers of this path at the next save, and nothing else', async () => {
    const target = join(dir, 'model');
    await saveModel(target, { model: model(1) });
    const leftovers = [
      '.model.deeptune-gen-abc123-77-00ff', // an unreferenced generation (killed save)
      '.model.staging-123-1', // the staging directory of an earlier version
      '.model.previous-123-2', // the previous directory of an earlier version
    ];
    for (const name of leftovers) {
      await mkdir(join(dir, name));
      await writeFile(join(dir, name, 'weights.safetensors'), 'partial');
    }
    await symlink(leftovers[0]!, join(dir, '.model.deeptune-link-abc123-77-00ff'));
    const dead = deadPid();
    await writeFile(join(dir, `.model.deeptune-lock-${dead}-0a0b`), 'half a lock');
    await writeFile(
      join(dir, '.model.deeptune-lock'),
      JSON.stringify({ pid: dead, host: hostname(), since: '2020-01-01T00:00:00.000Z' }),
    );
    // Siblings that look alike but belong to other paths, or to no one.
    const siblings = [
      '.model2.deeptune-gen-abc123-77-00ff',
      '.model.deeptune-gen-x.deeptune-gen-abc123-77-00ff',
      '.mode.deeptune-gen-abc123-77-00ff',
      '.model.notes',
      '.model.staging-notes',
      'model.deeptune-gen-abc123-77-00ff',
      'model.bak',
    ];
    for (const name of siblings) await writeFile(join(dir, name), 'not yours');
    await writeFile(
      join(dir, `.model.deeptune-lock-${process.pid}-0c0d`),
      'a live lock being made',
    );

    await saveModel(target, { model: model(2) });
    expect((await readdir(dir)).sort()).toEqual(
      [
        'model',
        await readlink(target),
        ...siblings,
        `.model.deeptune-lock-${process.pid}-0c0d`,
      ].sort(),
    );
    for (const name of siblings) expect(await readFile(join(dir, name), 'utf8')).toBe('not yours');
  });

  it('makes a second save to the same path fail cleanly while one holds the lock', async () => {
    const target = join(dir, 'model');
    await saveModel(target, { model: model(1) });
    const lock = join(dir, '.model.deeptune-lock');
    await writeFile(
      lock,
      JSON.stringify({ pid: process.pid, host: hostname(), since: '2024-01-01T00:00:00.000Z' }),
    );
    const error = await saveModel(target, { model: model(2) }).catch((caught: unknown) => caught);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      new RegExp(
        `another save \\(pid ${process.pid}, since 2024-01-01.*is writing it.*remove .*\\.model\\.deeptune-lock`,
      ),
    );
    expect(await readFile(lock, 'utf8')).toContain(String(process.pid)); // not ours to remove
    const loaded = await loadModel(target, { registry });
    expect(sameState(loaded.model.stateDict(), model(1).stateDict())).toBe(true);
  });

  it('lets exactly one of two concurrent saves to one path win; the other fails cleanly', async () => {
    const target = join(dir, 'model');
    await saveModel(target, { model: model(3) });
    const results = await Promise.allSettled([
      saveModel(target, { model: model(1) }),
      saveModel(target, { model: model(2, 5) }),
    ]);
    const won = results.findIndex((result) => result.status === 'fulfilled');
    expect(won).not.toBe(-1);
    const lost = results[1 - won]!;
    expect(lost.status).toBe('rejected');
    expect(ConfigError.isInstance((lost as PromiseRejectedResult).reason)).toBe(true);
    const loaded = await loadModel(target, { registry });
    const winner = won === 0 ? model(1) : model(2, 5);
    expect(sameState(loaded.model.stateDict(), winner.stateDict())).toBe(true);
    expect((await readdir(dir)).sort()).toEqual([await readlink(target), 'model']);
  });

  it('never lets a load racing saves mix the files of two models', async () => {
    const target = join(dir, 'model');
    const models = [model(1, 8), model(2, 5)];
    await saveModel(target, { model: models[0]! });
    const loads: Promise<void>[] = [];
    let mixed = 0;
    for (let i = 0; i < 30; i++) {
      const saving = saveModel(target, { model: models[i % 2]! });
      for (let j = 0; j < 3; j++) {
        loads.push(
          loadModel(target, { registry }).then(({ model: loaded }) => {
            const state = loaded.stateDict();
            if (!models.some((candidate) => sameState(state, candidate.stateDict()))) mixed++;
          }),
        );
      }
      await saving;
    }
    await Promise.all(loads);
    expect(mixed).toBe(0);
  });
});
