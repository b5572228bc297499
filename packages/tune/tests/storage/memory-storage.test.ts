import { describe, expect, it } from 'vitest';
import { ConfigError, DataFormatError } from '@deeptune/core';
import { memoryStorage } from '../../src/index.js';
import { header, report, sampleEvents } from './sample-events.js';

describe('memoryStorage', () => {
  it('loads its initial events and keeps appended ones', async () => {
    const storage = memoryStorage(sampleEvents.slice(0, 2));
    expect(storage.description).toBe('memory storage');
    expect(await storage.load()).toEqual(sampleEvents.slice(0, 2));
    for (const event of sampleEvents.slice(2)) await storage.append(event);
    expect(storage.events).toEqual(sampleEvents);
    await storage.close();
    await expect(storage.append(report(0))).rejects.toThrow(
      'memory storage: cannot append: the storage is closed',
    );
  });

  it('starts empty and wants the header first', async () => {
    const storage = memoryStorage();
    expect(await storage.load()).toEqual([]);
    await expect(storage.append(report(0))).rejects.toThrow(DataFormatError);
    await storage.append(header);
    await expect(storage.append(header)).rejects.toThrow('second study header');
    expect(storage.events).toEqual([header]);
  });

  it('checks its initial events and the call order', async () => {
    expect(() => memoryStorage([report(0)])).toThrow(
      "memory storage: record 1 is a 'trial-report' event; the first must be the study header (type 'study')",
    );
    expect(() => memoryStorage([header, { ...report(0), epoch: -1 }])).toThrow(
      "memory storage record 2: 'trial-report' event: 'epoch' must be an integer ≥ 0, got -1",
    );
    const storage = memoryStorage();
    await expect(storage.append(header)).rejects.toThrow(ConfigError);
    await storage.load();
    await expect(storage.load()).rejects.toThrow('already called');
  });
});
