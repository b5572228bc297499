import { getBackend } from 'deeptune';
import type { JobCommand, JobReport } from './job-protocol.js';
import type { JobFactory, SteppedJob } from './stepped-job.js';

/** The worker's global scope, as far as this module uses it. */
interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/**
 * Runs inside a Web Worker: answers the page's {@link JobCommand}s by creating, stepping,
 * pausing and replacing runs of one job, and posts a {@link JobReport} after every step.
 * Between steps it yields to the event loop so that pause and start commands arrive.
 */
export function serveJob<Config, Snapshot>(
  factory: JobFactory<Config, Snapshot>,
  scope: WorkerScope,
): void {
  let job: SteppedJob<Snapshot> | null = null;
  let runId = -1;
  let playing = false;
  let stepping = false;
  let pumping = false;
  let controller = new AbortController();

  const post = (report: JobReport<Snapshot>): void => scope.postMessage(report);
  const backend = (): string => {
    const active = getBackend();
    return active.description === undefined
      ? active.name
      : `${active.name} (${active.description})`;
  };
  const fail = (id: number, error: unknown): void => {
    playing = false;
    post({
      type: 'error',
      runId: id,
      message: error instanceof Error ? error.message : String(error),
    });
  };

  const advance = async (): Promise<void> => {
    const current = job;
    const id = runId;
    if (current === null || current.done || stepping) return;
    stepping = true;
    try {
      const snapshot = await current.step(controller.signal);
      if (id !== runId) return;
      if (current.done) playing = false;
      post({
        type: 'snapshot',
        runId: id,
        snapshot,
        done: current.done,
        playing,
        backend: backend(),
      });
    } catch (error) {
      if (id === runId) fail(id, error);
    } finally {
      stepping = false;
    }
  };

  // One loop at a time: two loops would step the same model concurrently.
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (playing && job !== null && !job.done) {
        // A single step (or a step of a replaced run) may still be finishing; wait for it.
        if (stepping) await new Promise((resolve) => setTimeout(resolve, 10));
        else await advance();
        // Let pause/start commands in between steps.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      pumping = false;
    }
  };

  scope.addEventListener('message', (event: MessageEvent) => {
    const command = event.data as JobCommand<Config>;
    switch (command.type) {
      case 'start': {
        controller.abort();
        controller = new AbortController();
        runId = command.runId;
        playing = false;
        try {
          job = factory(command.config);
          const initial = job.initial();
          playing = command.play && !job.done;
          post({
            type: 'snapshot',
            runId,
            snapshot: initial,
            done: job.done,
            playing,
            backend: backend(),
          });
        } catch (error) {
          job = null;
          fail(runId, error);
          return;
        }
        // A step of the previous run may still be finishing; it sees the new runId and stops.
        setTimeout(() => void pump(), 0);
        return;
      }
      case 'play':
        playing = job !== null && !job.done;
        void pump();
        return;
      case 'pause':
        playing = false;
        return;
      case 'step':
        void advance();
        return;
    }
  });
}
