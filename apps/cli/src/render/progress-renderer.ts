import type { EpochRecord, ProgressEvent } from 'deeptune';
import type { CliIo } from '../cli-io.js';
import { formatDuration, formatNumber, formatPercent, formatRate } from './format.js';

/** The shortest time between two redraws of the progress bar. */
const REDRAW_MS = 100;
const BAR_WIDTH = 24;

/** One line summarising an epoch: costs, accuracies, learning rate and time. */
export function formatEpochLine(record: EpochRecord, epochs: number): string {
  const parts = [`epoch ${String(record.epoch).padStart(String(epochs).length)}/${epochs}`];
  parts.push(`cost ${formatNumber(record.cost)}`);
  if (record.regularizationCost > 0) parts.push(`(data ${formatNumber(record.dataCost)})`);
  if (record.devCost !== undefined) parts.push(`dev cost ${formatNumber(record.devCost)}`);
  const accuracy = record.metrics.accuracy;
  if (accuracy !== undefined) parts.push(`train acc ${formatPercent(accuracy)}`);
  const devAccuracy = record.devMetrics?.accuracy;
  if (devAccuracy !== undefined) parts.push(`dev acc ${formatPercent(devAccuracy)}`);
  parts.push(`lr ${formatRate(record.learningRate)}`);
  parts.push(formatDuration(record.seconds));
  return parts.join('  ');
}

/**
 * Renders the training progress stream: on a terminal, a progress bar per epoch with ETA,
 * the running cost of the epoch and the learning rate, redrawn in place; otherwise (and
 * always for epoch ends) one plain line per epoch. Feed it `fit`'s `onProgress` events.
 */
export class ProgressRenderer {
  readonly #io: CliIo;
  #epochStart = 0;
  #lastDraw = 0;
  #costSum = 0;
  #costCount = 0;
  #drawn = false;

  /** @param io - where to write; bars only when `io.isTTY`. */
  constructor(io: CliIo) {
    this.#io = io;
  }

  /** Handles one progress event. */
  readonly listener = (event: ProgressEvent): void => {
    switch (event.type) {
      case 'epoch-begin':
        this.#epochStart = performance.now();
        this.#lastDraw = 0;
        this.#costSum = 0;
        this.#costCount = 0;
        break;
      case 'batch-end': {
        this.#costSum += event.logs.cost;
        this.#costCount += 1;
        const now = performance.now();
        if (
          this.#io.isTTY &&
          (now - this.#lastDraw >= REDRAW_MS || event.batch === event.stepsPerEpoch)
        ) {
          this.#lastDraw = now;
          this.#drawBar(
            event.epoch,
            event.batch,
            event.stepsPerEpoch,
            event.logs.learningRate,
            now,
          );
        }
        break;
      }
      case 'epoch-end':
        this.clear();
        this.#io.out(`${formatEpochLine(event.record, event.epochs)}\n`);
        break;
      case 'train-begin':
      case 'train-end':
        break;
    }
  };

  /** Erases the progress bar, if one is drawn (before other output). */
  clear(): void {
    if (this.#drawn) {
      this.#io.out('\r\x1b[2K');
      this.#drawn = false;
    }
  }

  #drawBar(epoch: number, batch: number, steps: number, learningRate: number, now: number): void {
    const done = batch / steps;
    const filled = Math.round(done * BAR_WIDTH);
    const elapsed = (now - this.#epochStart) / 1000;
    const eta = done > 0 ? (elapsed / done) * (1 - done) : NaN;
    const line = [
      `epoch ${epoch}`,
      `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`,
      `${batch}/${steps}`,
      `ETA ${formatDuration(eta)}`,
      `cost ${formatNumber(this.#costSum / this.#costCount)}`,
      `lr ${formatRate(learningRate)}`,
    ].join('  ');
    this.#io.out(`\r\x1b[2K${line.slice(0, Math.max(20, this.#io.columns - 1))}`);
    this.#drawn = true;
  }
}
