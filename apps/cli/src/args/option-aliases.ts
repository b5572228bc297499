/**
 * A short course flag that stands for an option of a chosen plugin: `--lr 0.01` is
 * `--optimizer.learning-rate 0.01`. The option's type, range and default come from the
 * plugin's schema; an alias only says where its value goes.
 */
export interface OptionAlias {
  /** The short flag without dashes, e.g. `'lr'`. */
  readonly flag: string;
  /** The plugin-choice flag whose plugin receives the value, e.g. `'optimizer'`. */
  readonly choice: string;
  /**
   * The option names it may set, in order: the first one the chosen plugin's schema has
   * (`--beta` sets `momentum` of `momentum`, `beta2` of `rmsprop`).
   */
  readonly options: readonly string[];
  /** The alias does not apply to a plugin with this option (`--beta` to Adam, which has `beta1`). */
  readonly unlessPluginHas?: string;
  /**
   * For list choices: the plugin the alias adds, e.g. `--l2 λ` adds the `l2` regularizer
   * with `lambda: λ`. The value 0 adds nothing.
   */
  readonly plugin?: string;
}

/**
 * The course flags users type most, as aliases of plugin options. This table is the only
 * place that knows them: help, config files and validation all follow from it and from the
 * plugins' schemas.
 */
export const OPTION_ALIASES: readonly OptionAlias[] = [
  { flag: 'lr', choice: 'optimizer', options: ['learningRate'] },
  {
    flag: 'beta',
    choice: 'optimizer',
    options: ['momentum', 'beta', 'beta2'],
    unlessPluginHas: 'beta1',
  },
  { flag: 'beta1', choice: 'optimizer', options: ['beta1'] },
  { flag: 'beta2', choice: 'optimizer', options: ['beta2'] },
  { flag: 'eps', choice: 'optimizer', options: ['epsilon'] },
  { flag: 'weight-decay', choice: 'optimizer', options: ['weightDecay'] },
  { flag: 'clip-norm', choice: 'optimizer', options: ['clipNorm'] },
  { flag: 'l2', choice: 'regularizer', plugin: 'l2', options: ['lambda'] },
  { flag: 'l1', choice: 'regularizer', plugin: 'l1', options: ['lambda'] },
  { flag: 'examples', choice: 'dataset', options: ['m', 'subset'] },
  { flag: 'label-column', choice: 'dataset', options: ['labelColumn'] },
  { flag: 'label-type', choice: 'dataset', options: ['targets'] },
];

/** The aliases of one plugin-choice flag. */
export function aliasesOf(choice: string): readonly OptionAlias[] {
  return OPTION_ALIASES.filter((alias) => alias.choice === choice);
}

/**
 * The aliases of option `option` of the plugin chosen by `--<choice>`: `'--lr'` for
 * `learningRate` of an optimizer, `'--beta, --beta2'` for RMSprop's `beta2`; `undefined` when
 * none.
 */
export function aliasFor(
  choice: string,
  option: string,
  schemaNames: readonly string[],
): string | undefined {
  const aliases = aliasesOf(choice).filter(
    (candidate) =>
      candidate.plugin === undefined &&
      (candidate.unlessPluginHas === undefined ||
        !schemaNames.includes(candidate.unlessPluginHas)) &&
      candidate.options.find((name) => schemaNames.includes(name)) === option,
  );
  return aliases.length === 0 ? undefined : aliases.map((alias) => `--${alias.flag}`).join(', ');
}
