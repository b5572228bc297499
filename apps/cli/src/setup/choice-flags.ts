import type { PluginKind } from 'deeptune';
import type { Flag } from '../args/flag.js';
import { AUGMENT_FLAG } from './augment-flag.js';
import { DATA_FLAGS, NETWORK_FLAGS } from './model-flags.js';
import { OPTIMIZER_FLAGS } from './training-flags.js';

/** Every flag that chooses plugins (`--optimizer`, `--dataset`, `--augment`, …). */
export const CHOICE_FLAGS: readonly Flag[] = [
  ...DATA_FLAGS,
  ...NETWORK_FLAGS,
  ...OPTIMIZER_FLAGS,
  AUGMENT_FLAG,
].filter((flag) => flag.plugin !== undefined);

/** The flag that chooses plugins of `kind`, if one does. */
export function choiceFlagOf(kind: PluginKind): Flag | undefined {
  return CHOICE_FLAGS.find((flag) => flag.plugin?.kind === kind);
}
