import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserWorkspaceConfig } from 'vitest/config';

/** @deeptune/core's version, defined for the sources as its build defines it (tsup.config.ts). */
const coreVersion = (
  JSON.parse(readFileSync(new URL('./packages/core/package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** Whether `directory` (searched recursively) holds a type test, a `*.test-d.ts` file. */
function hasTypeTests(directory: string): boolean {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((entry) =>
    entry.isDirectory()
      ? hasTypeTests(join(directory, entry.name))
      : entry.name.endsWith('.test-d.ts'),
  );
}

/**
 * The vitest settings every package shares: tests run against the sources through the
 * `@deeptune/source` export condition, so no build is needed first.
 */
export function sharedProjectConfig(root: string): UserWorkspaceConfig {
  return {
    root,
    resolve: { conditions: ['@deeptune/source', 'module', 'browser', 'development|production'] },
    ssr: {
      resolve: { conditions: ['@deeptune/source', 'module', 'node', 'development|production'] },
    },
    define: { __DEEPTUNE_CORE_VERSION__: JSON.stringify(coreVersion) },
    test: {
      include: ['tests/**/*.test.ts'],
      // Type tests: `tests/**/*.test-d.ts` are type-checked with tsc (the package's
      // tsconfig.json) in the same `vitest run`, never executed. A failed `expectTypeOf` or
      // an unused `@ts-expect-error` in them fails the run; type errors in other files are
      // `pnpm typecheck`'s to report (tsc sees the whole package, so they show here too).
      // Only where there are type tests (vitest runs tsc on the whole package even without
      // any), and not again in the DEEPTUNE_BACKEND=wasm pass: types do not depend on the
      // backend, and every tsc run costs tens of seconds on a busy 2-core CI machine.
      typecheck: {
        enabled: hasTypeTests(join(root, 'tests')) && process.env['DEEPTUNE_BACKEND'] !== 'wasm',
        include: ['tests/**/*.test-d.ts'],
        tsconfig: 'tsconfig.json',
        ignoreSourceErrors: true,
      },
      environment: 'node',
      // Worker threads, not child processes: each test file still gets fresh modules, but a
      // thread starts and loads them for about 30 % less CPU time (core: 37 s against 52 s).
      pool: 'threads',
      // DEEPTUNE_BACKEND=wasm runs the whole suite on the WebAssembly backend (default: cpu).
      setupFiles: [fileURLToPath(new URL('./scripts/test/select-backend.ts', import.meta.url))],
      // Generous limits, hooks included: they catch hangs, and the suite must pass on a busy
      // 2-core machine (a training hook that takes 3 s alone can take 30 s there).
      testTimeout: 180_000,
      hookTimeout: 180_000,
    },
  };
}
