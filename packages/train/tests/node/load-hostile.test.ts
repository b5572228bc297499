import { execFileSync } from 'node:child_process';
import {
  access,
  mkdir,
  mkdtemp,
  open,
  readFile,
  realpath,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DataFormatError,
  StateDictError,
  Tensor,
  createRegistry,
  definePlugin,
  option,
} from '@deeptune/core';
import { Module, plugin as layersPlugin } from '@deeptune/layers';
import { describeModel, encodeSafetensors } from '../../src/index.js';
import { loadModel, saveModel } from '../../src/node/index.js';
import { model, rawSafetensors, registry } from './model-fixtures.js';

let dir: string;
let target: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deeptune-load-hostile-'));
  target = join(dir, 'model');
  await saveModel(target, { model: model(1) });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The error `loadModel` rejects with. */
async function loadError(
  options: Parameters<typeof loadModel>[1] = { registry },
  path = target,
): Promise<Error> {
  const error = await loadModel(path, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

/**
 * Replaces a file of the model (through the link) with something else; returns its path
 * under the model path, which errors name (not the hidden generation the link points to).
 */
async function replace(file: string, make: (path: string) => Promise<unknown>): Promise<string> {
  const path = join(target, file);
  await rm(path, { recursive: true, force: true });
  await make(path);
  expect(await realpath(target)).not.toBe(target);
  return path;
}

const architecture = (layers: unknown[]): string =>
  JSON.stringify({ format: 'deeptune-sequential', version: 1, layers });

describe('loadModel reads only bounded regular files', () => {
  it('refuses an architecture.json that is a FIFO instead of hanging on it', async () => {
    const path = await replace('architecture.json', async (where) =>
      execFileSync('mkfifo', [where]),
    );
    const error = await loadError();
    expect(DataFormatError.isInstance(error)).toBe(true);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/FIFO/);
  });

  it('refuses weights that are a link to /dev/zero', async () => {
    const path = await replace('weights.safetensors', (where) => symlink('/dev/zero', where));
    const error = await loadError();
    expect(DataFormatError.isInstance(error)).toBe(true);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/character device/);
  });

  it('names the file when the weights path is a directory (no bare EISDIR)', async () => {
    const path = await replace('weights.safetensors', (where) => mkdir(where));
    const error = await loadError();
    expect(DataFormatError.isInstance(error)).toBe(true);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/is a directory; expected a regular file/);
    await replace('metrics.json', (where) => mkdir(where));
    await replace('weights.safetensors', async (where) =>
      writeFile(where, encodeSafetensors(model(1).stateDict())),
    );
    expect((await loadError()).message).toMatch(/metrics\.json.*is a directory/);
  });

  it('refuses weights beyond maxWeightsBytes, and a sparse 3 GiB file by default, before reading', async () => {
    const bytes = await readFile(join(target, 'weights.safetensors'));
    const small = await loadError({ registry, maxWeightsBytes: bytes.length - 1 });
    expect(small.message).toMatch(
      /weights\.safetensors' has \d+ B \(\d+ bytes\); the limit is \d+ B/,
    );
    await replace('weights.safetensors', async (where) => {
      const handle = await open(where, 'w');
      await handle.write(bytes, 0, bytes.length, 0);
      await handle.truncate(3 * 1024 ** 3);
      await handle.close();
    });
    expect((await loadError()).message).toMatch(
      /has 3\.0 GiB \(3221225472 bytes\); the limit is 2\.0 GiB/,
    );
  });

  it('refuses a sparse file whose small header does not account for its size, reading only the header', async () => {
    const bytes = await readFile(join(target, 'weights.safetensors'));
    await replace('weights.safetensors', async (where) => {
      const handle = await open(where, 'w');
      await handle.write(bytes, 0, bytes.length, 0);
      await handle.truncate(1024 ** 3);
      await handle.close();
    });
    const error = await loadError();
    expect(DataFormatError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/the tensors cover \d+ data bytes but the file holds \d+/);
  });

  it('refuses oversized JSON files and JSON bombs of empty containers', async () => {
    await writeFile(join(target, 'training.json'), `"${'x'.repeat(1024 * 1024)}"`);
    expect((await loadError()).message).toMatch(
      /training\.json' has 1\.0 MiB \(1048578 bytes\); the limit is 1\.0 MiB/,
    );
    await writeFile(join(target, 'training.json'), `[${'[],'.repeat(70_000)}[]]`);
    expect((await loadError()).message).toMatch(
      /training\.json holds more than 65536 JSON objects and arrays/,
    );
    await rm(join(target, 'training.json'));
    await writeFile(join(target, 'standardizer.json'), '[1, 2, 3]');
    expect((await loadError({ registry, maxStandardizerBytes: 4 })).message).toMatch(
      /standardizer\.json' has 9 B/,
    );
  });

  it('refuses non-finite weights, naming the file and the tensor', async () => {
    const state = model(1).stateDict();
    state['dense2.weight']!.data[5] = Number.NaN;
    await writeFile(join(target, 'weights.safetensors'), encodeSafetensors(state));
    const error = await loadError();
    expect(DataFormatError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      /weights\.safetensors: tensor 'dense2\.weight' holds NaN at index 5; expected finite weights/,
    );
    state['dense2.weight']!.data[5] = Number.POSITIVE_INFINITY;
    await writeFile(join(target, 'weights.safetensors'), encodeSafetensors(state));
    expect((await loadError()).message).toMatch(/'dense2\.weight' holds Infinity/);
  });
});

