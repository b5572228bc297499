/**
 * The short forms of `--lr-decay` (`exp:0.95`): which schedule plugin each stands for and which
 * of its options the values after `:` set, in order. Types, ranges and defaults are the
 * schedule's; this table only names them.
 */
export const LR_DECAY_FORMS: Readonly<
  Record<string, { readonly plugin: string; readonly options: readonly string[] }>
> = {
  time: { plugin: 'time-decay', options: ['decayRate'] },
  exp: { plugin: 'exponential-decay', options: ['decayRate'] },
  sqrt: { plugin: 'square-root-decay', options: ['factor'] },
  step: { plugin: 'staircase-decay', options: ['decaySteps', 'decayRate'] },
  plateau: { plugin: 'reduce-on-plateau', options: ['factor', 'patience'] },
};
