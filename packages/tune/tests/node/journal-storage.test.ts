import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, DataFormatError } from '@deeptune/core';
import type { StudyEvent } from '../../src/index.js';
import { journalStorage, readJournal } from '../../src/node/index.js';
import { header, report, sampleEvents } from '../storage/sample-events.js';

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deeptune-journal-'));
  path = join(dir, 'study.jsonl');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lines = (events: readonly StudyEvent[]): string =>
  events.map((event) => `${JSON.stringify(event)}\n`).join('');

/** Loads the journal in a fresh storage, closes it and returns what it held. */
async function reload(): Promise<readonly StudyEvent[]> {
  const storage = journalStorage(path);
  try {
    return await storage.load();
  } finally {
    await storage.close();
  }
}

/** Expects `load()` of the journal to fail with `message` and leave the file as it was. */
async function expectLoadError(
  errorClass: typeof DataFormatError | typeof ConfigError,
  message: string | RegExp,
  options: { maxBytes?: number } = {},
): Promise<void> {
  const before = await readFile(path).catch(() => undefined);
  const storage = journalStorage(path, options);
  const error = await storage.load().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(errorClass.isInstance(error)).toBe(true);
  expect((error as Error).message).toMatch(message);
  await storage.close();
  expect(await readFile(path).catch(() => undefined)).toEqual(before);
  await expect(stat(`${path}.lock`)).rejects.toThrow(/ENOENT/);
}

