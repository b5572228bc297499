import { parentPort, workerData } from 'node:worker_threads';
import { DeeptuneError, useBackend } from 'deeptune';
import { createDefaultNodeRegistry } from 'deeptune/node';
import { UsageError } from '../cli-error.js';
import { loadPlugins } from '../setup/load-plugins.js';
import { runTrial, type DataCache } from './run-trial.js';
import type { FromWorker, ToWorker, TrialWorkerData } from './worker-messages.js';

/**
 * A worker thread of `deeptune tune`: loads the plugins the command line named, then trains
 * the trials the main thread sends, one at a time, reporting every epoch. The study (storage,
 * sampler, pruner) stays in the main thread; a worker only trains.
 */
const port = parentPort!;
const settings = workerData as TrialWorkerData;
const registry = createDefaultNodeRegistry();
const cache: DataCache = { key: undefined, data: undefined, imageShape: undefined };
const running = new Map<number, AbortController>();

function post(message: FromWorker): void {
  port.postMessage(message);
}

try {
  await useBackend({
    ...(settings.backend === undefined ? {} : { backend: settings.backend }),
    threads: settings.threads,
  });
  await loadPlugins(settings.plugins, registry, settings.cwd);
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'init-error', message: (error as Error).message });
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'abort') {
    running.get(message.number)?.abort();
    return;
  }
  const { number } = message;
  const controller = new AbortController();
  running.set(number, controller);
  const run = {
    values: new Map(message.settings.values),
    explicit: new Set(message.settings.explicit),
    pluginOptions: new Map(message.settings.pluginOptions),
  };
  runTrial(run, {
    registry,
    cwd: settings.cwd,
    objective: settings.objective,
    cache,
    signal: controller.signal,
    onEpoch: (epoch) => post({ type: 'epoch', number, epoch }),
  })
    .then(
      (outcome) => post({ type: 'done', number, outcome }),
      (error: unknown) =>
        post({
          type: 'failed',
          number,
          message: error instanceof Error ? error.message : String(error),
          kind: DeeptuneError.isInstance(error) || error instanceof UsageError ? 'expected' : 'bug',
        }),
    )
    .finally(() => running.delete(number));
});
