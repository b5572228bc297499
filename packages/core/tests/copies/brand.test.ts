import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CORE_VERSION,
  ConfigError,
  IncompatibleCopyError,
  Registry,
  Rng,
  Tensor,
  createRegistry,
  defineBrand,
  definePlugin,
  isGradEnabled,
  isTensor,
  loadedCoreCopies,
  noGrad,
  tensor,
  zeros,
} from '../../src/index.js';
import { areCoreVersionsCompatible } from '../../src/copies/core-copy.js';

const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
const THIS_PATH = fileURLToPath(new URL('../../src/copies/core-copy.ts', import.meta.url));
const PLUGIN_URL = 'file:///home/me/plugin/node_modules/@deeptune/core/dist/index.js';

/** The major version after this one: incompatible with it whatever the current version is. */
const NEXT_MAJOR = `${Number(CORE_VERSION.split('.')[0]) + 1}.0.0`;

/**
 * An object branded as another copy of core would brand a tensor: the brand's key is the
 * registered symbol, its value that copy's record (version and location).
 */
function brandedByAnotherCopy(name: string, version: string): object {
  return Object.defineProperty({}, Symbol.for(name), {
    value: Object.freeze({ version, url: PLUGIN_URL }),
  });
}

describe('CORE_VERSION', () => {
  it('is the version in package.json (defined for the sources as the build defines it)', () => {
    expect(CORE_VERSION).toBe(PACKAGE_VERSION);
  });
});

describe('loadedCoreCopies', () => {
  it('lists this copy with its version and location', () => {
    const copies = loadedCoreCopies();
    expect(copies.length).toBeGreaterThanOrEqual(1);
    expect(copies).toContainEqual({ version: CORE_VERSION, url: expect.stringContaining('file:') });
    expect(copies.some((copy) => fileURLToPath(copy.url) === THIS_PATH)).toBe(true);
  });
});

describe('areCoreVersionsCompatible', () => {
  it.each([
    ['0.3.0', '0.3.7', true],
    ['0.3.1', '0.3.1', true],
    ['0.3.0-next.1', '0.3.2', true],
    ['1.2.0', '1.9.3', true],
    ['2.0.0', '2.0.0+build.5', true],
    ['0.3.0', '0.4.0', false],
    ['0.9.9', '1.0.0', false],
    ['1.4.0', '2.0.0', false],
    ['0.0.1', '0.0.2', true],
    ['nightly', 'nightly', true],
    ['nightly', '0.3.0', false],
  ])('%s and %s → %s', (a, b, expected) => {
    expect(areCoreVersionsCompatible(a, b)).toBe(expected);
    expect(areCoreVersionsCompatible(b, a)).toBe(expected);
  });
});

describe('isTensor', () => {
  it('recognises tensors and nothing else', () => {
    expect(isTensor(zeros([2, 3]))).toBe(true);
    expect(Tensor.isTensor(tensor([1, 2]))).toBe(true);
    const lookalike = { shape: [2], dtype: 'float32', data: new Float32Array(2), size: 2 };
    for (const value of [lookalike, [0, 0], new Float32Array(2), null, undefined, 3, 'x']) {
      expect(isTensor(value)).toBe(false);
    }
  });

  it('keeps the brand on the prototype: a tensor has no extra own property', () => {
    const x = zeros([2]);
    expect(Object.getOwnPropertySymbols(x)).toEqual([]);
    expect(Object.getOwnPropertySymbols(Tensor.prototype)).toContain(
      Symbol.for('deeptune.core.Tensor'),
    );
  });

  it('recognises a tensor branded by another copy of the same release', () => {
    const foreign = brandedByAnotherCopy('deeptune.core.Tensor', CORE_VERSION);
    expect(isTensor(foreign)).toBe(true);
    expect(foreign instanceof Tensor).toBe(true);
  });

  it('throws IncompatibleCopyError naming both versions and both paths for an incompatible copy', () => {
    const foreign = brandedByAnotherCopy('deeptune.core.Tensor', NEXT_MAJOR);
    let error: unknown;
    try {
      isTensor(foreign);
    } catch (caught) {
      error = caught;
    }
    expect(IncompatibleCopyError.isInstance(error)).toBe(true);
    expect((error as IncompatibleCopyError).code).toBe('INCOMPATIBLE_COPY');
    const { message } = error as Error;
    expect(message).toContain(
      `a Tensor made by @deeptune/core ${NEXT_MAJOR} at /home/me/plugin/node_modules/@deeptune/core/dist/index.js`,
    );
    expect(message).toContain(`reached @deeptune/core ${CORE_VERSION} at ${THIS_PATH}`);
    expect(message).toContain('peerDependencies');
    // ops report it, instead of "argument 'a' must be a Tensor"
    expect(() => tensor([1]).add(foreign as Tensor)).toThrow(IncompatibleCopyError);
  });

  it('leaves instanceof of a subclass to the prototype chain', () => {
    class Marked extends Tensor {}
    expect(zeros([1]) instanceof Marked).toBe(false);
    expect(new Marked(new Float32Array(1), [1]) instanceof Marked).toBe(true);
    expect(new Marked(new Float32Array(1), [1]) instanceof Tensor).toBe(true);
  });
});

