import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, definePlugin, option, type Callback, describeValue } from '@deeptune/core';
import { checkInteger } from '../internal/check-option.js';
import { encodeSafetensors } from '../safetensors/encode-safetensors.js';
import { atomicWriteFile } from './atomic-write.js';

/**
 * Options of {@link checkpoint}.
 *
 * @category Callbacks
 */
export interface CheckpointOptions {
  /** The directory for the checkpoint files (created when missing). */
  readonly dir: string;
  /** Save after every `every`-th epoch: an integer ≥ 1. @defaultValue 1 */
  readonly every?: number;
}

/** The file name of the checkpoint of an epoch: `epoch-0003.safetensors`. */
function fileName(epoch: number): string {
  return `epoch-${String(epoch).padStart(4, '0')}.safetensors`;
}

/**
 * The `checkpoint` callback as a registry entry:
 * `registry.create('callback', 'checkpoint', { dir, every })`.
 *
 * @category Callbacks
 */
export const checkpointPlugin = definePlugin({
  kind: 'callback',
  name: 'checkpoint',
  description: "Saves the model's weights every N epochs, atomically, as safetensors.",
  options: {
    /** The directory for the checkpoint files. */
    dir: option.string({ minLength: 1, description: 'The directory for the checkpoint files.' }),
    /** Save every N epochs. */
    every: option.number({
      default: 1,
      integer: true,
      min: 1,
      description: 'Save every N epochs.',
    }),
  },
  create: ({ dir, every }): Callback => ({
    name: 'checkpoint',
    onTrainBegin: async () => {
      await mkdir(dir, { recursive: true });
    },
    onEpochEnd: async ({ epoch, step, model, logs }) => {
      if (epoch % every !== 0) return;
      const metadata: Record<string, string> = {
        format: 'pt',
        epoch: String(epoch),
        step: String(step),
        cost: String(logs.cost),
      };
      if (logs.devCost !== undefined) metadata.devCost = String(logs.devCost);
      await atomicWriteFile(
        join(dir, fileName(epoch)),
        encodeSafetensors(model.stateDict(), metadata),
      );
    },
  }),
});

/**
 * A callback that saves the model's state (weights and buffers) every `every` epochs to
 * `dir/epoch-NNNN.safetensors`, atomically (temporary file, flush, rename), with the epoch,
 * step and costs in the safetensors metadata. Restore with `decodeSafetensors` and
 * `model.loadStateDict`. Node only (`@deeptune/train/node`).
 *
 * @param options - `dir` and `every` (1).
 * @returns a {@link @deeptune/core!Callback} named `'checkpoint'`.
 * @throws {@link @deeptune/core!ConfigError} when `dir` is not a non-empty string.
 * @throws {@link @deeptune/core!InvalidHyperparameterError} when `every` is not an integer ≥ 1.
 * @category Callbacks
 *
 * @example
 * ```ts
 * import { checkpoint } from '@deeptune/train/node';
 *
 * await fit(model, train, { loss, optimizer, epochs: 10, batchSize: 64, callbacks: [checkpoint({ dir: 'checkpoints', every: 2 })] });
 * ```
 */
export function checkpoint(options: CheckpointOptions): Callback {
  if (typeof options?.dir !== 'string' || options.dir === '') {
    throw new ConfigError(
      `checkpoint: dir must be a non-empty path, got ${describeValue(options?.dir)}.`,
    );
  }
  if (options.every !== undefined) checkInteger('checkpoint', 'every', options.every, 1);
  return checkpointPlugin.create(options);
}
