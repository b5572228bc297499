import { ConfigError, StateDictError, describeValue } from '@deeptune/core';
import type { Storage, Tensor } from '@deeptune/core';
import type { OptimizerState } from './optimizer-state.js';

/**
 * The state of a stateless transform, shared by every parameter (never written).
 * @internal
 */
export const NO_STATE: OptimizerState = Object.freeze({});

/**
 * Checks what a transform's `init` returned: a plain object of numbers and buffers of the
 * parameter's dtype.
 * @internal
 */
export function checkInitialState(where: string, tensor: Tensor, state: unknown): OptimizerState {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw new ConfigError(
      `${where} must return a plain object of buffers and numbers, got ${describeValue(state)}`,
    );
  }
  for (const [key, value] of Object.entries(state)) {
    const ok =
      typeof value === 'number' ||
      ((value instanceof Float32Array || value instanceof Float64Array) &&
        value.constructor === tensor.data.constructor);
    if (!ok) {
      throw new ConfigError(
        `${where}: state '${key}' must be a number or a ${tensor.dtype === 'float64' ? 'Float64Array' : 'Float32Array'} (the parameter's dtype), got ${describeValue(value)}. Hint: allocate buffers with zerosLike(param).data.`,
      );
    }
  }
  return state as OptimizerState;
}

/**
 * A copy of one parameter's state (buffers copied), for a state dict.
 * @internal
 */
export function copyState(state: OptimizerState): Record<string, number | Storage> {
  const copy: Record<string, number | Storage> = {};
  for (const [key, value] of Object.entries(state)) {
    copy[key] = typeof value === 'number' ? value : value.slice();
  }
  return copy;
}

/**
 * Checks that a saved object is keyed by exactly the given paths.
 * @internal
 */
export function checkPaths(
  where: string,
  paths: readonly string[],
  saved: unknown,
  hint: string,
): Readonly<Record<string, unknown>> {
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) {
    throw new StateDictError(`${where} must be an object keyed by parameter path`);
  }
  const known = new Set(paths);
  const unexpected = Object.keys(saved).filter((path) => !known.has(path));
  const missing = paths.filter((path) => !Object.hasOwn(saved, path));
  if (unexpected.length > 0 || missing.length > 0) {
    throw new StateDictError(
      `${where}: parameter paths differ — missing: [${missing.join(', ')}], unexpected: [${unexpected.join(', ')}]. Hint: ${hint}`,
    );
  }
  return saved as Readonly<Record<string, unknown>>;
}

/**
 * Checks a saved state against the live one and queues the writes that restore it; writes
 * nothing itself, so that a failed load changes nothing.
 * @internal
 */
export function planStateLoad(
  at: string,
  state: OptimizerState,
  saved: unknown,
  writes: (() => void)[],
): void {
  if (typeof saved !== 'object' || saved === null) {
    throw new StateDictError(
      `${at}: expected the parameter's state object, got ${describeValue(saved)}`,
    );
  }
  const record = saved as Readonly<Record<string, unknown>>;
  const keys = Object.keys(state).sort();
  const savedKeys = Object.keys(record).sort();
  if (keys.join(',') !== savedKeys.join(',')) {
    throw new StateDictError(
      `${at}: state keys differ — expected [${keys.join(', ')}], got [${savedKeys.join(', ')}]`,
    );
  }
  for (const key of keys) {
    const current = state[key]!;
    const value = record[key];
    if (typeof current === 'number') {
      if (typeof value !== 'number') {
        throw new StateDictError(
          `${at}: state '${key}' must be a number, got ${describeValue(value)}`,
        );
      }
      writes.push(() => {
        state[key] = value;
      });
      continue;
    }
    const isTyped = value instanceof Float32Array || value instanceof Float64Array;
    if (!isTyped && !Array.isArray(value)) {
      throw new StateDictError(
        `${at}: state '${key}' must be a typed array or an array of numbers, got ${describeValue(value)}`,
      );
    }
    const values = value as ArrayLike<unknown>;
    if (values.length !== current.length) {
      throw new StateDictError(
        `${at}: state '${key}' has ${values.length} elements, expected ${current.length}`,
      );
    }
    if (isTyped && value.constructor !== current.constructor) {
      const dtype = (array: Storage): string =>
        array instanceof Float64Array ? 'float64' : 'float32';
      throw new StateDictError(
        `${at}: state '${key}' is ${dtype(value as Storage)}, expected ${dtype(current)}`,
      );
    }
    if (!isTyped) {
      for (let i = 0; i < values.length; i++) {
        if (typeof values[i] !== 'number') {
          throw new StateDictError(
            `${at}: state '${key}'[${i}] must be a number, got ${describeValue(values[i])}`,
          );
        }
      }
    }
    writes.push(() => current.set(values as ArrayLike<number>));
  }
}
