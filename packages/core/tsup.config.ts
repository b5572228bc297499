import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

// The version of this package, written into the build as CORE_VERSION (src/copies/core-copy.ts)
// so that nothing reads package.json at run time.
const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  tsconfig: 'tsconfig.build.json',
  target: 'es2022',
  define: { __DEEPTUNE_CORE_VERSION__: JSON.stringify(version) },
});
