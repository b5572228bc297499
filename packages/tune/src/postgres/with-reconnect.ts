import { StorageUnavailableError } from './storage-unavailable-error.js';

/**
 * How {@link withReconnect} retries.
 * @internal
 */
export interface ReconnectPolicy {
  /** Give up (rethrow) once the database has been unavailable this long, in seconds. */
  readonly giveUpSeconds: number;
  /** Told before each wait, with the error and the wait in seconds. */
  readonly onRetry?: (error: StorageUnavailableError, waitSeconds: number) => void;
  /** Stops the waiting: the last error is rethrown. */
  readonly signal?: AbortSignal;
}

/** The first wait, and the longest, in seconds: the wait doubles from one to the other. */
const FIRST_WAIT_SECONDS = 0.25;
const LONGEST_WAIT_SECONDS = 8;

/** Resolves after `seconds`, or at once when `signal` aborts. */
export function pause(seconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) {
      resolve();
      return;
    }
    const timer = setTimeout(done, seconds * 1000);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs `operation`, and while it fails with a {@link StorageUnavailableError} (the server
 * restarted, the network dropped) runs it again after a wait that doubles from 0.25 s to 8 s,
 * until the database has been unavailable for `giveUpSeconds`. Any other error is thrown at
 * once. The operation must be safe to repeat (every write of a worker is: fenced, or an
 * upsert).
 *
 * @throws the last {@link StorageUnavailableError} when giving up or when `signal` aborts.
 * @internal
 */
export async function withReconnect<T>(
  operation: () => Promise<T>,
  policy: ReconnectPolicy,
): Promise<T> {
  const started = performance.now();
  let wait = FIRST_WAIT_SECONDS;
  for (;;) {
    try {
      return await operation();
    } catch (error) {
      if (!StorageUnavailableError.isInstance(error)) throw error;
      const elapsed = (performance.now() - started) / 1000;
      if (elapsed >= policy.giveUpSeconds || policy.signal?.aborted === true) throw error;
      const seconds = Math.min(wait, policy.giveUpSeconds - elapsed);
      policy.onRetry?.(error, seconds);
      await pause(seconds, policy.signal);
      wait = Math.min(wait * 2, LONGEST_WAIT_SECONDS);
    }
  }
}
