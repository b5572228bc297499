/**
 * Keeps the package graph of ARCHITECTURE.md: an arrow there is the only import allowed
 * between workspace packages (dev-dependencies included), and no cycles.
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
  tune: ['core'],
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
};
const packages = Object.keys(allowed);

const forbidden = [
  {
    name: 'no-circular',
    severity: 'error',
    comment: 'Packages must not import each other in a cycle.',
    from: { path: '^packages/([^/]+)/' },
    to: { circular: true, pathNot: '^packages/$1/' },
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
    from: { path: '^apps/' },
    to: { path: '^packages/', pathNot: '^packages/deeptune/' },
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
      conditionNames: ['@deeptune/source', 'import', 'types'],
      mainFields: ['module', 'main', 'types'],
    },
    tsConfig: { fileName: 'tsconfig.base.json' },
  },
};
