import { ConfigError, Registry, describeValue } from '@deeptune/core';

/**
 * Splits the `registry` option off a layer's options: it is where activation plugins are
 * looked up, not a hyperparameter, so it is not part of the layer plugin's schema.
 *
 * @param where - the layer, the start of the message.
 * @param options - the options as given (anything; the schema checks the rest).
 * @returns the registry, if given, and the other options.
 * @throws {@link @deeptune/core!ConfigError} when `registry` is given but is not a Registry.
 * @internal
 */
export function withoutRegistry(
  where: string,
  options: unknown,
): { readonly registry: Registry | undefined; readonly options: unknown } {
  if (typeof options !== 'object' || options === null || !Object.hasOwn(options, 'registry')) {
    return { registry: undefined, options };
  }
  const { registry, ...rest } = options as { readonly registry?: unknown };
  if (registry !== undefined && !Registry.isRegistry(registry)) {
    throw new ConfigError(
      `${where}: option 'registry' must be a Registry (from createRegistry()), got ${describeValue(registry)}`,
    );
  }
  return { registry, options: rest };
}
