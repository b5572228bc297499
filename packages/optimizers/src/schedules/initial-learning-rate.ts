import { option } from '@deeptune/core';

/**
 * The α₀ option every built-in schedule shares.
 * @internal
 */
export const initialLearningRateOption = option.number({
  exclusiveMin: 0,
  scale: 'log',
  description: 'Initial learning rate α₀ (> 0).',
});
