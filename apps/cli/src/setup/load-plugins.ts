import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PluginEntry, PluginPackage, Registry } from 'deeptune';
import { UsageError } from '../cli-error.js';
import { describeImportFailure } from './describe-import-failure.js';

function isPluginPackage(value: unknown): value is PluginPackage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PluginPackage).name === 'string' &&
    Array.isArray((value as PluginPackage).entries)
  );
}

function isPluginEntry(value: unknown): value is PluginEntry {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PluginEntry).kind === 'string' &&
    typeof (value as PluginEntry).name === 'string' &&
    typeof (value as PluginEntry).create === 'function'
  );
}

/** Resolves `--plugin` specifiers: paths relative to `cwd`, bare names from `cwd`'s node_modules. */
function resolveSpecifier(specifier: string, cwd: string): string {
  if (specifier.startsWith('.') || isAbsolute(specifier)) return resolve(cwd, specifier);
  try {
    return createRequire(join(cwd, 'noop.js')).resolve(specifier);
  } catch {
    throw new UsageError(`--plugin ${specifier}: cannot find the module from ${cwd}`);
  }
}

/**
 * Checks that a plugin module is a regular file before importing it: a FIFO would hang the
 * import and a device such as /dev/zero would be read without end.
 */
async function checkModuleFile(specifier: string, path: string): Promise<void> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(
      `--plugin ${specifier}: cannot load it: ${error.code === 'ENOENT' ? `no such file ${path}` : error.message}`,
    );
  });
  if (!info.isFile()) {
    throw new UsageError(
      `--plugin ${specifier}: ${path} is not a regular file (${info.isDirectory() ? 'a directory' : 'a device, FIFO or socket'}); expected a JavaScript module file`,
    );
  }
}

/**
 * Imports each `--plugin` module and registers what it exports: a plugin package
 * (`export const plugin = definePluginPackage(…)`, or as the default export), a plugin entry
 * (`export default defineOptimizer(…)`) or an array of entries.
 *
 * @param specifiers - the `--plugin` values, in order.
 * @param registry - the registry to add to.
 * @param cwd - the directory relative paths start from.
 * @returns the names of the plugins added, as `kind name` pairs.
 * @throws {@link UsageError} when a module cannot be loaded or exports no plugin.
 */
export async function loadPlugins(
  specifiers: readonly string[],
  registry: Registry,
  cwd: string,
): Promise<string[]> {
  const added: string[] = [];
  for (const specifier of specifiers) {
    const path = resolveSpecifier(specifier, cwd);
    await checkModuleFile(specifier, path);
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    } catch (error) {
      // The file exists (checked above): what is missing is something it imports.
      throw new UsageError(
        `--plugin ${specifier}: cannot load it: ${describeImportFailure(error, path)}`,
      );
    }
    const candidates = [module.plugin, module.default].filter((value) => value !== undefined);
    const exported = candidates[0];
    if (isPluginPackage(exported)) {
      registry.use(exported);
      added.push(...exported.entries.map((entry) => `${entry.kind} ${entry.name}`));
    } else if (isPluginEntry(exported)) {
      registry.register(exported);
      added.push(`${exported.kind} ${exported.name}`);
    } else if (Array.isArray(exported) && exported.length > 0 && exported.every(isPluginEntry)) {
      for (const entry of exported) {
        registry.register(entry);
        added.push(`${entry.kind} ${entry.name}`);
      }
    } else {
      throw new UsageError(
        `--plugin ${specifier}: the module exports no plugin. Expected 'export const plugin = definePluginPackage(…)' or a default export made with definePlugin/defineOptimizer`,
      );
    }
  }
  return added;
}
