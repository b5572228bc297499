import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { cli: 'src/cli.ts', 'tune-worker': 'src/tune/trial-worker.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  tsconfig: 'tsconfig.build.json',
  target: 'es2022',
  banner: { js: '#!/usr/bin/env node' },
});
