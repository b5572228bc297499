import { Rng } from '@deeptune/core';
import { Activation, Dense, Sequential } from '@deeptune/layers';

/**
 * The two models the kill loop alternates between: different sizes and weights, so a
 * mix of their files can never load as either.
 */
export function killLoopModels(): [Sequential, Sequential] {
  const build = (seed: number, hidden: number): Sequential => {
    const rng = new Rng(seed);
    return new Sequential([
      new Dense({ inputs: 64, units: hidden, rng }),
      new Activation('relu'),
      new Dense({ inputs: hidden, units: 10, rng }),
    ]);
  };
  return [build(1, 32), build(2, 48)];
}
