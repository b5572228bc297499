/**
 * Vitest setup file of every package (see vitest.shared.ts): runs the suite on the backend
 * named by the environment variable DEEPTUNE_BACKEND (`cpu`, the default, or `wasm`).
 *
 * The imports are relative paths to the packages' sources, the very modules the tests load
 * through the `@deeptune/source` condition, so the backend set here is the one they use.
 */
import { getBackend, setBackend } from '../../packages/core/src/index.js';

const requested = process.env['DEEPTUNE_BACKEND'] ?? '';

if (requested === 'wasm') {
  const { createWasmBackend } = await import('../../packages/backend-wasm/src/index.js');
  setBackend(await createWasmBackend());
} else if (requested !== '' && requested !== 'cpu') {
  throw new Error(`DEEPTUNE_BACKEND=${requested}: unknown backend; expected cpu or wasm.`);
}

if (requested !== '' && getBackend().name !== requested) {
  throw new Error(
    `DEEPTUNE_BACKEND=${requested}, but the tests would run on '${getBackend().name}'.`,
  );
}
