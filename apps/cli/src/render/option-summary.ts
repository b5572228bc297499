import type { OptionDescription } from 'deeptune';

/**
 * One plugin option for help and `plugins list`, from its schema:
 * `'default 0.999; number in [0, 1)'`, `'required; integer >= 1'`, `'optional; boolean'`.
 */
export function optionSummary(option: OptionDescription): string {
  const range =
    option.range === undefined
      ? ''
      : /^[[(]/.test(option.range)
        ? ` in ${option.range}`
        : /^[<>]/.test(option.range)
          ? ` ${option.range}`
          : `, ${option.range}`;
  const presence = option.required
    ? 'required'
    : option.default === undefined
      ? 'optional'
      : `default ${option.default}`;
  return `${presence}; ${option.type}${range}${option.scale === undefined ? '' : `, ${option.scale} scale`}`;
}