/** A child process that lives for a minute, and a function that ends it. */
async function liveChild(): Promise<{ pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], {
    stdio: 'ignore',
  });
  await once(child, 'spawn');
  return {
    pid: child.pid!,
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

describe('journalStorage', () => {
  it('creates a journal on the first append and round-trips every event type', async () => {
    const storage = journalStorage(path);
    expect(storage.description).toBe(path);
    expect(await storage.load()).toEqual([]);
    await expect(stat(path)).rejects.toThrow(/ENOENT/);
    for (const event of sampleEvents) await storage.append(event);
    expect(await readFile(path, 'utf8')).toBe(lines(sampleEvents));
    expect((await stat(path)).mode & 0o777).toBe(0o644 & ~process.umask());
    expect(JSON.parse(await readFile(`${path}.lock`, 'utf8'))).toMatchObject({
      pid: process.pid,
      host: hostname(),
    });
    await storage.close();
    await expect(stat(`${path}.lock`)).rejects.toThrow(/ENOENT/);
    expect(await reload()).toEqual(sampleEvents);
    expect((await readJournal(path)).events).toEqual(sampleEvents);
  });

  it('continues an existing journal', async () => {
    await writeFile(path, lines(sampleEvents.slice(0, 3)));
    const storage = journalStorage(path);
    expect(await storage.load()).toEqual(sampleEvents.slice(0, 3));
    expect(storage.notes).toEqual([]);
    for (const event of sampleEvents.slice(3)) await storage.append(event);
    await storage.close();
    expect(await readFile(path, 'utf8')).toBe(lines(sampleEvents));
  });

  it('ignores a partial last record and removes it on the next append', async () => {
    const whole = lines(sampleEvents.slice(0, 4));
    const cut = JSON.stringify(report(0)).slice(0, 37);
    await writeFile(path, whole + cut);
    const storage = journalStorage(path);
    expect(await storage.load()).toEqual(sampleEvents.slice(0, 4));
    expect(storage.notes).toEqual([
      'ignored a partial last record (37 bytes, line 5) left by an interrupted write',
    ]);
    const contents = await readJournal(path);
    expect(contents).toMatchObject({ ignoredPartialRecord: true, partialRecordBytes: 37 });
    expect(contents.events).toEqual(sampleEvents.slice(0, 4));
    expect(await readFile(path, 'utf8')).toBe(whole + cut); // load changes nothing
    await storage.append(report(0, 2));
    await storage.close();
    expect(await readFile(path, 'utf8')).toBe(whole + lines([report(0, 2)]));
    expect(await reload()).toEqual([...sampleEvents.slice(0, 4), report(0, 2)]);
    expect(await readJournal(path)).toMatchObject({ ignoredPartialRecord: false, notes: [] });
  });

  it('completes a last record cut just before its newline', async () => {
    await writeFile(path, lines([header]) + JSON.stringify(report(0)));
    const storage = journalStorage(path);
    expect(await storage.load()).toEqual([header, report(0)]);
    await storage.append(report(1));
    await storage.close();
    expect(await readFile(path, 'utf8')).toBe(lines([header, report(0), report(1)]));
  });

  it('ignores a header cut off by a crash, but not a foreign file without a newline', async () => {
    await writeFile(path, JSON.stringify(header).slice(0, 20));
    const storage = journalStorage(path);
    expect(await storage.load()).toEqual([]);
    await storage.append(header);
    await storage.close();
    expect(await readFile(path, 'utf8')).toBe(lines([header]));

    await writeFile(path, 'hello');
    await expectLoadError(
      DataFormatError,
      `${path} is not a deeptune study journal: line 1 is not valid JSON`,
    );
  });

  it('names a corrupt middle line', async () => {
    const text = lines(sampleEvents.slice(0, 2)) + '{"type":"trial-rep\n' + lines([report(0)]);
    await writeFile(path, text);
    await expectLoadError(DataFormatError, new RegExp(`^${path} line 3: is not valid JSON`));
    await writeFile(path, lines([header]) + '\n' + lines([report(0)]));
    await expectLoadError(DataFormatError, `${path} line 2: is an empty line`);
    await writeFile(path, lines([header, { ...report(0), epoch: -1 } as StudyEvent]));
    await expectLoadError(
      DataFormatError,
      `${path} line 2: 'trial-report' event: 'epoch' must be an integer ≥ 0, got -1`,
    );
    await writeFile(path, lines([header, report(0), header]));
    await expectLoadError(
      DataFormatError,
      `${path}: line 3 is a second study header; only the first line may be one`,
    );
    await expect(readJournal(path)).rejects.toThrow(`line 3 is a second study header`);
  });

  it('refuses a directory, an oversized file and a file that is not a journal', async () => {
    await mkdir(path);
    await expectLoadError(DataFormatError, `'${path}' is a directory; expected a regular file`);
    await rm(path, { recursive: true });

    await writeFile(path, lines(sampleEvents));
    await expectLoadError(DataFormatError, /has .* the limit is 100 B/, { maxBytes: 100 });

    await writeFile(path, '{"name":"package","version":"1.0.0"}\n');
    await expectLoadError(
      DataFormatError,
      `${path} is not a deeptune study journal: its first line should be a 'deeptune-study' study header, got { name: 'package', version: '1.0.0' }`,
    );
    await writeFile(path, JSON.stringify({ name: 'x' }));
    await expectLoadError(DataFormatError, 'is not a deeptune study journal');
    await writeFile(path, lines([{ ...header, version: 2 }]));
    await expectLoadError(
      DataFormatError,
      `${path} line 1: written by a newer deeptune (format version 2; this one reads 1)`,
    );
    await writeFile(path, lines(sampleEvents.slice(1)));
    await expectLoadError(DataFormatError, 'is not a deeptune study journal');
  });

  it('refuses a journal locked by a live process', async () => {
    const child = await liveChild();
    try {
      const lock = JSON.stringify({ pid: child.pid, host: hostname(), since: 'earlier' });
      await writeFile(`${path}.lock`, lock);
      const storage = journalStorage(path);
      await expect(storage.load()).rejects.toThrow(
        new ConfigError(
          `${path} is in use by process ${child.pid} (since earlier); a study journal is written by one process at a time. Hint: wait for that process to finish or stop it; if no process is running this study, remove ${path}.lock.`,
        ),
      );
      expect(await readFile(`${path}.lock`, 'utf8')).toBe(lock);
      await storage.close();
      expect(await readFile(`${path}.lock`, 'utf8')).toBe(lock);
    } finally {
      await child.stop();
    }
  });

  it('refuses a second storage of the same journal in this process', async () => {
    const first = journalStorage(path);
    await first.load();
    await expect(journalStorage(path).load()).rejects.toThrow(
      `is in use by process ${process.pid} (this process)`,
    );
    await first.close();
    expect(await reload()).toEqual([]);
  });

  it('takes over the lock of a dead process', async () => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await once(child, 'exit');
    await writeFile(
      `${path}.lock`,
      JSON.stringify({ pid: child.pid, host: hostname(), since: 'earlier' }),
    );
    await writeFile(path, lines([header]));
    const storage = journalStorage(path);
    expect(await storage.load()).toEqual([header]);
    expect(storage.notes).toEqual([
      `took over the lock of process ${child.pid} (since earlier), which is no longer running`,
    ]);
    expect(JSON.parse(await readFile(`${path}.lock`, 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    await storage.close();
    await expect(stat(`${path}.lock`)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a file that is not a journal before it creates anything next to it', async () => {
    // A directory where the lock would go: taking the lock first would fail on it instead.
    await writeFile(path, '{"name":"package","version":"1.0.0"}\n');
    await mkdir(`${path}.lock`);
    const storage = journalStorage(path);
    const error = await storage.load().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    await storage.close();
    expect(DataFormatError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(`${path} is not a deeptune study journal`);
    expect((await stat(`${path}.lock`)).isDirectory()).toBe(true);
    await rm(`${path}.lock`, { recursive: true });
  });

  it('refuses a lock of another host or without an owner', async () => {
    await writeFile(`${path}.lock`, JSON.stringify({ pid: 1, host: 'elsewhere', since: 'x' }));
    await expect(journalStorage(path).load()).rejects.toThrow(
      `${path} is in use by process 1 on host elsewhere (since x)`,
    );
    await writeFile(`${path}.lock`, 'garbage');
    await expect(journalStorage(path).load()).rejects.toThrow(
      `the lock file ${path}.lock exists and does not name its owner`,
    );
  });

  it('writes concurrent appends whole and in call order', async () => {
    const storage = journalStorage(path);
    await storage.load();
    await storage.append(header);
    const events = Array.from({ length: 50 }, (_, index) => report(index));
    await Promise.all(events.map((event) => storage.append(event)));
    await storage.close();
    expect(await readFile(path, 'utf8')).toBe(lines([header, ...events]));
  });

  it('closes: pending appends finish, later ones throw', async () => {
    const storage = journalStorage(path);
    await storage.load();
    const pending = storage.append(header);
    await storage.close();
    await pending;
    await expect(storage.append(report(0))).rejects.toThrow(
      new ConfigError(`${path}: cannot append: the storage is closed`),
    );
    expect(await reload()).toEqual([header]);
    await storage.close(); // twice is fine
  });

  it('refuses invalid appends before writing', async () => {
    const storage = journalStorage(path);
    await expect(storage.append(header)).rejects.toThrow('cannot append before load()');
    await storage.load();
    await expect(storage.append(report(0))).rejects.toThrow(
      `${path}: cannot append: record 1 is a 'trial-report' event`,
    );
    await expect(storage.append({ ...report(0), value: Number.NaN })).rejects.toThrow(
      DataFormatError,
    );
    await expect(stat(path)).rejects.toThrow(/ENOENT/);
    await storage.close();
  });

  it('refuses to append when the journal changed after load', async () => {
    await writeFile(path, lines([header]));
    const storage = journalStorage(path);
    await storage.load();
    await appendFile(path, lines([report(0)]));
    await expect(storage.append(report(1))).rejects.toThrow(`${path} changed since it was loaded`);
    await expect(storage.append(report(2))).rejects.toThrow('an earlier append failed');
    await storage.close();
    expect(await readFile(path, 'utf8')).toBe(lines([header, report(0)]));
  });

  it('refuses to create a journal that appeared after load', async () => {
    const storage = journalStorage(path);
    await storage.load();
    await writeFile(path, 'mine');
    await expect(storage.append(header)).rejects.toThrow(ConfigError);
    await storage.close();
    expect(await readFile(path, 'utf8')).toBe('mine');
  });

  it('checks its options', () => {
    expect(() => journalStorage('')).toThrow(ConfigError);
    expect(() => journalStorage(path, { maxBytes: -1 })).toThrow(
      'journalStorage: maxBytes must be an integer ≥ 0, got -1',
    );
  });
});

describe('readJournal', () => {
  it('reads without a lock and changes nothing', async () => {
    await writeFile(path, lines(sampleEvents));
    const storage = journalStorage(path);
    await storage.load(); // holds the lock
    const contents = await readJournal(path);
    expect(contents).toEqual({
      events: sampleEvents,
      ignoredPartialRecord: false,
      partialRecordBytes: 0,
      notes: [],
    });
    await storage.close();
  });

  it('names a missing file', async () => {
    await expect(readJournal(path)).rejects.toThrow(
      new ConfigError(`readJournal: there is no study journal '${path}': no such file.`),
    );
  });
});

describe('journalStorage edge cases', () => {
  it('releases the lock when closed during load', async () => {
    await writeFile(path, lines(sampleEvents));
    const storage = journalStorage(path);
    const loading = storage.load();
    await storage.close();
    expect(await loading).toEqual(sampleEvents);
    await expect(stat(`${path}.lock`)).rejects.toThrow(/ENOENT/);
    await expect(storage.append(report(5))).rejects.toThrow('the storage is closed');
  });

  it('names a directory that does not exist', async () => {
    const missing = join(dir, 'no', 'study.jsonl');
    await expect(journalStorage(missing).load()).rejects.toThrow(
      `journalStorage: cannot create the lock file ${missing}.lock`,
    );
  });
});
