/**
 * Test helpers for code built on deeptune: tolerance-aware tensor comparison that works
 * with any test framework.
 *
 * @packageDocumentation
 */
export { assertTensorClose } from './assert-tensor-close.js';
export type { CloseOptions } from './assert-tensor-close.js';
