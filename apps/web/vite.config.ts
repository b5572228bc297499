import { defineConfig } from 'vite';

/**
 * The web demo is a static site: one HTML page, a hash router, one chunk per page and one
 * Web Worker per training experiment. Relative asset paths (`base: './'`) let the built site
 * be served from any folder.
 */
export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: false,
  },
  worker: { format: 'es' },
});
