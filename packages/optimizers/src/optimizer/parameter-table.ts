import { ConfigError, isTensor, describeValue } from '@deeptune/core';
import type { NamedParameter, ParameterRole, Storage, Tensor } from '@deeptune/core';
import type { TransformChain } from '../transforms/chain.js';
import type { TransformParameter } from '../transforms/gradient-transform.js';
import type { OptimizerState } from './optimizer-state.js';
import { ROLES, groupOf } from './parameter-partition.js';
import type { Group } from './parameter-partition.js';
import { NO_STATE, checkInitialState } from './parameter-state.js';

/**
 * A parameter as the transforms see it at a step; the step rewrites `param` and `grad`.
 * @internal
 */
export interface Slot extends TransformParameter {
  param: Storage;
  grad: Storage;
}

/**
 * One parameter an optimizer updates: its tensor, its group and its state in every
 * transform of the chain.
 * @internal
 */
export interface Entry {
  readonly path: string;
  readonly tensor: Tensor;
  readonly role: ParameterRole;
  readonly group: Group;
  /** The parameter's state in each transform, by the transform's index in the chain. */
  readonly states: readonly OptimizerState[];
  readonly slot: Slot;
}

/**
 * The parameters of an optimizer, keyed by path (each path and each tensor once), in the
 * order they were added.
 * @internal
 */
export class ParameterTable {
  readonly entries: Entry[] = [];
  readonly #byPath = new Map<string, Entry>();
  readonly #tensors = new Set<Tensor>();

  /** The paths, in the order added. */
  get paths(): string[] {
    return this.entries.map((entry) => entry.path);
  }

  /**
   * Checks and adds parameters, sorting each into its group and creating its state in every
   * transform; adds nothing when one of them is refused.
   */
  add(
    optimizer: string,
    parameters: Iterable<NamedParameter>,
    groups: readonly Group[],
    transforms: TransformChain,
  ): void {
    const where = `optimizer '${optimizer}': addParameters`;
    const added: Entry[] = [];
    const paths = new Set<string>();
    const tensors = new Set<Tensor>();
    for (const parameter of parameters) {
      const { path, value, role } = parameter as Partial<NamedParameter>;
      if (typeof path !== 'string' || !isTensor(value) || !ROLES.includes(role!)) {
        throw new ConfigError(
          `${where}: expected named parameters { path, value: Tensor, role }, got ${describeValue(parameter)}`,
        );
      }
      if (this.#byPath.has(path) || paths.has(path)) {
        throw new ConfigError(
          `${where}: parameter '${path}' is already present. Hint: every path may be added once.`,
        );
      }
      if (this.#tensors.has(value) || tensors.has(value)) {
        throw new ConfigError(
          `${where}: the tensor of '${path}' is already present under another path. Hint: a shared parameter is updated once; add it once.`,
        );
      }
      const group = groupOf(groups, path, role!);
      const states = transforms.map((transform) =>
        transform.init === undefined
          ? NO_STATE
          : checkInitialState(
              transform.name === optimizer
                ? `optimizer '${optimizer}': init('${path}')`
                : `optimizer '${optimizer}': transform '${transform.name}': init('${path}')`,
              value,
              transform.init(value),
            ),
      );
      const slot: Slot = {
        path,
        role: role!,
        group: group.name,
        param: value.data,
        grad: value.data,
        hp: group.hp,
      };
      paths.add(path);
      tensors.add(value);
      added.push({ path, tensor: value, role: role!, group, states, slot });
    }
    for (const entry of added) {
      this.entries.push(entry);
      this.#byPath.set(entry.path, entry);
      this.#tensors.add(entry.tensor);
      entry.group.members.push(entry.path);
    }
  }
}
