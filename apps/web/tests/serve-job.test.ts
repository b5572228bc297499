import { describe, expect, it } from 'vitest';
import type { JobCommand, JobReport } from '../src/worker/job-protocol.js';
import { serveJob } from '../src/worker/serve-job.js';
import type { SteppedJob } from '../src/worker/stepped-job.js';

/** A job that counts steps, takes a few macrotasks per step and records overlapping steps. */
function countingJob(config: { steps: number }, log: { overlaps: number }): SteppedJob<number> {
  let count = 0;
  let running = false;
  return {
    get done() {
      return count >= config.steps;
    },
    initial: () => 0,
    async step() {
      if (running) log.overlaps += 1;
      running = true;
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 1));
      running = false;
      count += 1;
      return count;
    },
  };
}

function fakeWorker(log: { overlaps: number }) {
  const reports: JobReport<number>[] = [];
  let listener: ((event: MessageEvent) => void) | undefined;
  serveJob((config: { steps: number }) => countingJob(config, log), {
    postMessage: (message) => reports.push(message as JobReport<number>),
    addEventListener: (_type, handler) => (listener = handler),
  });
  const send = (command: JobCommand<{ steps: number }>) =>
    listener!({ data: command } as MessageEvent);
  return { reports, send };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
};

describe('serveJob', () => {
  it('never runs two steps of a run at once, however play and step are clicked', async () => {
    const log = { overlaps: 0 };
    const { reports, send } = fakeWorker(log);
    send({ type: 'start', runId: 1, config: { steps: 12 }, play: true });
    send({ type: 'play' });
    send({ type: 'step' });
    send({ type: 'play' });
    await until(() => reports.some((report) => report.type === 'snapshot' && report.done));
    expect(log.overlaps).toBe(0);
    const counts = reports.map((report) => (report.type === 'snapshot' ? report.snapshot : -1));
    expect(counts).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // Every snapshot names the worker's backend (the page shows it in its status line).
    const backends = new Set(
      reports.map((report) => (report.type === 'snapshot' ? report.backend : '')),
    );
    // (The threads of the backend installed on import may still have been starting.)
    for (const backend of backends) {
      expect(backend).toMatch(
        process.env['DEEPTUNE_BACKEND'] === 'cpu'
          ? /^cpu \(pure TypeScript\)$/
          : /^wasm \(WebAssembly SIMD128, \d+ threads?( \(1 until the workers start\))?\)$/,
      );
    }
    expect(backends.size).toBeGreaterThanOrEqual(1);
  });

  it('pauses after the current step and steps one at a time', async () => {
    const log = { overlaps: 0 };
    const { reports, send } = fakeWorker(log);
    send({ type: 'start', runId: 1, config: { steps: 5 }, play: false });
    send({ type: 'step' });
    await until(() => reports.length === 2);
    send({ type: 'step' });
    await until(() => reports.length === 3);
    expect(
      reports.map((report) =>
        report.type === 'snapshot' ? [report.snapshot, report.playing] : report,
      ),
    ).toEqual([
      [0, false],
      [1, false],
      [2, false],
    ]);
  });

  it('drops the snapshots of a replaced run and reports a failing factory as an error', async () => {
    const log = { overlaps: 0 };
    const { reports, send } = fakeWorker(log);
    send({ type: 'start', runId: 1, config: { steps: 100 }, play: true });
    await until(() => reports.length >= 3);
    send({ type: 'start', runId: 2, config: { steps: 2 }, play: true });
    await until(() =>
      reports.some((report) => report.runId === 2 && report.type === 'snapshot' && report.done),
    );
    const afterSecondStart = reports.slice(reports.findIndex((report) => report.runId === 2));
    expect(afterSecondStart.every((report) => report.runId === 2)).toBe(true);
    expect(
      afterSecondStart.map((report) => (report.type === 'snapshot' ? report.snapshot : -1)),
    ).toEqual([0, 1, 2]);
    expect(log.overlaps).toBe(0);
  });
});
