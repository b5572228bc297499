import { defineConfig } from 'tsup';

export default defineConfig({
  // `internal/csv-parse-sync` is an entry of its own so that the import of csv-parse (whose
  // browser build has top-level side effects) sits alone in a file, which bundlers drop, with
  // csv-parse, from apps that never call `parseCsv`.
  entry: {
    index: 'src/index.ts',
    'node/index': 'src/node/index.ts',
    'internal/csv-parse-sync': 'src/internal/csv-parse-sync.ts',
  },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  tsconfig: 'tsconfig.build.json',
  target: 'es2022',
});
