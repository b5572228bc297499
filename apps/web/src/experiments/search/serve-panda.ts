import { PandaJob } from './panda-job.js';
import type { PandaCommand, PandaReport } from './panda-protocol.js';

/** The worker's global scope, as far as {@link servePanda} uses it. */
export interface PandaWorkerScope {
  /** Posts a report to the page. */
  postMessage(message: unknown): void;
  /** Listens to the page's commands. */
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/**
 * Answers the page's {@link PandaCommand}s with one {@link PandaJob}, one command at a time
 * (a command waits for the training before it), posting a {@link PandaReport} after each.
 */
export function servePanda(scope: PandaWorkerScope): void {
  let job: PandaJob | null = null;
  let runId = -1;
  let queue: Promise<void> = Promise.resolve();
  const post = (report: PandaReport): void => scope.postMessage(report);

  const run = async (command: PandaCommand): Promise<void> => {
    if (command.type === 'start') {
      runId = command.runId;
      job = null;
      job = new PandaJob(command.config);
    }
    const current = job;
    const id = runId;
    if (current === null) return;
    let snapshot;
    switch (command.type) {
      case 'start':
        snapshot = current.snapshot();
        break;
      case 'train':
        snapshot = await current.train(command.epochs);
        break;
      case 'adjust':
        snapshot = current.adjust(command.learningRate);
        break;
      case 'revert':
        snapshot = current.revert(command.epoch);
        break;
    }
    if (id === runId) {
      post({ type: 'snapshot', runId: id, command: command.type, snapshot, done: current.done });
    }
  };

  scope.addEventListener('message', (event: MessageEvent) => {
    const command = event.data as PandaCommand;
    queue = queue.then(async () => {
      try {
        await run(command);
      } catch (error) {
        post({
          type: 'error',
          runId,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    });
  });
}