describe('loadModel checks the architecture against the weights before creating layers', () => {
  it('refuses a dense layer of 1e9 units before allocating it', async () => {
    const dense = layersPlugin.entries.find(
      (entry) => entry.kind === 'layer' && entry.name === 'dense',
    )!;
    const factory = vi.fn(
      (options: Readonly<Record<string, unknown>>) => dense.factory(options) as Module,
    );
    const spied = createRegistry();
    spied.register(
      definePlugin({
        kind: 'layer',
        name: 'dense',
        description: dense.description,
        options: dense.options,
        create: factory,
        stateShapes: dense.stateShapes!,
      }),
    );
    spied.register(
      layersPlugin.entries.find((entry) => entry.name === 'activation' && entry.kind === 'layer')!,
    );
    await writeFile(
      join(target, 'architecture.json'),
      architecture([
        { name: 'dense1', plugin: 'dense', options: { inputs: 4, units: 1e9 } },
        { name: 'activation1', plugin: 'activation', options: { activation: 'tanh' } },
        { name: 'dense2', plugin: 'dense', options: { inputs: 1e9, units: 3, useBias: false } },
      ]),
    );
    const error = await loadError({ registry: spied });
    expect(StateDictError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      /weights\.safetensors does not match .*architecture\.json: .*layers\[0\] 'dense1' \(plugin 'dense'\) needs 'dense1\.weight' float32 \[4, 1000000000\], but the weights hold float32 \[4, 8\]/,
    );
    expect(factory).not.toHaveBeenCalled();
    // The real plugin refuses it just the same.
    expect(StateDictError.isInstance(await loadError())).toBe(true);
  });

  it('refuses tensors the architecture does not account for', async () => {
    const bytes = rawSafetensors([
      ...Object.entries(model(1).stateDict()).map(
        ([name, tensor]) => [name, tensor.shape, [...tensor.data]] as const,
      ),
      ['dense3.weight', [2], [1, 2]],
    ]);
    await writeFile(join(target, 'weights.safetensors'), bytes);
    expect((await loadError()).message).toMatch(/tensors that belong to no layer: dense3\.weight/);
  });

  it('creates a plugin without stateShapes only when its numeric options fit the weights', async () => {
    const factory = vi.fn(
      ({ size }: { size: number }) =>
        new (class extends Module {
          readonly typeName = 'Wide';
          constructor() {
            super();
            this.registerParameter('weight', new Tensor(new Float32Array(size), [size]), 'weight');
          }
          protected call(input: Tensor): Tensor {
            return input;
          }
        })(),
    );
    const custom = createRegistry({ plugins: [layersPlugin] });
    custom.register(
      definePlugin({
        kind: 'layer',
        name: 'acme:wide',
        description: 'A layer without a stateShapes declaration.',
        options: { size: option.number({ integer: true, min: 1 }) },
        create: factory,
      }),
    );
    const layers = describeModel(model(1)).layers;
    const withWide = (size: number): string =>
      architecture([...layers, { name: 'wide', plugin: 'acme:wide', options: { size } }]);
    const state = Object.entries(model(1).stateDict()).map(
      ([name, tensor]) => [name, tensor.shape, [...tensor.data]] as const,
    );
    await writeFile(
      join(target, 'weights.safetensors'),
      rawSafetensors([...state, ['wide.weight', [6], [1, 2, 3, 4, 5, 6]]]),
    );
    await writeFile(join(target, 'architecture.json'), withWide(1e9));
    const error = await loadError({ registry: custom });
    expect(StateDictError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      /'wide' \(plugin 'acme:wide'\) has numeric options whose product \(1000000000\) exceeds the \d+ scalars the weights hold, and its plugin does not declare stateShapes/,
    );
    expect(factory).not.toHaveBeenCalled();
    await writeFile(join(target, 'architecture.json'), withWide(6));
    const { model: loaded } = await loadModel(target, { registry: custom });
    expect(Array.from(loaded.stateDict()['wide.weight']!.data)).toEqual([1, 2, 3, 4, 5, 6]);
    // Within the bound but not what the weights hold: refused right after creation.
    await writeFile(join(target, 'architecture.json'), withWide(7));
    expect((await loadError({ registry: custom })).message).toMatch(
      /created 'wide\.weight' float32 \[7\], but the weights hold float32 \[6\]/,
    );
  });
});

