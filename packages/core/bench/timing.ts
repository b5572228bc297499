/** Median of a list of numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Times `fn` after 3 warm-up calls, repeating it until about `seconds` have passed (and at
 * least 5 times); returns the median time of one call in milliseconds.
 */
export function time(fn: () => void, seconds = 1): number {
  for (let i = 0; i < 3; i++) fn();
  const samples: number[] = [];
  const started = performance.now();
  while (performance.now() - started < seconds * 1000 || samples.length < 5) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}
