import { describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../src/backend/backend.js';
import { ConfigError } from '../../src/errors/config-error.js';
import { InvalidHyperparameterError } from '../../src/errors/invalid-hyperparameter-error.js';
import { IncompatiblePluginError } from '../../src/errors/incompatible-plugin-error.js';
import { PluginConflictError } from '../../src/errors/plugin-conflict-error.js';
import { UnknownPluginError } from '../../src/errors/unknown-plugin-error.js';
import { definePluginPackage } from '../../src/registry/define-plugin-package.js';
import { definePlugin, type PluginEntry } from '../../src/registry/define-plugin.js';
import { option } from '../../src/registry/option.js';
import type { PluginKind } from '../../src/registry/plugin-kinds.js';
import { Registry } from '../../src/registry/registry.js';

interface ToyOptimizer {
  readonly name: string;
  readonly learningRate: number;
}

function optimizer(name: string, description = `The ${name} optimizer.`) {
  return definePlugin({
    kind: 'optimizer',
    name,
    description,
    options: { learningRate: option.number({ default: 0.01, exclusiveMin: 0 }) },
    create: ({ learningRate }): ToyOptimizer => ({ name, learningRate }),
  });
}

const adam = optimizer('adam');
const sgd = optimizer('sgd');
const momentum = optimizer('momentum');

function thrown(run: () => unknown): Error & { code: string } {
  try {
    run();
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error('expected an error');
}

describe('Registry', () => {
  describe('register, get, has', () => {
    it('finds a registered entry by kind and name', () => {
      const registry = new Registry();
      registry.register(adam);
      expect(registry.get('optimizer', 'adam')).toBe(adam);
      expect(registry.has('optimizer', 'adam')).toBe(true);
      expect(registry.has('optimizer', 'sgd')).toBe(false);
      expect(registry.has('schedule', 'adam')).toBe(false);
    });

    it('keeps kinds apart: the same name may be used by two kinds', () => {
      const registry = new Registry();
      const l2Regularizer = definePlugin({
        kind: 'schedule',
        name: 'l2',
        description: '',
        create: () => 'r',
      });
      const l2Loss = definePlugin({
        kind: 'metric',
        name: 'l2',
        description: '',
        create: () => 'l',
      });
      registry.register(l2Regularizer);
      registry.register(l2Loss);
      expect(registry.create('schedule', 'l2')).toBe('r');
      expect(registry.create('metric', 'l2')).toBe('l');
    });

    it('rejects something that is not a plugin entry', () => {
      const registry = new Registry();
      const error = thrown(() =>
        registry.register({ kind: 'optimizer', name: 'adam' } as unknown as PluginEntry),
      );
      expect(ConfigError.isInstance(error)).toBe(true);
      expect(error.message).toContain(
        "registry.register: optimizer 'adam': 'description' must be a string",
      );
      expect(() => registry.register(null as unknown as PluginEntry)).toThrow(
        'expected a plugin entry',
      );
    });

    it('rejects an override option that is not a boolean', () => {
      const registry = new Registry();
      expect(() => registry.register(adam, { override: 'yes' as unknown as boolean })).toThrow(
        "option 'override' must be true or false, got 'yes'",
      );
    });
  });

  describe('create', () => {
    it('validates options and runs the same factory as the entry', () => {
      const registry = new Registry();
      registry.register(adam);
      expect(registry.create('optimizer', 'adam', { learningRate: 3e-4 })).toEqual(
        adam.create({ learningRate: 3e-4 }),
      );
      expect(registry.create('optimizer', 'adam')).toEqual({ name: 'adam', learningRate: 0.01 });
    });

    it('calls the entry’s own create, so validation happens exactly once', () => {
      const registry = new Registry();
      const create = vi.fn(() => 1);
      const entry = definePlugin({ kind: 'metric', name: 'accuracy', description: '', create });
      registry.register(entry);
      registry.create('metric', 'accuracy');
      expect(create).toHaveBeenCalledTimes(1);
    });

    it('reports invalid options with the plugin, the option, the value and the expectation', () => {
      const registry = new Registry();
      registry.register(adam);
      const error = thrown(() => registry.create('optimizer', 'adam', { learningRate: -1 }));
      expect(InvalidHyperparameterError.isInstance(error)).toBe(true);
      expect(error.code).toBe('INVALID_HYPERPARAMETER');
      expect(error.message).toBe("optimizer 'adam': option 'learningRate' must be > 0, got -1");
      expect(() => registry.create('optimizer', 'adam', { learnignRate: 0.1 })).toThrow(
        "unknown option 'learnignRate'. Did you mean 'learningRate'?",
      );
    });

    it('returns the product type of the kind', () => {
      const registry = new Registry();
      const fake = { name: 'fake' } as unknown as Backend;
      registry.register(
        definePlugin({ kind: 'backend', name: 'fake', description: '', create: () => fake }),
      );
      const backend: Backend = registry.create('backend', 'fake');
      expect(backend).toBe(fake);
    });
  });

  describe('unknown names and kinds', () => {
    function registryWithOptimizers(): Registry {
      const registry = new Registry();
      for (const entry of [adam, sgd, momentum]) registry.register(entry);
      return registry;
    }

    it('lists the known names of the kind and the closest match', () => {
      const error = thrown(() => registryWithOptimizers().create('optimizer', 'adma'));
      expect(UnknownPluginError.isInstance(error)).toBe(true);
      expect(error.code).toBe('UNKNOWN_PLUGIN');
      expect(error.message).toBe(
        "registry.create: unknown optimizer 'adma'. Did you mean 'adam'? Known optimizer plugins: adam, momentum, sgd.",
      );
    });

    it('omits the suggestion when no name is close', () => {
      const error = thrown(() => registryWithOptimizers().get('optimizer', 'lbfgs'));
      expect(error.message).not.toContain('Did you mean');
      expect(error.message).toContain('Known optimizer plugins: adam, momentum, sgd.');
    });

    it('suggests a namespaced plugin for its local name', () => {
      const registry = registryWithOptimizers();
      registry.register(optimizer('acme:lion'));
      expect(() => registry.get('optimizer', 'lion')).toThrow("Did you mean 'acme:lion'?");
    });

    it('says so when no plugin of the kind is registered', () => {
      const error = thrown(() => new Registry().get('optimizer', 'adam'));
      expect(UnknownPluginError.isInstance(error)).toBe(true);
      expect(error.message).toContain(
        "unknown optimizer 'adam'; no optimizer plugins are registered",
      );
      expect(error.message).toContain('registry.use(plugin)');
    });

    it('throws a clear error for an unknown kind in every lookup', () => {
      const registry = registryWithOptimizers();
      const kind = 'optimiser' as PluginKind;
      for (const lookup of [
        () => registry.get(kind, 'adam'),
        () => registry.create(kind, 'adam'),
        () => registry.has(kind, 'adam'),
        () => registry.names(kind),
        () => registry.list(kind),
      ]) {
        const error = thrown(lookup);
        expect(UnknownPluginError.isInstance(error)).toBe(true);
        expect(error.message).toContain(
          "unknown plugin kind 'optimiser'. Did you mean 'optimizer'?",
        );
        expect(error.message).toContain('Known kinds: activation, augmentation, backend, callback');
      }
    });

    it('rejects a name that is not a string', () => {
      const error = thrown(() =>
        registryWithOptimizers().get('optimizer', 42 as unknown as string),
      );
      expect(ConfigError.isInstance(error)).toBe(true);
      expect(error.message).toContain('the optimizer name must be a string, got 42');
    });
  });

  describe('re-registration, conflicts and override', () => {
    it('does nothing when the same entry is registered again', () => {
      const registry = new Registry();
      registry.register(adam);
      expect(() => registry.register(adam)).not.toThrow();
      expect(registry.get('optimizer', 'adam')).toBe(adam);
      expect(registry.list('optimizer')).toEqual([adam]);
    });

    it('does nothing when an identical entry is registered', () => {
      const definition = {
        kind: 'activation',
        name: 'relu',
        description: 'max(0, x)',
        create: () => 'relu',
      } as const;
      const first = definePlugin(definition);
      const identical = definePlugin(definition);
      expect(identical).not.toBe(first);
      const registry = new Registry();
      registry.register(first);
      expect(() => registry.register(identical)).not.toThrow();
      expect(registry.get('activation', 'relu')).toBe(first);
    });

    it('throws PluginConflictError for a different entry under a taken name', () => {
      const registry = new Registry();
      registry.register(adam);
      const error = thrown(() => registry.register(optimizer('adam', 'Another Adam.')));
      expect(PluginConflictError.isInstance(error)).toBe(true);
      expect(error.code).toBe('PLUGIN_CONFLICT');
      expect(error.message).toContain(
        "optimizer 'adam' conflicts with a different entry already registered",
      );
      expect(error.message).toContain('{ override: true }');
      expect(registry.get('optimizer', 'adam')).toBe(adam);
    });

    it('replaces the entry with override: true', () => {
      const registry = new Registry();
      registry.register(adam);
      const replacement = optimizer('adam', 'A patched Adam.');
      registry.register(replacement, { override: true });
      expect(registry.get('optimizer', 'adam')).toBe(replacement);
    });

    it('names both packages in a conflict between packages', () => {
      const registry = new Registry();
      registry.use(definePluginPackage({ name: '@deeptune/optimizers', entries: [adam] }));
      const error = thrown(() =>
        registry.use(
          definePluginPackage({ name: 'acme-optimizers', entries: [optimizer('adam', 'x')] }),
        ),
      );
      expect(error.message).toContain(
        "registry.use('acme-optimizers'): optimizer 'adam' from acme-optimizers conflicts with a different entry already registered from @deeptune/optimizers",
      );
    });
  });

  describe('disposers', () => {
    it('unregisters the entry', () => {
      const registry = new Registry();
      const dispose = registry.register(adam);
      dispose();
      expect(registry.has('optimizer', 'adam')).toBe(false);
      expect(() => registry.get('optimizer', 'adam')).toThrow(UnknownPluginError);
    });

    it('can be called twice', () => {
      const registry = new Registry();
      const dispose = registry.register(adam);
      dispose();
      registry.register(sgd);
      dispose();
      expect(registry.names('optimizer')).toEqual(['sgd']);
    });

    it('of a no-op re-registration leaves the first registration in place', () => {
      const registry = new Registry();
      const first = registry.register(adam);
      const second = registry.register(adam);
      second();
      expect(registry.has('optimizer', 'adam')).toBe(true);
      first();
      expect(registry.has('optimizer', 'adam')).toBe(false);
    });

    it('of an override restores the replaced entry', () => {
      const registry = new Registry();
      registry.register(adam);
      const patched = optimizer('adam', 'A patched Adam.');
      const restore = registry.register(patched, { override: true });
      restore();
      expect(registry.get('optimizer', 'adam')).toBe(adam);
    });

    it('of a shadowed registration is honoured when the override is undone', () => {
      const registry = new Registry();
      const disposeOriginal = registry.register(adam);
      const disposePatch = registry.register(optimizer('adam', 'patched'), { override: true });
      disposeOriginal(); // shadowed: nothing visible changes yet
      expect(registry.get('optimizer', 'adam').description).toBe('patched');
      disposePatch();
      expect(registry.has('optimizer', 'adam')).toBe(false);
    });
  });

  describe('use', () => {
    const plugin = definePluginPackage({
      name: '@deeptune/optimizers',
      entries: [sgd, momentum, adam],
    });

    it('registers every entry of a package', () => {
      const registry = new Registry();
      registry.use(plugin);
      expect(registry.names('optimizer')).toEqual(['adam', 'momentum', 'sgd']);
    });

    it('does nothing when the same package is used twice', () => {
      const registry = new Registry();
      registry.use(plugin);
      expect(() => registry.use(plugin)).not.toThrow();
      expect(registry.names('optimizer')).toEqual(['adam', 'momentum', 'sgd']);
    });

    it('returns a disposer that removes what it added', () => {
      const registry = new Registry();
      registry.register(adam);
      const dispose = registry.use(plugin);
      dispose();
      expect(registry.names('optimizer')).toEqual(['adam']);
    });

    it('adds nothing when one entry conflicts', () => {
      const registry = new Registry();
      registry.register(optimizer('momentum', 'Someone else’s momentum.'));
      expect(() => registry.use(plugin)).toThrow(PluginConflictError);
      expect(registry.names('optimizer')).toEqual(['momentum']);
    });

    it('overrides every conflicting entry with override: true', () => {
      const registry = new Registry();
      registry.register(optimizer('momentum', 'old'));
      const dispose = registry.use(plugin, { override: true });
      expect(registry.get('optimizer', 'momentum')).toBe(momentum);
      dispose();
      expect(registry.get('optimizer', 'momentum').description).toBe('old');
    });

    it('rejects something that is not a plugin package', () => {
      expect(() => new Registry().use({ name: 'x' } as unknown as typeof plugin)).toThrow(
        'expected a plugin package (made with definePluginPackage)',
      );
    });
  });

  describe('apiVersion', () => {
    const future = definePlugin({
      kind: 'optimizer',
      name: 'acme:lion',
      description: '',
      apiVersion: 2,
      create: () => 1,
    });

    it('throws IncompatiblePluginError for an entry of another plugin API version', () => {
      const error = thrown(() => new Registry().register(future));
      expect(IncompatiblePluginError.isInstance(error)).toBe(true);
      expect(error.code).toBe('INCOMPATIBLE_PLUGIN');
      expect(error.message).toContain(
        "optimizer 'acme:lion' was written for plugin API version 2, but this @deeptune/core supports version 1",
      );
    });

    it('adds nothing from a package with an incompatible entry', () => {
      const registry = new Registry();
      const plugin = definePluginPackage({
        name: 'acme-plugins',
        entries: [optimizer('acme:sophia'), future],
      });
      expect(() => registry.use(plugin)).toThrow(
        "optimizer 'acme:lion' from acme-plugins was written",
      );
      expect(registry.names('optimizer')).toEqual([]);
    });
  });

  describe('list and names', () => {
    it('lists the entries of a kind sorted by name', () => {
      const registry = new Registry();
      for (const entry of [sgd, adam, momentum]) registry.register(entry);
      expect(registry.list('optimizer')).toEqual([adam, momentum, sgd]);
      expect(registry.names('optimizer')).toEqual(['adam', 'momentum', 'sgd']);
      expect(registry.names('layer')).toEqual([]);
    });

    it('lists every kind in PLUGIN_KINDS order, then by name', () => {
      const registry = new Registry();
      const relu = definePlugin({
        kind: 'activation',
        name: 'relu',
        description: '',
        create: () => 0,
      });
      const dense = definePlugin({
        kind: 'layer',
        name: 'dense',
        description: '',
        create: () => 0,
      });
      for (const entry of [sgd, relu, adam, dense]) registry.register(entry);
      expect(registry.list().map((entry) => `${entry.kind}/${entry.name}`)).toEqual([
        'layer/dense',
        'activation/relu',
        'optimizer/adam',
        'optimizer/sgd',
      ]);
    });

    it('returns copies that do not change the registry', () => {
      const registry = new Registry();
      registry.register(adam);
      registry.names('optimizer').push('sgd');
      registry.list('optimizer').pop();
      expect(registry.names('optimizer')).toEqual(['adam']);
    });
  });

  it('keeps instances independent', () => {
    const first = new Registry();
    const second = new Registry();
    first.register(adam);
    expect(second.has('optimizer', 'adam')).toBe(false);
    second.register(optimizer('adam', 'different'));
    expect(first.get('optimizer', 'adam')).toBe(adam);
  });
});
