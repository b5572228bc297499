import { definePlugin, definePluginPackage, option } from '@deeptune/core';
import type { DatasetLoader } from '../plugin/dataset-loader.js';
import { mnist } from './mnist.js';
import { mnistSchema } from './mnist-schema.js';
import { readCsv } from './read-csv.js';

declare module '@deeptune/core' {
  interface KnownPlugins {
    'dataset/mnist': typeof mnistPlugin;
    'dataset/csv': typeof csvPlugin;
  }
}

/** @internal */
export const mnistPlugin = definePlugin({
  kind: 'dataset',
  name: 'mnist',
  description: 'MNIST handwritten digits: 60,000 training and 10,000 test images, [m, 784].',
  options: mnistSchema,
  create: (options): DatasetLoader =>
    Object.freeze({
      name: 'mnist',
      info: Object.freeze({
        imageShape: [28, 28] as const,
        synthetic: false,
        features: 28 * 28,
        classes: 10,
        classNames: Object.freeze(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']),
        scaled: options.normalize === 'scale',
      }),
      load: async () => ({ ...(await mnist(options)), classes: 10 }),
    }),
});

/** @internal */
export const csvPlugin = definePlugin({
  kind: 'dataset',
  name: 'csv',
  description: 'A CSV file with numeric feature columns and a label column.',
  options: {
    path: option.string({ minLength: 1, description: 'The CSV file.' }),
    labelColumn: option.string({
      minLength: 1,
      description: 'The name of the label column (from the header).',
    }),
    header: option.boolean({
      default: true,
      description: 'Whether the first line names the columns.',
    }),
    delimiter: option.string({ default: ',', description: 'The field separator.' }),
    targets: option.enum(['class-index', 'class-name', 'real'], {
      default: 'class-index',
      description: 'How the label column becomes targets.',
    }),
    classNames: option.custom({
      typeName: 'a list of class names',
      check: (value: unknown): value is readonly string[] =>
        Array.isArray(value) && value.every((name) => typeof name === 'string'),
      optional: true,
      description: "With targets 'class-name': the class names in index order (e.g. a model's).",
    }),
    classes: option.number({
      integer: true,
      min: 1,
      optional: true,
      description:
        "With targets 'class-index': the number of classes (e.g. a model's); the file may then hold any subset.",
    }),
    dtype: option.enum(['float32', 'float64'], { default: 'float32', description: 'The dtype.' }),
  },
  create: ({ path, labelColumn, header, ...rest }): DatasetLoader =>
    Object.freeze({
      name: 'csv',
      info: Object.freeze({
        synthetic: false,
        ...(rest.classes === undefined ? {} : { classes: rest.classes }),
        ...(rest.classNames === undefined
          ? {}
          : { classNames: rest.classNames, classes: rest.classNames.length }),
      }),
      load: async () => {
        // Without a header, columns are positions: '3' names column 3.
        const column = header ? labelColumn : Number(labelColumn);
        const { dataset, classNames } = await readCsv(path, {
          ...rest,
          header,
          labelColumn: column,
        });
        if (classNames !== undefined) {
          return { train: dataset, classes: classNames.length, classNames };
        }
        return rest.classes === undefined
          ? { train: dataset }
          : { train: dataset, classes: rest.classes };
      },
    }),
});

/**
 * The Node-only plugins of `@deeptune/data`: the datasets `mnist` (options `subset`,
 * `testSubset`, `normalize`, `dtype`, `directory`) and `csv` (options `path`,
 * `labelColumn`, `header`, `delimiter`, `targets`, `classNames`, `classes`, `dtype`). Use
 * it together with the browser-safe `plugin` from `@deeptune/data`.
 *
 * @category Plugins
 *
 * @example
 * ```ts
 * import { createRegistry } from '@deeptune/core';
 * import { plugin } from '@deeptune/data';
 * import { nodePlugin } from '@deeptune/data/node';
 *
 * const registry = createRegistry({ plugins: [plugin, nodePlugin] });
 * const { train, test } = await registry.create('dataset', 'mnist', { subset: 5000 }).load();
 * ```
 */
export const nodePlugin = definePluginPackage({
  name: '@deeptune/data',
  entries: [mnistPlugin, csvPlugin],
});

/**
 * Adds the Node-only plugins of `@deeptune/data` to a registry; the same as
 * `registry.use(nodePlugin)`.
 *
 * @returns a disposer that removes what this call added.
 * @category Plugins
 *
 * @example
 * ```ts
 * const registry = createRegistry();
 * register(registry); // the browser-safe datasets
 * registerNode(registry); // mnist and csv
 * const loader = registry.create('dataset', 'csv', { path: 'iris.csv', labelColumn: 'species' });
 * ```
 */
export const registerNode = nodePlugin.register;
