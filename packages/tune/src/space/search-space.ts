import { ConfigError, describeValue } from '@deeptune/core';
import type { Distribution, ParamValue } from './distribution.js';
import { checkDistribution, formatDistribution } from './hp.js';
import { contains } from './unit-interval.js';

/**
 * When a conditional hyperparameter is active: every listed earlier hyperparameter has the
 * given value (or one of the listed values), e.g. `{ optimizer: 'adam' }` for β1.
 *
 * @category Search spaces
 */
export type Condition = Readonly<Record<string, ParamValue | readonly ParamValue[]>>;

/**
 * One hyperparameter of a declared search space.
 *
 * @category Search spaces
 */
export interface SpaceEntry {
  /** Its name, e.g. `lr` or `learningRate`. */
  readonly name: string;
  /** How it is sampled. */
  readonly distribution: Distribution;
  /** When it is active; absent: always. */
  readonly when?: Condition;
}

/**
 * A declared search space: hyperparameters in order, each with its distribution and an
 * optional condition on earlier ones.
 *
 * @category Search spaces
 */
export interface SearchSpace {
  /** The hyperparameters, in declaration order (conditions refer to earlier ones). */
  readonly entries: readonly SpaceEntry[];
}

/**
 * How {@link searchSpace} accepts a hyperparameter: a distribution, or a distribution with a
 * condition.
 *
 * @category Search spaces
 */
export type SpaceDefinitionEntry = Distribution | ConditionalDefinition;

/**
 * A hyperparameter of {@link searchSpace} that is active only under a condition.
 *
 * @category Search spaces
 */
export interface ConditionalDefinition {
  /** How it is sampled. */
  readonly distribution: Distribution;
  /** When it is active, e.g. `{ optimizer: 'adam' }`; absent: always. */
  readonly when?: Condition;
}

function isConditionValue(value: unknown): value is ParamValue {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

function checkCondition(
  name: string,
  when: unknown,
  earlier: ReadonlyMap<string, Distribution>,
): Condition {
  if (typeof when !== 'object' || when === null || Array.isArray(when)) {
    throw new ConfigError(
      `search space key '${name}': 'when' must map earlier hyperparameters to values, e.g. { optimizer: 'adam' }, got ${describeValue(when)}`,
    );
  }
  const condition: Record<string, ParamValue | readonly ParamValue[]> = {};
  for (const [key, value] of Object.entries(when as Record<string, unknown>)) {
    const parent = earlier.get(key);
    if (parent === undefined) {
      throw new ConfigError(
        `search space key '${name}': its condition names '${key}', which is not declared before it${earlier.size === 0 ? '' : ` (declared before: ${[...earlier.keys()].join(', ')})`}`,
      );
    }
    const values = Array.isArray(value) ? (value as unknown[]) : [value];
    if (values.length === 0 || !values.every(isConditionValue)) {
      throw new ConfigError(
        `search space key '${name}': condition '${key}' must be a value or a non-empty list of values, got ${describeValue(value)}`,
      );
    }
    for (const item of values) {
      if (!contains(parent, item)) {
        throw new ConfigError(
          `search space key '${name}': condition '${key}' = ${JSON.stringify(item)} can never hold: '${key}' is ${formatDistribution(parent)}`,
        );
      }
    }
    condition[key] = Array.isArray(value) ? Object.freeze([...values]) : (value as ParamValue);
  }
  return Object.freeze(condition);
}

/**
 * Declares a search space: each key a hyperparameter with its distribution, optionally
 * conditional on earlier keys (β1 only when the optimizer is Adam). The order of the keys is
 * the order of sampling and of the quasi-random sampler's dimensions.
 *
 * @throws {@link @deeptune/core!ConfigError} naming the key for a bad distribution, a
 * condition on a key not declared before it, or a condition that can never hold.
 * @category Search spaces
 *
 * @example
 * ```ts
 * const space = searchSpace({
 *   learningRate: hp.log(1e-4, 1),
 *   optimizer: hp.choice(['adam', 'momentum']),
 *   beta: { distribution: hp.oneMinusLog(0.9, 0.999), when: { optimizer: 'momentum' } },
 *   hiddenUnits: hp.int(32, 256),
 * });
 * ```
 */
export function searchSpace(
  definition: Readonly<Record<string, SpaceDefinitionEntry>>,
): SearchSpace {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw new ConfigError(
      `searchSpace: expected an object mapping names to distributions, got ${describeValue(definition)}`,
    );
  }
  const entries: SpaceEntry[] = [];
  const earlier = new Map<string, Distribution>();
  for (const [name, value] of Object.entries(definition)) {
    if (name === '') throw new ConfigError('searchSpace: a hyperparameter name is empty');
    const hasCondition =
      typeof value === 'object' && value !== null && 'distribution' in (value as object);
    const given = hasCondition
      ? (value as { distribution: unknown; when?: unknown })
      : { distribution: value };
    const distribution = checkDistribution(`search space key '${name}'`, given.distribution);
    const entry: SpaceEntry =
      given.when === undefined
        ? { name, distribution }
        : { name, distribution, when: checkCondition(name, given.when, earlier) };
    entries.push(Object.freeze(entry));
    earlier.set(name, distribution);
  }
  if (entries.length === 0) {
    throw new ConfigError('searchSpace: the search space declares no hyperparameter');
  }
  return Object.freeze({ entries: Object.freeze(entries) });
}

/**
 * Whether an entry is active given the values sampled so far.
 *
 * @category Search spaces
 *
 * @example
 * ```ts
 * isActive({ name: 'beta1', distribution: hp.oneMinusLog(0.8, 0.99), when: { optimizer: 'adam' } }, { optimizer: 'sgd' }); // false
 * ```
 */
export function isActive(entry: SpaceEntry, values: Readonly<Record<string, ParamValue>>): boolean {
  if (entry.when === undefined) return true;
  for (const [key, expected] of Object.entries(entry.when)) {
    if (!(key in values)) return false;
    const value = values[key]!;
    const allowed = Array.isArray(expected) ? (expected as readonly ParamValue[]) : [expected];
    if (!allowed.includes(value)) return false;
  }
  return true;
}

/**
 * Samples a declared space in order, skipping inactive conditional entries.
 *
 * @param sampleOne - the value of one hyperparameter (a sampler's choice).
 * @category Search spaces
 *
 * @example
 * ```ts
 * const params = sampleSpace(space, (name, distribution) => fromUnit(distribution, 0.5));
 * ```
 */
export function sampleSpace(
  space: SearchSpace,
  sampleOne: (name: string, distribution: Distribution) => ParamValue,
): Record<string, ParamValue> {
  const values: Record<string, ParamValue> = {};
  for (const entry of space.entries) {
    if (isActive(entry, values)) values[entry.name] = sampleOne(entry.name, entry.distribution);
  }
  return values;
}
