/**
 * Test helpers for code built on deeptune, usable with any test framework: tolerance-aware
 * tensor comparison, bad and valid option values derived from a plugin's options schema, and
 * the conformance suite every compute backend must pass.
 *
 * @packageDocumentation
 */
export { assertTensorClose } from './assert-tensor-close.js';
export type { CloseOptions } from './assert-tensor-close.js';
export { badOptionValues, validOptionValue, requiredOptionValues } from './bad-option-values.js';
export type { BadOptionValue, ValidOptionValueSettings } from './bad-option-values.js';
export { backendConformance, assertBackendConformance } from './backend-conformance.js';
export type {
  BackendConformanceOptions,
  BackendConformanceFailure,
  BackendConformanceReport,
} from './backend-conformance.js';
