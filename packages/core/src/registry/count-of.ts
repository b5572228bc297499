/**
 * `'1 element'`, `'3 elements'`.
 * @internal
 */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
