/**
 * The WebAssembly feature set a {@link WasmGemm} runs with: `'relaxed-simd'` (SIMD128 plus
 * relaxed SIMD: fused multiply-add where the hardware has it) or `'simd128'` (plain SIMD128,
 * separate multiply and add).
 */
export type WasmGemmFeatures = 'relaxed-simd' | 'simd128';

/**
 * The feature set asked for: `'simd128'` (the default: results bit-identical on every engine
 * and machine), `'relaxed-simd'` (fused multiply-add; an error where the engine lacks relaxed
 * SIMD), or `'auto'` (relaxed SIMD where the engine validates it, else SIMD128).
 */
export type WasmFeatureRequest = WasmGemmFeatures | 'auto';

/**
 * Thrown by {@link WasmGemm.create} / {@link WasmGemm.createSync} when the JavaScript engine
 * cannot run the GEMM module: it lacks WebAssembly, WebAssembly SIMD128, or (when asked
 * for) relaxed SIMD.
 *
 * @example
 * ```ts
 * try {
 *   const gemm = WasmGemm.createSync();
 * } catch (error) {
 *   if (error instanceof WasmSimdUnsupportedError) console.warn(error.message, error.missing);
 * }
 * ```
 */
export class WasmSimdUnsupportedError extends Error {
  /** The missing capability. */
  readonly missing: 'webassembly' | WasmGemmFeatures;

  /** @param missing The capability the engine lacks. */
  constructor(missing: 'webassembly' | WasmGemmFeatures) {
    const what =
      missing === 'webassembly'
        ? 'WebAssembly'
        : missing === 'simd128'
          ? 'WebAssembly SIMD (simd128)'
          : 'WebAssembly relaxed SIMD (relaxed-simd)';
    super(
      `@deeptune/backend-wasm: this JavaScript engine does not support ${what}, which the WASM GEMM kernel needs.`,
    );
    this.name = 'WasmSimdUnsupportedError';
    this.missing = missing;
  }
}