describe('loadModel and prototype keys', () => {
  it('refuses a weights file with a tensor named __proto__ (an unexpected key)', async () => {
    const state = Object.entries(model(1).stateDict()).map(
      ([name, tensor]) => [name, tensor.shape, [...tensor.data]] as const,
    );
    await writeFile(
      join(target, 'weights.safetensors'),
      rawSafetensors([...state, ['__proto__', [1], [1]]]),
    );
    const error = await loadError();
    expect(StateDictError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/__proto__/);
  });

  it('refuses a layer named __proto__ with a clear error instead of dropping it', async () => {
    const layers = describeModel(model(1)).layers.map((layer, index) =>
      index === 1 ? { ...layer, name: '__proto__' } : layer,
    );
    await writeFile(join(target, 'architecture.json'), architecture(layers));
    const error = await loadError();
    expect(DataFormatError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      /architecture\.json: layers\[1\] has the name "__proto__"; layer names must be identifiers .* other than '__proto__'/,
    );
  });

  it('refuses options and fields that only an object prototype would supply', async () => {
    await writeFile(
      join(target, 'architecture.json'),
      '{"format":"deeptune-sequential","version":1,"layers":[{"name":"dense1","plugin":"dense","options":{"__proto__":{"inputs":4}}}]}',
    );
    expect(DataFormatError.isInstance(await loadError())).toBe(true);
  });
});

describe('model directories cannot load code', () => {
  it('never imports a plugin named in training.json or a layer plugin given as a file path', async () => {
    const marker = join(dir, 'pwned');
    const evil = join(dir, 'evil.mjs');
    await writeFile(
      evil,
      `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'ran');\n` +
        `export default { name: 'evil', entries: [] };\n`,
    );
    await writeFile(
      join(target, 'training.json'),
      JSON.stringify({ plugin: './evil.mjs', plugins: [evil], optimizer: evil }),
    );
    const loaded = await loadModel(target, { registry });
    expect(loaded.trainingConfig).toEqual({
      plugin: './evil.mjs',
      plugins: [evil],
      optimizer: evil,
    });

    for (const plugin of ['./evil.mjs', evil, `file://${evil}`]) {
      const layers = describeModel(model(1)).layers.map((layer, index) =>
        index === 1 ? { name: 'activation1', plugin, options: {} } : layer,
      );
      await writeFile(join(target, 'architecture.json'), architecture(layers));
      const error = await loadError();
      expect(DataFormatError.isInstance(error)).toBe(true);
      expect(error.message).toMatch(/unknown layer/);
    }
    await expect(access(marker)).rejects.toThrow(/ENOENT/);
  });
});
