/**
 * Keeps the package graph of ARCHITECTURE.md: an arrow there is the only import allowed
 * between workspace packages (dev-dependencies included), and no cycles. Workspace packages
 * resolve to their sources (the `@deeptune/source` condition), so lint needs no build.
 */
const allowed = {
  core: [],
  gradcheck: ['core'],
  layers: ['core'],
  batchnorm: ['core', 'layers'],
  regularization: ['core', 'layers'],
  optimizers: ['core'],
  data: ['core'],
  train: ['core', 'layers', 'optimizers', 'data'],
  tune: ['core', 'data', 'optimizers', 'train'],
  'backend-wasm': ['core'],
  deeptune: [
    'core',
    'gradcheck',
    'layers',
    'regularization',
    'batchnorm',
    'optimizers',
    'data',
    'train',
    'tune',
    'backend-wasm',
  ],
};
/**
 * Extra imports allowed in a package's tests and benchmarks only: building blocks are
 * verified by gradient checking, and gradcheck depends on core alone, so no cycle arises.
 */
const allowedInTests = {
  layers: ['gradcheck'],
  regularization: ['gradcheck'],
  batchnorm: ['gradcheck'],
  tune: ['layers'],
  train: ['backend-wasm'],
  'backend-wasm': ['layers'],
};
const packages = Object.keys(allowed);

/**
 * The one import cycle kept on purpose: core's Tensor class (tensor/tensor.ts) offers every
 * op as a method (`a.matmul(b).relu()`), so it imports the ops, autograd and creation
 * functions, and those construct and return Tensors, so they import tensor.ts. Splitting
 * it would mean prototype patching from separate modules (tfjs's chained_ops, which
 * STYLE.md asks us to avoid), so the cycle is a choice. It is allowed only among these
 * modules and only through tensor.ts; any other cycle fails lint.
 */
const tensorOpsCycle = [
  '^packages/core/src/tensor/',
  '^packages/core/src/ops/',
  '^packages/core/src/autograd/(backward|grad-node)[.]ts$',
  '^packages/core/src/creation/(full|ones|internal)[.]ts$',
].join('|'); // one string: dependency-cruiser does not join arrays given to via/viaOnly

const forbidden = [
  {
    name: 'no-circular-between-packages',
    severity: 'error',
    comment: 'Packages must not import each other in a cycle (type-only imports included).',
    from: { path: '^packages/([^/]+)/' },
    to: { circular: true, pathNot: '^packages/$1/' },
  },
  {
    name: 'no-circular',
    severity: 'error',
    comment:
      'No import cycles inside a package either: they make evaluation order matter. ' +
      'Exempt: cycles with a type-only edge (erased at compile time) and the tensor <-> ' +
      'ops cycle of core (see tensorOpsCycle in .dependency-cruiser.cjs).',
    from: {},
    to: {
      circular: true,
      via: { pathNot: tensorOpsCycle },
      viaOnly: { dependencyTypesNot: ['type-only'] },
    },
  },
  {
    name: 'no-circular-in-core-ops',
    severity: 'error',
    comment:
      'Inside the tensor/ops modules of core, a cycle is allowed only through ' +
      'tensor/tensor.ts (Tensor methods call ops, which return Tensors).',
    from: { path: tensorOpsCycle },
    to: {
      circular: true,
      viaOnly: {
        pathNot: '^packages/core/src/tensor/tensor[.]ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
  },
  ...packages.map((name) => ({
    name: `package-graph-${name}`,
    severity: 'error',
    comment: `@deeptune/${name} may import only: ${allowed[name].join(', ') || 'nothing'}.`,
    from: { path: `^packages/${name}/`, pathNot: `^packages/${name}/(tests|bench)/` },
    to: {
      path: '^packages/([^/]+)/',
      pathNot: [`^packages/${name}/`, ...allowed[name].map((dep) => `^packages/${dep}/`)],
    },
  })),
  ...packages.map((name) => {
    const permitted = [...allowed[name], ...(allowedInTests[name] ?? [])];
    return {
      name: `package-graph-tests-${name}`,
      severity: 'error',
      comment: `Tests of @deeptune/${name} may import only: ${permitted.join(', ') || 'nothing'}.`,
      from: { path: `^packages/${name}/(tests|bench)/` },
      to: {
        path: '^packages/([^/]+)/',
        pathNot: [`^packages/${name}/`, ...permitted.map((dep) => `^packages/${dep}/`)],
      },
    };
  }),
  {
    name: 'not-to-unresolvable',
    severity: 'error',
    comment: 'Every import must resolve (an undeclared workspace package does not).',
    from: {},
    to: { couldNotResolve: true },
  },
  {
    name: 'no-undeclared-dependencies',
    severity: 'error',
    comment: 'Import only packages listed in the importing package.json.',
    from: { path: '^(packages|apps|examples)/' },
    to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
  },
  {
    name: 'apps-import-only-the-umbrella',
    severity: 'error',
    comment:
      'Apps compose the toolkit through the deeptune package (ARCHITECTURE: deeptune ← apps).',
    from: { path: '^apps/', pathNot: '^apps/[^/]+/tests/' },
    to: { path: '^packages/', pathNot: '^packages/deeptune/' },
  },
  {
    name: 'app-tests-import-the-umbrella-and-core-testing',
    severity: 'error',
    comment:
      "An app's tests use the deeptune package and the published test helpers of @deeptune/core/testing.",
    from: { path: '^apps/[^/]+/tests/' },
    to: { path: '^packages/', pathNot: '^packages/(deeptune/|core/(src|dist)/testing/)' },
  },
  {
    name: 'libraries-never-import-apps',
    severity: 'error',
    from: { path: '^packages/' },
    to: { path: '^apps/' },
  },
];

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|api-docs|node_modules)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      // '@deeptune/source' must win over 'types': exports list "types" (dist/*.d.ts) first,
      // and enhanced-resolve takes the first key of the exports object that matches any of
      // these conditions, so with 'types' here a fresh clone (no dist/) fails to resolve.
      conditionNames: ['@deeptune/source', 'import', 'default'],
      mainFields: ['module', 'main', 'types'],
    },
    tsConfig: { fileName: 'tsconfig.base.json' },
  },
};
