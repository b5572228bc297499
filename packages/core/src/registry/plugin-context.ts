import { ConfigError } from '../errors/config-error.js';
import { describeValue } from '../format/describe-value.js';
import { getDefaultRegistry } from './default-registry.js';
import { Registry } from './registry.js';

/**
 * What a plugin factory receives besides its options: the context of the creation.
 *
 * A factory that builds its product from other plugins by name (a layer that takes an
 * activation name, say) creates them through `context.registry`, so a plugin the app
 * installed with `registry.use(...)` is found whichever way the outer plugin was created.
 * Factories that need nothing from it simply leave the second parameter out.
 *
 * - `registry.create(kind, name, options)` passes the registry doing the creating.
 * - A direct call, `entry.create(options)` or `entry.factory(options)`, passes
 *   `getDefaultRegistry()` (the one global); pass `{ registry }` as the second argument to
 *   choose another.
 *
 * @category Plugins
 *
 * @example
 * ```ts
 * const layerPlugin = definePlugin({
 *   kind: 'layer',
 *   name: 'acme:gated',
 *   description: 'A dense layer gated by an activation given by name.',
 *   options: { inputs: option.number({ integer: true, min: 1 }), gate: option.string() },
 *   create: ({ inputs, gate }, { registry }) =>
 *     new Gated(inputs, registry.create('activation', gate)),
 * });
 * registry.create('layer', 'acme:gated', { inputs: 4, gate: 'acme:swish' }); // uses `registry`
 * layerPlugin.create({ inputs: 4, gate: 'relu' }); // uses getDefaultRegistry()
 * ```
 */
export interface PluginContext {
  /**
   * The registry creating the product: the one `registry.create` was called on, or
   * `getDefaultRegistry()` for a direct `entry.create(options)` call.
   */
  readonly registry: Registry;
}

/**
 * The context a plugin entry passes to its factory: the given one after checking it, or,
 * when none is given, one with the default registry (read at call time, so
 * `setDefaultRegistry` takes effect at once).
 *
 * @param where - the plugin, the start of the message, e.g. `"layer 'dense'"`.
 * @param context - the second argument of `entry.create` or `entry.factory`.
 * @throws {@link ConfigError} when `context` is given but is not `{ registry }` with a
 *   registry of this or a compatible copy of `@deeptune/core`.
 * @internal
 */
export function pluginContextFor(where: string, context: unknown): PluginContext {
  if (context === undefined) return { registry: getDefaultRegistry() };
  const registry =
    typeof context === 'object' && context !== null
      ? (context as { readonly registry?: unknown }).registry
      : undefined;
  if (!Registry.isRegistry(registry)) {
    throw new ConfigError(
      `${where}: the creation context must be { registry } with a Registry, got ${describeValue(context)}. Hint: call create(options), or create(options, { registry }) to create through another registry.`,
    );
  }
  return context as PluginContext;
}
