/**
 * One option of a chosen plugin as the user gave it: `--optimizer.beta2 0.98` on the command
 * line (a string, parsed against the plugin's schema once the plugin is known) or
 * `optimizer: { name: lion, beta2: 0.98 }` in a config file (a typed value, checked as is).
 */
export interface PluginOptionInput {
  /** The value as given. */
  readonly value: unknown;
  /** Whether it came from the command line, so that a string is parsed by the option's type. */
  readonly fromCommandLine: boolean;
  /** How to name it in messages: `'--optimizer.beta2'` or `"key 'optimizer.beta2' in run.yaml"`. */
  readonly where: string;
}

/**
 * The options given to chosen plugins, keyed by path: `'optimizer.beta2'` for a single choice,
 * `'augment.shift.maxShift'` for a plugin of a list choice. Option names are the schema's
 * camelCase names (`--optimizer.weight-decay` is stored as `'optimizer.weightDecay'`).
 */
export type PluginOptionInputs = ReadonlyMap<string, PluginOptionInput>;

/** `'weight-decay'` → `'weightDecay'`; camelCase names are kept. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** `'weightDecay'` → `'weight-decay'`, the spelling of option flags in help. */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
