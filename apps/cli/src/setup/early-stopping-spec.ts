import type { Callback, OptionsSchema, Registry } from 'deeptune';
import { parseOptionText } from 'deeptune';
import { show } from '../args/parse-value.js';
import { UsageError } from '../cli-error.js';

/** The settings by the names users write, mapped to the callback's option names. */
const KEYS: ReadonlyMap<string, string> = new Map([
  ['patience', 'patience'],
  ['min-delta', 'minDelta'],
  ['minDelta', 'minDelta'],
  ['monitor', 'monitor'],
  ['restore', 'restoreBestWeights'],
]);

/**
 * The early-stopping callback `--early-stopping` asks for: `patience=3`, `3`,
 * `patience=3,min-delta=0.001,monitor=devCost,restore=false`, or `off`.
 *
 * @returns the callback, or `undefined` for `off`.
 * @throws {@link UsageError} for an unknown key or an invalid value.
 */
export function earlyStoppingFromSpec(spec: string, registry: Registry): Callback | undefined {
  if (spec === 'off') return undefined;
  const options: Record<string, unknown> = {};
  const schema: OptionsSchema = registry.get('callback', 'early-stopping').options;
  for (const part of spec.split(',')) {
    const [rawKey, rawValue] = part.includes('=') ? part.split('=', 2) : ['patience', part];
    const key = KEYS.get(rawKey!.trim());
    const value = rawValue!.trim();
    if (key === undefined) {
      throw new UsageError(
        `--early-stopping: unknown setting ${show(rawKey)}; expected patience=<epochs>, min-delta=<number>, monitor=<quantity>, restore=true|false`,
      );
    }
    if (Object.hasOwn(options, key)) {
      throw new UsageError(
        `--early-stopping: ${rawKey!.trim()} is given twice in ${show(spec)}; give each setting once`,
      );
    }
    const option = schema[key];
    // The callback's schema gives each setting's type and range, and checks it on creation.
    options[key] =
      option === undefined
        ? value
        : parseOptionText(option, value, `--early-stopping ${rawKey!.trim()}`);
  }
  try {
    return registry.create('callback', 'early-stopping', options);
  } catch (error) {
    throw new UsageError(`--early-stopping ${show(spec)}: ${(error as Error).message}`);
  }
}
