import type { ParamValue, TrialRecord } from 'deeptune';
import type { CliIo } from '../cli-io.js';
import type { TrialEpoch, TuneObjective } from '../tune/run-trial.js';
import { formatDuration, formatNumber, formatPercent } from './format.js';

/** The shortest time between two redraws of the live block. */
const REDRAW_MS = 200;

/** A hyperparameter value, short: `0.00316`, `0.9968`, `128`, `adam`. */
export function formatParam(value: ParamValue): string {
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value)) return String(value);
  if (value > 0.9 && value < 1) {
    // A β: enough digits to show 1 − β to two significant digits.
    const digits = Math.max(2, 1 - Math.floor(Math.log10(1 - value)));
    return value.toFixed(Math.min(digits, 8));
  }
  return Number(value.toPrecision(3)).toString();
}

/** `lr=0.00316 beta=0.9968 batch-size=128`. */
export function formatParams(params: Readonly<Record<string, ParamValue>>): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}=${formatParam(value)}`)
    .join(' ');
}

/** An objective value: a dev error as a percentage, a dev cost as a number. */
export function formatObjective(objective: TuneObjective, value: number | null): string {
  if (value === null) return '-';
  return objective === 'dev-error' ? formatPercent(value) : formatNumber(value);
}

interface RunningTrial {
  readonly number: number;
  readonly params: Readonly<Record<string, ParamValue>>;
  epoch: TrialEpoch | undefined;
}

/**
 * The live view of a search ("caviar"): on a terminal, one line per running trial with its
 * epoch and dev cost, redrawn in place, and a status line; otherwise one line per finished
 * trial. Finished trials are always printed as lines above the live block.
 */
export class TuneDisplay {
  readonly #io: CliIo;
  readonly #objective: TuneObjective;
  readonly #total: number;
  readonly #running = new Map<number, RunningTrial>();
  /** Who finishes trials here, when others finish trials of the same study elsewhere. */
  readonly #scope: string | undefined;
  #finished = 0;
  #finishedHere = 0;
  #best: TrialRecord | undefined;
  #drawnLines = 0;
  #lastDraw = 0;

  /**
   * @param total - the study's trials.
   * @param finished - those finished before this run.
   * @param scope - set when other workers share the study (`'this worker'`): the status line
   *   then counts the trials finished here.
   */
  constructor(
    io: CliIo,
    objective: TuneObjective,
    total: number,
    finished: number,
    scope?: string,
  ) {
    this.#io = io;
    this.#scope = scope;
    this.#objective = objective;
    this.#total = total;
    this.#finished = finished;
  }

  /** A trial started with these hyperparameters. */
  start(number: number, params: Readonly<Record<string, ParamValue>>): void {
    this.#running.set(number, { number, params, epoch: undefined });
    this.#draw(true);
  }

  /** A trial finished an epoch. */
  epoch(number: number, epoch: TrialEpoch): void {
    const trial = this.#running.get(number);
    if (trial === undefined) return;
    trial.epoch = epoch;
    this.#draw(false);
  }

  /** A trial finished (or was given back). */
  finish(record: TrialRecord | undefined, number: number): void {
    this.#running.delete(number);
    if (record !== undefined) {
      this.#finished++;
      this.#finishedHere++;
      if (
        record.state === 'complete' &&
        record.value !== null &&
        (this.#best === undefined || record.value < this.#best.value!)
      ) {
        this.#best = record;
      }
      this.#clear();
      this.#io.out(`${this.#finishLine(record)}\n`);
    }
    this.#draw(true);
  }

  /** Removes the live block (before other output). */
  clear(): void {
    this.#clear();
  }

  #finishLine(record: TrialRecord): string {
    const name = `trial ${String(record.number).padStart(String(this.#total - 1).length)}`;
    const params = formatParams(record.params);
    const time = record.seconds === null ? '' : `  ${formatDuration(record.seconds)}`;
    const label = this.#objective === 'dev-error' ? 'dev error' : 'dev cost';
    switch (record.state) {
      case 'complete':
        return `${name}  ${label} ${formatObjective(this.#objective, record.value)}  ${params}${time}`;
      case 'pruned':
        return `${name}  pruned at epoch ${record.intermediate.at(-1)?.epoch ?? 0}: ${record.reason ?? ''}  ${params}${time}`;
      case 'failed':
        return `${name}  failed: ${record.reason ?? ''}  ${params}${time}`;
      case 'running':
        return `${name}  running  ${params}`;
    }
  }

  #clear(): void {
    if (!this.#io.isTTY || this.#drawnLines === 0) return;
    this.#io.out(`\x1b[${this.#drawnLines}F\x1b[J`);
    this.#drawnLines = 0;
  }

  #draw(force: boolean): void {
    if (!this.#io.isTTY) return;
    const now = performance.now();
    if (!force && now - this.#lastDraw < REDRAW_MS) return;
    this.#lastDraw = now;
    this.#clear();
    const width = Math.max(40, this.#io.columns - 1);
    const lines: string[] = [];
    for (const trial of [...this.#running.values()].sort((a, b) => a.number - b.number)) {
      const progress =
        trial.epoch === undefined
          ? 'epoch -'
          : `epoch ${trial.epoch.epoch}/${trial.epoch.epochs}  dev cost ${formatNumber(trial.epoch.devCost)}  dev error ${formatPercent(trial.epoch.devError)}`;
      lines.push(
        `  ▸ trial ${trial.number}  ${progress}  ${formatParams(trial.params)}`.slice(0, width),
      );
    }
    const label = this.#objective === 'dev-error' ? 'dev error' : 'dev cost';
    const count =
      this.#scope === undefined
        ? `${this.#finished}/${this.#total} trials done`
        : `${this.#finishedHere} trial${this.#finishedHere === 1 ? '' : 's'} finished by ${this.#scope} (study of ${this.#total})`;
    lines.push(
      `  ${count}${this.#best === undefined ? '' : `, best ${label} ${formatObjective(this.#objective, this.#best.value)} (trial ${this.#best.number})`}`.slice(
        0,
        width,
      ),
    );
    this.#io.out(`${lines.join('\n')}\n`);
    this.#drawnLines = lines.length;
  }
}
