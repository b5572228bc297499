import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
const child = fileURLToPath(new URL('./fixtures/load-hostile-child.ts', import.meta.url));

async function inChild(dir: string, mode: 'make' | 'load'): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--conditions=@deeptune/source', '--import', 'tsx', child, dir, mode],
    { cwd: packageRoot, maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout;
}

describe('loadModel on hostile directories', () => {
  it('refuses each one, with a peak RSS well under 300 MB for all of them together', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deeptune-load-memory-'));
    try {
      await inChild(dir, 'make'); // in its own process, so making them does not count
      const { maxRssMiB, outcomes } = JSON.parse(await inChild(dir, 'load')) as {
        maxRssMiB: number;
        outcomes: Record<string, string>;
      };
      const loaded = Object.entries(outcomes).filter(([, outcome]) => outcome.startsWith('loaded'));
      // Only the two valid models whose standardizer is as large as the default limit load.
      expect(loaded.map(([name]) => name).sort()).toEqual([
        '4 MiB standardizer of numbers',
        '4 MiB standardizer of short strings',
      ]);
      for (const [name, outcome] of Object.entries(outcomes)) {
        if (!outcome.startsWith('loaded')) {
          expect(outcome, name).toMatch(/^(DataFormatError|StateDictError): loadModel/);
        }
      }
      expect(Object.keys(outcomes).length).toBeGreaterThanOrEqual(14);
      expect(maxRssMiB).toBeLessThan(250);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
