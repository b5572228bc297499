import type { Flag } from './flag.js';

/** Flags every command accepts. */
export const COMMON_FLAGS: readonly Flag[] = [
  {
    name: 'plugin',
    type: 'stringList',
    repeatable: true,
    valueName: '<module>',
    // Code runs only when the user names it on the command line, never from a config file.
    configurable: false,
    description:
      "Load a plugin module first (repeatable): a file exporting a plugin package as 'plugin' or default, e.g. ./lion.mjs",
  },
  {
    name: 'config',
    type: 'string',
    valueName: '<file>',
    configurable: false,
    description: 'Read options from a JSON or YAML file (keys in camelCase); flags override it',
  },
  {
    name: 'json',
    type: 'boolean',
    default: false,
    description: 'Print machine-readable JSON results instead of text',
  },
  {
    name: 'backend',
    type: 'string',
    choices: ['wasm', 'cpu'],
    valueName: '<name>',
    defaultText: 'wasm where WebAssembly SIMD runs, else cpu',
    group: 'Compute',
    description:
      'Where tensors are computed: wasm (WebAssembly SIMD matrix products over --threads threads) or cpu (the pure-TypeScript reference)',
  },
  {
    name: 'threads',
    type: 'integer',
    min: 1,
    max: 64,
    valueName: '<n>',
    defaultText: "the machine's cores",
    group: 'Compute',
    description: 'Threads per matrix product on the wasm backend',
  },
  {
    name: 'debug',
    type: 'boolean',
    default: false,
    configurable: false,
    description: 'Print stack traces with errors',
  },
  { name: 'help', type: 'boolean', configurable: false, description: 'Show this help' },
];
