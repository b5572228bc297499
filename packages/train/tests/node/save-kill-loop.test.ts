import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKillLoop } from '../../bench/kill-loop.js';

describe('saveModel under kill -9', () => {
  it('leaves the old or the new complete model after every kill, and no leftovers after the next save', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deeptune-kill-loop-'));
    try {
      const result = await runKillLoop({ kills: 15, dir });
      expect(result.failures).toEqual([]);
      expect(result.intact).toBe(15);
      expect(result.leftovers).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
