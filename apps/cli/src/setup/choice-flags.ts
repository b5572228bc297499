import type { PluginKind } from 'deeptune';
import type { Flag } from '../args/flag.js';
import { PRUNER_FLAG, SAMPLER_FLAG } from '../tune/search-choice-flags.js';
import { AUGMENT_FLAG } from './augment-flag.js';
import { DATA_FLAGS, NETWORK_FLAGS } from './model-flags.js';
import { OPTIMIZER_FLAGS } from './training-flags.js';

/** A flag that chooses plugins (`--optimizer`, `--sampler`, …) and the command that has it. */
export interface ChoiceFlag {
  /** The command, e.g. `train`. */
  readonly command: string;
  /** The flag. */
  readonly flag: Flag;
}

/** Every flag that chooses plugins, with its command (train's are also tune's). */
export const CHOICE_FLAGS: readonly ChoiceFlag[] = [
  ...[...DATA_FLAGS, ...NETWORK_FLAGS, ...OPTIMIZER_FLAGS, AUGMENT_FLAG]
    .filter((flag) => flag.plugin !== undefined)
    .map((flag) => ({ command: 'train', flag })),
  { command: 'tune', flag: SAMPLER_FLAG },
  { command: 'tune', flag: PRUNER_FLAG },
];

/** The flag that chooses plugins of `kind`, if one does. */
export function choiceFlagOf(kind: PluginKind): ChoiceFlag | undefined {
  return CHOICE_FLAGS.find((choice) => choice.flag.plugin?.kind === kind);
}
