import { ConfigError, validateOptions, describeValue } from '@deeptune/core';
import type { OptionsSchema, ParameterRole } from '@deeptune/core';
import { checkLearningRate, checkWeightDecay } from '../internal/check-options.js';
import type { LearningRateSchedule } from '../schedules/learning-rate-schedule.js';
import type { GroupHyperparameters, TransformGroup } from '../transforms/gradient-transform.js';
import type { ParameterGroupOptions } from './parameter-group.js';

/**
 * The parameter roles, in the order messages list them.
 * @internal
 */
export const ROLES: readonly ParameterRole[] = ['weight', 'bias', 'scale', 'shift', 'other'];

/**
 * What the partition is built from: the optimizer's own learning rate, weight decay and
 * rule hyperparameters (the `'default'` group's), and the configured groups.
 * @internal
 */
export interface PartitionSettings {
  readonly learningRate: number | LearningRateSchedule;
  readonly weightDecay: number;
  readonly groups: readonly ParameterGroupOptions[];
  /** The rule's validated hyperparameters. */
  readonly hyperparameters: Readonly<Record<string, unknown>>;
  /** The rule's hyperparameter schema, to validate group overrides. */
  readonly schema: OptionsSchema;
}

/**
 * One block of the partition: a resolved parameter group, which is also the
 * {@link TransformGroup} the transforms see.
 * @internal
 */
export interface Group extends TransformGroup {
  readonly roles: readonly ParameterRole[] | undefined;
  readonly paths: readonly (string | RegExp)[] | undefined;
  readonly weightDecay: number;
  readonly ruleHyperparameters: Readonly<Record<string, unknown>>;
  /** The paths of the group's parameters, in the order they were added. */
  readonly members: string[];
}

/**
 * Resolves the configured groups, then `'default'`, checking every field once.
 * @internal
 */
export function resolvePartition(where: string, settings: PartitionSettings): Group[] {
  const groups: Group[] = [];
  const names = new Set<string>();
  const groupOptions = settings.groups as unknown;
  if (!Array.isArray(groupOptions)) {
    throw new ConfigError(`${where}: option 'groups' must be an array of parameter groups`);
  }
  for (const [index, options] of (groupOptions as ParameterGroupOptions[]).entries()) {
    const at = `${where}: groups[${index}]`;
    if (typeof options !== 'object' || options === null) {
      throw new ConfigError(
        `${at} must be an object { name, roles?, paths?, … }, got ${describeValue(options)}`,
      );
    }
    const known = ['name', 'roles', 'paths', 'learningRate', 'weightDecay', 'hyperparameters'];
    const unknown = Object.keys(options).filter((key) => !known.includes(key));
    if (unknown.length > 0) {
      throw new ConfigError(
        `${at}: unknown field '${unknown[0]}'. Known fields: ${known.join(', ')}. Hint: put the rule's own hyperparameters under 'hyperparameters'.`,
      );
    }
    const { name, roles, paths } = options;
    if (typeof name !== 'string' || name === '' || name === 'default' || names.has(name)) {
      throw new ConfigError(
        `${at}: 'name' must be a unique non-empty string other than 'default', got ${describeValue(name)}`,
      );
    }
    if (
      roles !== undefined &&
      (!Array.isArray(roles) || !roles.every((role) => ROLES.includes(role)))
    ) {
      throw new ConfigError(
        `${at} ('${name}'): 'roles' must be an array of ${ROLES.map((r) => `'${r}'`).join(', ')}, got ${describeValue(roles)}`,
      );
    }
    if (
      paths !== undefined &&
      (!Array.isArray(paths) ||
        !paths.every((path) => typeof path === 'string' || path instanceof RegExp))
    ) {
      throw new ConfigError(
        `${at} ('${name}'): 'paths' must be an array of strings and regular expressions, got ${describeValue(paths)}`,
      );
    }
    names.add(name);
    groups.push(
      makeGroup(
        `${at} ('${name}')`,
        name,
        roles === undefined ? undefined : [...roles],
        paths === undefined ? undefined : [...paths],
        options,
        settings,
      ),
    );
  }
  groups.push(makeGroup(where, 'default', undefined, undefined, {}, settings));
  return groups;
}

/**
 * The group a parameter belongs to: the first whose selectors all match, else `'default'`
 * (the last).
 * @internal
 */
export function groupOf(groups: readonly Group[], path: string, role: ParameterRole): Group {
  for (const group of groups) {
    if (group.roles !== undefined && !group.roles.includes(role)) continue;
    if (
      group.paths !== undefined &&
      !group.paths.some((pattern) =>
        typeof pattern === 'string'
          ? pattern === path
          : new RegExp(pattern.source, pattern.flags).test(path),
      )
    ) {
      continue;
    }
    return group;
  }
  return groups[groups.length - 1]!;
}

function makeGroup(
  where: string,
  name: string,
  roles: ParameterRole[] | undefined,
  paths: (string | RegExp)[] | undefined,
  overrides: Partial<ParameterGroupOptions>,
  settings: PartitionSettings,
): Group {
  const learningRate =
    overrides.learningRate === undefined
      ? settings.learningRate
      : checkLearningRate(where, overrides.learningRate);
  const weightDecay =
    overrides.weightDecay === undefined
      ? settings.weightDecay
      : checkWeightDecay(where, overrides.weightDecay);
  let ruleHyperparameters = settings.hyperparameters;
  if (overrides.hyperparameters !== undefined) {
    const given = overrides.hyperparameters as unknown;
    if (typeof given !== 'object' || given === null || Array.isArray(given)) {
      throw new ConfigError(
        `${where}: 'hyperparameters' must be an object, got ${describeValue(given)}`,
      );
    }
    ruleHyperparameters = Object.freeze(
      validateOptions(where, settings.schema, { ...settings.hyperparameters, ...given }),
    );
  }
  const hp: GroupHyperparameters = {
    ...ruleHyperparameters,
    learningRate: typeof learningRate === 'number' ? learningRate : 0,
    weightDecay,
  };
  return {
    name,
    roles,
    paths,
    learningRate,
    weightDecay,
    hp,
    ruleHyperparameters,
    members: [],
  };
}
