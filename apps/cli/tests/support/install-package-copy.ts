import { existsSync } from 'node:fs';
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace's packages folder. */
const PACKAGES = fileURLToPath(new URL('../../../../packages/', import.meta.url));

/** Drops the workspace-only `@deeptune/source` condition, as the published manifest does. */
function withoutSourceCondition(exports: unknown): unknown {
  if (typeof exports !== 'object' || exports === null) return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([key]) => key !== '@deeptune/source')
      .map(([key, value]) => [key, withoutSourceCondition(value)]),
  );
}

/**
 * Installs the built package `packages/<name>` into `<folder>/node_modules/@deeptune/<name>`,
 * as `npm install` would put a published copy there. With `version`, the copy claims another
 * version: its package.json and the version the core build has baked in (CORE_VERSION).
 *
 * @returns the installed package's directory.
 */
export async function installPackageCopy(
  folder: string,
  name: string,
  version?: string,
): Promise<string> {
  const source = join(PACKAGES, name);
  if (!existsSync(join(source, 'dist', 'index.js'))) {
    throw new Error(`${source}/dist does not exist: build the packages first (pnpm build)`);
  }
  const target = join(folder, 'node_modules', '@deeptune', name);
  await cp(join(source, 'dist'), join(target, 'dist'), { recursive: true });
  const manifest = JSON.parse(await readFile(join(source, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  manifest['exports'] = withoutSourceCondition(manifest['exports']);
  if (version !== undefined) {
    manifest['version'] = version;
    let rewritten = 0;
    for (const file of await readdir(join(target, 'dist'))) {
      if (!file.endsWith('.js')) continue;
      const path = join(target, 'dist', file);
      const code = await readFile(path, 'utf8');
      const patched = code.replace(/(var CORE_VERSION\d* = (?:true \? )?)"[^"]*"/, (_, head) => {
        rewritten++;
        return `${head as string}${JSON.stringify(version)}`;
      });
      await writeFile(path, patched);
    }
    if (rewritten !== 1)
      throw new Error(`${target}: expected one CORE_VERSION, found ${rewritten}`);
  }
  await writeFile(join(target, 'package.json'), JSON.stringify(manifest, null, 2));
  return target;
}
