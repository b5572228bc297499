import { ConfigError, isTensor, type Tensor } from '@deeptune/core';
import { describe } from './describe.js';

/**
 * Throws a `ConfigError` unless `value` is a `Tensor`.
 * @internal
 */
export function assertTensor(where: string, name: string, value: unknown): asserts value is Tensor {
  if (!isTensor(value)) {
    throw new ConfigError(
      `${where}: ${name} must be a Tensor, got ${describe(value)}. ` +
        'Hint: create one with tensor(values) from @deeptune/core.',
    );
  }
}
