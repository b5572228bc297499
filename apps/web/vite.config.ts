import { defineConfig } from 'vite';

/**
 * Cross-origin isolation (COOP + COEP): pages get SharedArrayBuffer, so the wasm backend in a
 * training worker splits matrix products over Web Workers sharing its memory. Everything the
 * demo loads is same-origin, so require-corp blocks nothing.
 */
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

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
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
});
