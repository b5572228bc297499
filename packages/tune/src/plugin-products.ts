import type { Pruner } from './pruner/pruner.js';
import type { Sampler } from './sampler/sampler.js';

declare module '@deeptune/core' {
  interface PluginProducts {
    /** A hyperparameter sampler or search strategy from `@deeptune/tune`, e.g. `random`. */
    searcher: Sampler;
    /** A pruner of hopeless trials from `@deeptune/tune`, e.g. `median`. */
    pruner: Pruner;
  }
}

export {};