describe('Rng.isRng and Registry.isRegistry', () => {
  it('recognise their own and another compatible copy’s instances only', () => {
    expect(Rng.isRng(new Rng(0))).toBe(true);
    expect(Rng.isRng(brandedByAnotherCopy('deeptune.core.Rng', CORE_VERSION))).toBe(true);
    expect(Rng.isRng({ nextFloat: () => 0.5 })).toBe(false);
    expect(Registry.isRegistry(createRegistry())).toBe(true);
    expect(Registry.isRegistry(brandedByAnotherCopy('deeptune.core.Registry', CORE_VERSION))).toBe(
      true,
    );
    expect(() =>
      Registry.isRegistry(brandedByAnotherCopy('deeptune.core.Registry', NEXT_MAJOR)),
    ).toThrow(`a Registry made by @deeptune/core ${NEXT_MAJOR}`);
  });
});

describe('Registry.register with entries of other copies', () => {
  const entry = definePlugin({
    kind: 'schedule',
    name: 'acme:constant',
    description: 'A constant learning rate.',
    create: () => (learningRate0: number) => learningRate0,
  });
  /** The entry as another copy's definePlugin would have made it. */
  const fromCopy = (version: string): typeof entry =>
    Object.freeze(
      Object.defineProperty({ ...entry }, Symbol.for('deeptune.core.PluginEntry'), {
        value: Object.freeze({ version, url: PLUGIN_URL }),
      }),
    );

  it('accepts an entry made by another copy of the same release', () => {
    const registry = createRegistry();
    registry.register(fromCopy(CORE_VERSION));
    expect(registry.names('schedule')).toEqual(['acme:constant']);
  });

  it('refuses an entry made by an incompatible copy, naming the plugin, both versions and paths', () => {
    const registry = createRegistry();
    expect(() => registry.register(fromCopy(NEXT_MAJOR))).toThrow(
      `registry.register: schedule 'acme:constant' made by @deeptune/core ${NEXT_MAJOR} at /home/me/plugin/node_modules/@deeptune/core/dist/index.js reached @deeptune/core ${CORE_VERSION} at ${THIS_PATH}`,
    );
    expect(registry.names('schedule')).toEqual([]);
  });

  it('marks the entries of definePlugin with a non-enumerable brand', () => {
    expect(
      Object.getOwnPropertyDescriptor(entry, Symbol.for('deeptune.core.PluginEntry')),
    ).toMatchObject({
      enumerable: false,
      value: { version: CORE_VERSION },
    });
  });
});

describe('defineBrand', () => {
  it('refuses an empty name or description', () => {
    expect(() => defineBrand('', 'a Thing')).toThrow(ConfigError);
    expect(() => defineBrand('acme.Thing', '')).toThrow(ConfigError);
  });

  it('brands a class so that its instances are recognised without own properties', () => {
    const brand = defineBrand<Thing>('acme.test.Thing', 'a Thing');
    class Thing {
      static {
        brand.mark(this.prototype);
      }
      readonly size = 1;
    }
    const { is } = brand;
    const thing = new Thing();
    expect(is(thing)).toBe(true);
    expect(Object.getOwnPropertySymbols(thing)).toEqual([]);
    expect(is({})).toBe(false);
    expect(brand.symbol).toBe(Symbol.for('acme.test.Thing'));
  });
});

describe('noGrad across copies', () => {
  it('shares its state with every copy through a registered symbol', () => {
    const shared = (globalThis as unknown as Record<symbol, { disabledDepth: number }>)[
      Symbol.for('deeptune.core.gradMode.v1')
    ]!;
    const x = tensor([1, 2], { requiresGrad: true });
    noGrad(() => expect(shared.disabledDepth).toBe(1));
    // what another copy's noGrad does: this copy's ops stop recording too
    shared.disabledDepth++;
    try {
      expect(isGradEnabled()).toBe(false);
      expect(x.mul(2).requiresGrad).toBe(false);
    } finally {
      shared.disabledDepth--;
    }
    expect(x.mul(2).requiresGrad).toBe(true);
  });
});
