import {
  RELAXED_SIMD_SHARED_WASM_BASE64,
  RELAXED_SIMD_WASM_BASE64,
  SIMD128_SHARED_WASM_BASE64,
  SIMD128_WASM_BASE64,
} from './generated/wasm-modules.js';
import {
  WasmSimdUnsupportedError,
  type WasmFeatureRequest,
  type WasmGemmFeatures,
} from './wasm-simd-unsupported-error.js';

/** The bytes of the GEMM module chosen for an engine, and its feature set. */
export interface SelectedModule {
  readonly features: WasmGemmFeatures;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/** Decodes base64 without Node's Buffer (works in browsers and workers too). */
function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Picks the GEMM module for the requested feature set (`'auto'`: relaxed SIMD where the engine
 * validates it, else SIMD128); `shared` picks the build that imports a shared memory (threads).
 *
 * @throws {@link WasmSimdUnsupportedError} when the engine lacks what is needed.
 * @internal
 */
export function selectModule(features: WasmFeatureRequest, shared: boolean): SelectedModule {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') {
    throw new WasmSimdUnsupportedError('webassembly');
  }
  if (features !== 'simd128') {
    const relaxed = decodeBase64(
      shared ? RELAXED_SIMD_SHARED_WASM_BASE64 : RELAXED_SIMD_WASM_BASE64,
    );
    if (WebAssembly.validate(relaxed)) return { features: 'relaxed-simd', bytes: relaxed };
    if (features === 'relaxed-simd') throw new WasmSimdUnsupportedError('relaxed-simd');
  }
  const simd = decodeBase64(shared ? SIMD128_SHARED_WASM_BASE64 : SIMD128_WASM_BASE64);
  if (WebAssembly.validate(simd)) return { features: 'simd128', bytes: simd };
  throw new WasmSimdUnsupportedError('simd128');
}
