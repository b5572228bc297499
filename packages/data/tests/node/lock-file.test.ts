import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireLockFile, isProcessAlive, type LockRefusal } from '../../src/node/index.js';

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deeptune-lock-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

class Refused extends Error {
  constructor(readonly refusal: LockRefusal) {
    super(refusal.reason);
  }
}

const options = {
  temporaryPath: () => join(dir, `lock.${process.pid}.${counter++}.tmp`),
  refuse: (refusal: LockRefusal): never => {
    throw new Refused(refusal);
  },
};

describe('acquireLockFile', () => {
  it('creates the lock with its owner, refuses a second taker while held, and releases it', async () => {
    const path = join(dir, 'a.lock');
    const lock = await acquireLockFile('test', path, options);
    const owner = JSON.parse(await readFile(path, 'utf8')) as { pid: number; host: string };
    expect(owner).toMatchObject({ pid: process.pid, host: hostname() });
    expect(await lock.isHeld()).toBe(true);
    expect(lock.tookOverFrom).toBeUndefined();
    const second = await acquireLockFile('test', path, options).catch((error: unknown) => error);
    expect((second as Refused).refusal).toMatchObject({
      reason: 'alive',
      owner: { pid: process.pid },
    });
    await lock.release();
    await expect(readFile(path, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it("takes over the lock of a process that is gone, and refuses one that names no owner or another host's", async () => {
    const path = join(dir, 'b.lock');
    const stale = { pid: 2 ** 22 + 17, host: hostname(), since: '2026-01-01T00:00:00.000Z' };
    expect(isProcessAlive(stale.pid)).toBe(false);
    await writeFile(path, JSON.stringify(stale));
    const lock = await acquireLockFile('test', path, options);
    expect(lock.tookOverFrom).toEqual(stale);
    await lock.release();
    await writeFile(path, 'not a lock');
    const unknown = await acquireLockFile('test', path, options).catch((error: unknown) => error);
    expect((unknown as Refused).refusal).toEqual({
      reason: 'unknown-owner',
      content: 'not a lock',
    });
    await writeFile(path, JSON.stringify({ ...stale, host: `${hostname()}-elsewhere` }));
    const other = await acquireLockFile('test', path, options).catch((error: unknown) => error);
    expect((other as Refused).refusal.reason).toBe('other-host');
    expect(await readFile(path, 'utf8')).toContain('-elsewhere'); // left alone
  });

  it('knows live processes', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(0)).toBe(false);
    expect(isProcessAlive(-1)).toBe(false);
  });
});
