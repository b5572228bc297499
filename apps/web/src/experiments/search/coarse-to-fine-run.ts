import {
  Rng,
  coarseToFine,
  createStudy,
  deriveSeed,
  hp,
  internalRange,
  memoryStorage,
  searchSpace,
  type Distribution,
  type Study,
} from 'deeptune';

/** The learning rate α of the coarse-to-fine figure, on a log scale. */
export const C2F_ALPHA = hp.log(1e-4, 1);
/** The momentum β of the coarse-to-fine figure, on the 1 − β log scale. */
export const C2F_BETA = hp.oneMinusLog(0.9, 0.999);
/** The space the coarse-to-fine study searches. */
export const C2F_SPACE = searchSpace({ alpha: C2F_ALPHA, beta: C2F_BETA });

/** Where the objective is lowest: log₁₀ α = −1.7 (α ≈ 0.02), log₁₀(1 − β) = −2.3 (β ≈ 0.995). */
export const C2F_OPTIMUM = { logAlpha: -1.7, logOneMinusBeta: -2.3 } as const;

/** The noise-free value at the optimum. */
export const C2F_FLOOR = 0.05;

/** The settings of a coarse-to-fine study. */
export interface CoarseToFineConfig {
  /** Rounds (the first one coarse). */
  readonly rounds: number;
  /** Trials per round. */
  readonly trialsPerRound: number;
  /** How many of a round's best trials make the next box. */
  readonly topK: number;
  /** The box's widening on each side, a fraction of the previous box's width. */
  readonly margin: number;
  /** The spread of the objective's noise (uniform in ±noise/2). */
  readonly noise: number;
  /** The study seed (samples and noise). */
  readonly seed: number;
}

/**
 * The cheap objective standing in for a dev error: a smooth bowl in (log₁₀ α, log₁₀(1 − β))
 * with its minimum {@link C2F_FLOOR} at {@link C2F_OPTIMUM}, tilted so that the two
 * hyperparameters interact, plus seeded uniform noise of spread `noise`.
 */
export function c2fObjective(
  alpha: number,
  beta: number,
  noise: number,
  noiseSeed: number,
): number {
  const x = Math.log10(alpha) - C2F_OPTIMUM.logAlpha;
  const y = Math.log10(1 - beta) - C2F_OPTIMUM.logOneMinusBeta;
  const bowl = 0.08 * (x * x + 0.8 * x * y + 1.5 * y * y);
  const jitter = noise === 0 ? 0 : noise * (new Rng(noiseSeed).nextFloat() - 0.5);
  return C2F_FLOOR + bowl + jitter;
}

/** A box in the figure's coordinates: [low, high] of log₁₀ α and of log₁₀(1 − β). */
export interface C2fBox {
  /** log₁₀ α range. */
  readonly logAlpha: readonly [number, number];
  /** log₁₀(1 − β) range. */
  readonly logOneMinusBeta: readonly [number, number];
}

/** One trial of a round. */
export interface C2fTrial {
  /** The trial number. */
  readonly number: number;
  /** Its α. */
  readonly alpha: number;
  /** Its β. */
  readonly beta: number;
  /** log₁₀ α. */
  readonly logAlpha: number;
  /** log₁₀(1 − β). */
  readonly logOneMinusBeta: number;
  /** The objective. */
  readonly value: number;
}

/** One finished round: its box, its trials and its best trial. */
export interface C2fRound {
  /** The round, from 0. */
  readonly round: number;
  /** The box its trials were drawn from. */
  readonly box: C2fBox;
  /** Its trials, by number. */
  readonly trials: readonly C2fTrial[];
  /** Its trial with the lowest value. */
  readonly best: C2fTrial;
}

function boxOf(distributions: Readonly<Record<string, Distribution>>): C2fBox {
  const alpha = internalRange(distributions['alpha'] ?? C2F_ALPHA);
  const beta = internalRange(distributions['beta'] ?? C2F_BETA);
  return { logAlpha: [alpha[0], alpha[1]], logOneMinusBeta: [beta[0], beta[1]] };
}

/**
 * A coarse-to-fine study (the library's `coarseToFine` sampler, memory storage) on
 * {@link c2fObjective}, run one round at a time through ask and tell.
 */
export class CoarseToFineRun {
  /** The settings. */
  readonly config: CoarseToFineConfig;
  readonly #study: Study;
  readonly #rounds: C2fRound[] = [];

  private constructor(config: CoarseToFineConfig, study: Study) {
    this.config = config;
    this.#study = study;
  }

  /** Creates the study (no trial run yet). */
  static async create(config: CoarseToFineConfig): Promise<CoarseToFineRun> {
    const study = await createStudy({
      name: 'coarse-to-fine',
      storage: memoryStorage(),
      sampler: coarseToFine({
        rounds: config.rounds,
        trialsPerRound: config.trialsPerRound,
        topK: config.topK,
        margin: config.margin,
      }),
      space: C2F_SPACE,
      objective: 'objective',
      seed: config.seed,
    });
    return new CoarseToFineRun(config, study);
  }

  /** The finished rounds. */
  get rounds(): readonly C2fRound[] {
    return this.#rounds;
  }

  /** Whether every round has run. */
  get done(): boolean {
    return this.#rounds.length >= this.config.rounds;
  }

  /** The best trial so far, or `null` before the first round. */
  get best(): C2fTrial | null {
    let best: C2fTrial | null = null;
    for (const round of this.#rounds)
      if (best === null || round.best.value < best.value) best = round.best;
    return best;
  }

  /** Runs the next round: asks its trials, evaluates the objective, tells the results. */
  async step(): Promise<C2fRound | null> {
    if (this.done) return null;
    const round = this.#rounds.length;
    const trials: C2fTrial[] = [];
    let box: C2fBox | null = null;
    for (let i = 0; i < this.config.trialsPerRound; i++) {
      const trial = this.#study.ask();
      const alpha = trial.params['alpha'] as number;
      const beta = trial.params['beta'] as number;
      // The study's record holds the round's box; `trial.distributions` holds the declared
      // distributions (packages/tune/src/study/study.ts records `distribution`, not `box`).
      box ??= boxOf(this.#study.trials[trial.number]!.distributions);
      const value = c2fObjective(
        alpha,
        beta,
        this.config.noise,
        deriveSeed(this.config.seed, trial.number, 'noise'),
      );
      await this.#study.tell(trial, value);
      trials.push({
        number: trial.number,
        alpha,
        beta,
        logAlpha: Math.log10(alpha),
        logOneMinusBeta: Math.log10(1 - beta),
        value,
      });
    }
    let best = trials[0]!;
    for (const trial of trials) if (trial.value < best.value) best = trial;
    const finished: C2fRound = { round, box: box!, trials, best };
    this.#rounds.push(finished);
    return finished;
  }
}
