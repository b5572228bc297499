/**
 * Reads `options[key]` when `options` is an object, `undefined` otherwise, so that public
 * factories can check hyperparameters before the options schema reports malformed input.
 * @internal
 */
export function optionValue(options: unknown, key: string): unknown {
  if (typeof options !== 'object' || options === null) return undefined;
  return (options as Readonly<Record<string, unknown>>)[key];
}
