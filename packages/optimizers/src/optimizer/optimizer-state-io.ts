import { StateDictError, describeValue } from '@deeptune/core';
import type { Storage } from '@deeptune/core';
import { isStatefulSchedule } from '../schedules/stateful-schedule.js';
import type { ScheduleState } from '../schedules/stateful-schedule.js';
import type { TransformChain } from '../transforms/chain.js';
import type { OptimizerStateDict } from './optimizer-state-dict.js';
import type { Group } from './parameter-partition.js';
import { NO_STATE, checkPaths, copyState, planStateLoad } from './parameter-state.js';
import type { Entry } from './parameter-table.js';

/**
 * What an optimizer's state dict is made from.
 * @internal
 */
export interface StateSource {
  readonly name: string;
  readonly step: number;
  readonly entries: readonly Entry[];
  readonly transforms: TransformChain;
  readonly groups: readonly Group[];
}

type Saved = Record<string, number | Storage>;

/** The index of the update rule: the transform named like the optimizer, or −1. */
function ruleIndex(source: StateSource): number {
  return source.transforms.findIndex((transform) => transform.name === source.name);
}

/** The indices of the transforms other than the rule that keep per-parameter state. */
function statefulTransforms(source: StateSource): number[] {
  const rule = ruleIndex(source);
  const indices: number[] = [];
  for (let k = 0; k < source.transforms.length; k++) {
    if (k !== rule && source.transforms[k]!.init !== undefined) indices.push(k);
  }
  return indices;
}

/**
 * The state dict of an optimizer: the rule's state under `parameters` (as always),
 * schedules by group, other stateful transforms under `transforms` (only when there are
 * any, so that default chains save exactly what they saved before).
 * @internal
 */
export function saveOptimizerState(source: StateSource): OptimizerStateDict {
  const rule = ruleIndex(source);
  const parameters: Record<string, Saved> = {};
  for (const entry of source.entries) {
    parameters[entry.path] = rule < 0 ? {} : copyState(entry.states[rule]!);
  }
  const schedules: Record<string, ScheduleState> = {};
  for (const group of source.groups) {
    if (isStatefulSchedule(group.learningRate)) {
      schedules[group.name] = group.learningRate.stateDict();
    }
  }
  const transforms: Record<string, Record<string, Saved>> = {};
  for (const k of statefulTransforms(source)) {
    const states: Record<string, Saved> = {};
    for (const entry of source.entries) states[entry.path] = copyState(entry.states[k]!);
    transforms[source.transforms[k]!.name] = states;
  }
  const saved = { optimizer: source.name, step: source.step, parameters, schedules };
  return Object.keys(transforms).length === 0 ? saved : { ...saved, transforms };
}

/**
 * Checks a saved state dict against an optimizer completely and returns the writes that
 * restore it (the step count excepted); a mismatch throws before anything is written.
 * @internal
 */
export function planOptimizerStateLoad(source: StateSource, saved: unknown): (() => void)[] {
  const where = `optimizer '${source.name}': loadStateDict`;
  if (typeof saved !== 'object' || saved === null) {
    throw new StateDictError(`${where}: expected a state dict object, got ${describeValue(saved)}`);
  }
  const dict = saved as Partial<OptimizerStateDict>;
  if (dict.optimizer !== source.name) {
    throw new StateDictError(
      `${where}: the state was saved by optimizer ${describeValue(dict.optimizer)}, not '${source.name}'`,
    );
  }
  if (!Number.isInteger(dict.step) || dict.step! < 0) {
    throw new StateDictError(
      `${where}: 'step' must be an integer >= 0, got ${describeValue(dict.step)}`,
    );
  }
  const writes: (() => void)[] = [];
  const paths = source.entries.map((entry) => entry.path);
  const rule = ruleIndex(source);
  const parameters = checkPaths(
    `${where}: 'parameters'`,
    paths,
    dict.parameters,
    'load into an optimizer over the same model (state is keyed by path).',
  );
  for (const entry of source.entries) {
    const state = rule < 0 ? NO_STATE : entry.states[rule]!;
    planStateLoad(`${where}: '${entry.path}'`, state, parameters[entry.path], writes);
  }
  planTransformsLoad(where, source, paths, dict.transforms, writes);
  planSchedulesLoad(where, source.groups, dict.schedules ?? {}, writes);
  return writes;
}

function planTransformsLoad(
  where: string,
  source: StateSource,
  paths: readonly string[],
  saved: unknown,
  writes: (() => void)[],
): void {
  const all = saved ?? {};
  if (typeof all !== 'object' || all === null || Array.isArray(all)) {
    throw new StateDictError(
      `${where}: 'transforms' must be an object keyed by transform name, got ${describeValue(saved)}`,
    );
  }
  const stateful = statefulTransforms(source);
  const names = stateful.map((k) => source.transforms[k]!.name);
  const unexpected = Object.keys(all).filter((name) => !names.includes(name));
  const missing = names.filter((name) => !Object.hasOwn(all, name));
  if (unexpected.length > 0 || missing.length > 0) {
    throw new StateDictError(
      `${where}: the stateful transforms differ — missing: [${missing.join(', ')}], unexpected: [${unexpected.join(', ')}]. Hint: load into an optimizer with the same chain of transforms (optimizer.transforms).`,
    );
  }
  for (const k of stateful) {
    const name = source.transforms[k]!.name;
    const at = `${where}: transform '${name}'`;
    const states = checkPaths(
      at,
      paths,
      (all as Readonly<Record<string, unknown>>)[name],
      'load into an optimizer over the same model (state is keyed by path).',
    );
    for (const entry of source.entries) {
      planStateLoad(`${at}: '${entry.path}'`, entry.states[k]!, states[entry.path], writes);
    }
  }
}

function planSchedulesLoad(
  where: string,
  groups: readonly Group[],
  schedules: Readonly<Record<string, ScheduleState>>,
  writes: (() => void)[],
): void {
  for (const group of groups) {
    const learningRate = group.learningRate;
    const state = schedules[group.name];
    if (isStatefulSchedule(learningRate)) {
      if (state === undefined) {
        throw new StateDictError(
          `${where}: no schedule state for group '${group.name}', whose schedule is stateful`,
        );
      }
      writes.push(() => learningRate.loadStateDict(state));
    } else if (state !== undefined) {
      throw new StateDictError(
        `${where}: unexpected schedule state for group '${group.name}', whose learning rate is not a stateful schedule`,
      );
    }
  }
}
