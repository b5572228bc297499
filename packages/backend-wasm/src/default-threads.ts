/**
 * The number of threads a product uses by default: the machine's logical cores (Node's
 * `os.availableParallelism()`, a browser's `navigator.hardwareConcurrency`), at most 64;
 * 1 when neither is known.
 *
 * @example
 * ```ts
 * defaultThreads(); // 2 on a 2-core machine
 * ```
 */
export function defaultThreads(): number {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process;
  const os = process?.getBuiltinModule?.('node:os') as
    { availableParallelism?: () => number } | undefined;
  const navigator = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  const cores = os?.availableParallelism?.() ?? navigator?.hardwareConcurrency ?? 1;
  return Number.isInteger(cores) && cores >= 1 ? Math.min(cores, 64) : 1;
}
