import { DataFormatError, warnOnce } from '@deeptune/core';

/** How many values a message lists before it abbreviates. */
const LISTED = 10;
/** How many missing class indices a warning names. */
const MISSING_NAMED = 5;

/** `0, 1, 1000000`, or the first values, `…` and the last when there are many. */
function listValues(sorted: readonly number[]): string {
  if (sorted.length <= LISTED) return sorted.join(', ');
  return `${sorted.slice(0, LISTED - 2).join(', ')}, …, ${sorted.at(-1)}`;
}

/**
 * Refuses numeric class-index labels that cannot define a sensible classifier: a single
 * class (training ends at cost 0 with a meaningless accuracy), or sparse indices — fewer
 * than half of `0 … max` present (one stray label 1000000 would build a million-class
 * network). Warns through core's logger when some indices are missing but at least half
 * occur, naming the missing ones.
 * @internal
 */
export function checkClassIndexLabels(
  where: string,
  labelName: string,
  labels: Float64Array,
): void {
  const distinct = new Set<number>();
  let max = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    distinct.add(label);
    if (label > max) max = label;
  }
  const at = `${where}, label column '${labelName}'`;
  if (distinct.size === 1) {
    throw new DataFormatError(
      `${at}: every one of the ${labels.length} rows has the label ${labels[0]}; a classifier needs at least two classes. ` +
        `Hint: is '${labelName}' the label column? For regression use targets: 'real'.`,
    );
  }
  const classes = max + 1;
  if (distinct.size * 2 < classes) {
    const values = [...distinct].sort((a, b) => a - b);
    throw new DataFormatError(
      `${at}: ${distinct.size} distinct labels ${listValues(values)} for ${classes} classes; ` +
        'expected class indices 0 … k-1, at least half of them present. ' +
        "Hint: targets: 'class-name' numbers the labels by name (--label-type class-name on the command line).",
    );
  }
  if (distinct.size < classes) {
    const missing: number[] = [];
    for (let index = 0; index < classes && missing.length < MISSING_NAMED; index++) {
      if (!distinct.has(index)) missing.push(index);
    }
    const absent = classes - distinct.size;
    const more = absent > missing.length ? ` and ${absent - missing.length} more` : '';
    warnOnce(
      `${at}: class ${absent === 1 ? 'index' : 'indices'} ${missing.join(', ')}${more} of 0 … ${max} never ${absent === 1 ? 'occurs' : 'occur'}; ` +
        `the model gets ${classes} outputs, ${absent} of them for classes without examples. ` +
        "Hint: if the labels are names rather than indices, use targets: 'class-name'.",
    );
  }
}

/**
 * Refuses class-name labels with a single distinct name.
 * @internal
 */
export function checkClassNames(
  where: string,
  labelName: string,
  classNames: readonly string[],
  rows: number,
): void {
  if (classNames.length === 1) {
    throw new DataFormatError(
      `${where}, label column '${labelName}': every one of the ${rows} rows has the label '${classNames[0]}'; a classifier needs at least two classes. ` +
        `Hint: is '${labelName}' the label column?`,
    );
  }
}
