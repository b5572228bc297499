import { closestMatch, type PluginKind, type Registry } from 'deeptune';
import { UsageError } from '../cli-error.js';

/**
 * The registered plugin a flag names: the exact name, or the one namespaced plugin whose
 * local part it is (`lion` → `acme:lion`).
 *
 * @param registry - the registry.
 * @param kind - the plugin kind, e.g. `'optimizer'`.
 * @param name - what the user wrote.
 * @param where - the flag or key, e.g. `'--optimizer'`.
 * @throws {@link UsageError} naming the flag, the closest registered name and the known names.
 */
export function resolvePluginName(
  registry: Registry,
  kind: PluginKind,
  name: string,
  where: string,
): string {
  const names = registry.names(kind);
  if (names.includes(name)) return name;
  const namespaced = names.filter((candidate) => candidate.endsWith(`:${name}`));
  if (namespaced.length === 1) return namespaced[0]!;
  const match = closestMatch(name, names);
  throw new UsageError(
    `${where}: unknown ${kind} '${name}'.${match === undefined ? '' : ` Did you mean '${match}'?`} Known ${kind} plugins: ${names.join(', ')}`,
  );
}
