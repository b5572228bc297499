/**
 * The optimal-string-alignment edit distance between `a` and `b`: insertions, deletions,
 * substitutions and swaps of two neighbouring characters each cost 1.
 * @internal
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const distance: number[] = new Array<number>(rows * columns).fill(0);
  for (let i = 0; i < rows; i++) distance[i * columns] = i;
  for (let j = 0; j < columns; j++) distance[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        distance[(i - 1) * columns + j]! + 1,
        distance[i * columns + j - 1]! + 1,
        distance[(i - 1) * columns + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, distance[(i - 2) * columns + j - 2]! + 1);
      }
      distance[i * columns + j] = best;
    }
  }
  return distance[rows * columns - 1]!;
}

/**
 * The candidate closest to `input`, if one is close enough to be a plausible typo.
 *
 * Comparison ignores case. A namespaced candidate whose local part equals `input`
 * (`'acme:lion'` for `'lion'`) wins outright; otherwise the candidate with the smallest
 * edit distance (to its full name or, if namespaced, to its local part) wins if that
 * distance is at most a third of the input's length (at least 1). The registry uses it for
 * its "did you mean" hints; apps use it for theirs (unknown flags, config keys, commands).
 *
 * @param input - what the user typed, e.g. `'adamm'`.
 * @param candidates - the valid names.
 * @returns the closest candidate, or `undefined` when none is plausibly meant.
 *
 * @example
 * ```ts
 * closestMatch('adamm', ['adam', 'adamw', 'sgd']); // 'adam'
 * closestMatch('xyz', ['adam', 'sgd']); // undefined
 * ```
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  const namespaced = candidates.find((candidate) => {
    const colon = candidate.lastIndexOf(':');
    return colon >= 0 && candidate.slice(colon + 1).toLowerCase() === needle;
  });
  if (namespaced !== undefined) return namespaced;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const local = lower.slice(lower.lastIndexOf(':') + 1);
    const distance = Math.min(editDistance(needle, lower), editDistance(needle, local));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(1, Math.ceil(input.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/**
 * `" Did you mean 'x'?"` for the closest candidate, or `''` when none is close.
 * @internal
 */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? '' : ` Did you mean '${match}'?`;
}
