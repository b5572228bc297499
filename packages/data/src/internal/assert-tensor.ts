import { ConfigError, isTensor, type Tensor, describeValue } from '@deeptune/core';

/**
 * Throws a `ConfigError` unless `value` is a `Tensor`.
 * @internal
 */
export function assertTensor(where: string, name: string, value: unknown): asserts value is Tensor {
  if (!isTensor(value)) {
    throw new ConfigError(
      `${where}: ${name} must be a Tensor, got ${describeValue(value)}. ` +
        'Hint: create one with tensor(values) from @deeptune/core.',
    );
  }
}
