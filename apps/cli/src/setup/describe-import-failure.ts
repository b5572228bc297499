import { existsSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';

/** The largest plugin file scanned for its other imports (a hint only; larger ones are not). */
const MAX_SCANNED_BYTES = 1 << 20;

/** Static `import … from '…'`, `import '…'` and `export … from '…'` specifiers. */
const IMPORT_PATTERN =
  /(?:^|[\n;])\s*(?:import|export)\s*(?:[\w*${}\s,]+\s*from\s*)?['"]([^'"\n]+)['"]/g;

/** The package a bare specifier names: `@scope/name` or `name` (without a subpath). */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function isBare(specifier: string): boolean {
  return !/^(?:\.|\/|[a-z][a-z0-9+.-]*:)/i.test(specifier) && !isBuiltin(specifier);
}

/** Whether `name` is installed where Node looks for it from `directory` (node_modules upwards). */
function isInstalled(name: string, directory: string): boolean {
  for (let current = directory; ; current = dirname(current)) {
    if (existsSync(join(current, 'node_modules', name, 'package.json'))) return true;
    if (dirname(current) === current) return false;
  }
}

/**
 * The packages the plugin file imports statically that are not installed next to it, in
 * import order, so that one `npm install` fixes them all (Node reports only the first).
 */
function missingPackages(pluginPath: string): string[] {
  try {
    if (statSync(pluginPath).size > MAX_SCANNED_BYTES) return [];
    const source = readFileSync(pluginPath, 'utf8');
    const names = [...source.matchAll(IMPORT_PATTERN)]
      .map((match) => match[1]!)
      .filter(isBare)
      .map(packageName);
    return [...new Set(names)].filter((name) => !isInstalled(name, dirname(pluginPath)));
  } catch {
    return [];
  }
}

/**
 * Says why importing a `--plugin` module failed, naming what did not resolve and from which
 * file: Node's "Cannot find package 'X' imported from Y" is about a dependency of the
 * plugin, not about the plugin file (whose existence was checked before the import).
 *
 * @param error - what `import()` threw.
 * @param pluginPath - the plugin file.
 * @returns the reason, one line, e.g. `package '@deeptune/core' imported from /tmp/x/lion.mjs
 * is not installed; install it next to the plugin (npm install @deeptune/core @deeptune/optimizers)`.
 */
export function describeImportFailure(error: unknown, pluginPath: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  if (code === 'ERR_MODULE_NOT_FOUND') {
    const missingPackage = /^Cannot find package '([^']+)' imported from (.+)$/.exec(firstLine);
    if (missingPackage !== null) {
      const [, name, importer] = missingPackage;
      const install = [...new Set([packageName(name!), ...missingPackages(pluginPath)])];
      return (
        `package '${name}' imported from ${importer} is not installed; ` +
        `install it next to the plugin (npm install ${install.join(' ')})`
      );
    }
    const missingModule = /^Cannot find module '([^']+)' imported from (.+)$/.exec(firstLine);
    if (missingModule !== null) {
      return `module '${missingModule[1]}' imported from ${missingModule[2]} does not exist`;
    }
  }
  return firstLine;
}
