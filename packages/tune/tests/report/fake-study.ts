import {
  STUDY_FORMAT,
  STUDY_FORMAT_VERSION,
  type Distribution,
  type ParamValue,
  type StudyHeaderEvent,
  type TrialRecord,
} from '../../src/index.js';

/** A study header with defaults, for report tests. */
export function makeHeader(overrides: Partial<StudyHeaderEvent> = {}): StudyHeaderEvent {
  return {
    type: 'study',
    format: STUDY_FORMAT,
    version: STUDY_FORMAT_VERSION,
    name: 'mnist',
    direction: 'minimize',
    objective: 'dev error',
    seed: 0,
    sampler: { name: 'random', options: {} },
    pruner: null,
    space: null,
    trials: null,
    settings: {},
    at: '2026-12-01T10:00:00.000Z',
    ...overrides,
  };
}

/** A trial record with defaults; `intermediate` given as values for epochs 1, 2, …. */
export function makeTrial(
  number: number,
  fields: {
    state?: TrialRecord['state'];
    params?: Record<string, ParamValue>;
    distributions?: Record<string, Distribution>;
    curve?: readonly number[];
    value?: number | null;
    reason?: string | null;
    seconds?: number | null;
  } = {},
): TrialRecord {
  const state = fields.state ?? 'complete';
  const curve = fields.curve ?? [];
  return {
    number,
    attempt: 1,
    state,
    params: fields.params ?? {},
    distributions: fields.distributions ?? {},
    intermediate: curve.map((value, index) => ({ epoch: index + 1, value })),
    value:
      fields.value !== undefined
        ? fields.value
        : state === 'complete' || state === 'pruned'
          ? (curve.at(-1) ?? null)
          : null,
    reason: fields.reason ?? null,
    seconds: fields.seconds !== undefined ? fields.seconds : state === 'running' ? null : 10,
    attributes: {},
  };
}

/** A deterministic generator in [0, 1) (tests only). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Round r's boxes of the 3-round coarse-to-fine study. */
export const ROUND_BOXES: ReadonlyArray<Record<string, Distribution>> = [
  {
    lr: { scale: 'log', low: 1e-4, high: 1 },
    beta: { scale: 'oneMinusLog', low: 0.9, high: 0.999 },
    units: { scale: 'int', low: 32, high: 256 },
    optimizer: { scale: 'choice', values: ['adam', 'momentum', 'sgd'] },
  },
  {
    lr: { scale: 'log', low: 10 ** -3.2, high: 10 ** -1.4 },
    beta: { scale: 'oneMinusLog', low: 1 - 10 ** -1.3, high: 1 - 10 ** -2.7 },
    units: { scale: 'int', low: 70, high: 180 },
    optimizer: { scale: 'choice', values: ['adam', 'momentum'] },
  },
  {
    lr: { scale: 'log', low: 10 ** -2.9, high: 10 ** -2.1 },
    beta: { scale: 'oneMinusLog', low: 1 - 10 ** -1.7, high: 1 - 10 ** -2.4 },
    units: { scale: 'int', low: 90, high: 140 },
    optimizer: { scale: 'choice', values: ['adam'] },
  },
];

/**
 * A 3-round coarse-to-fine study of `perRound` trials a round on log + oneMinusLog + int +
 * choice hyperparameters, with pruned trials, one failed trial (diverged) and the last one
 * still running. Trial 1 has lr = 0.01 exactly.
 */
export function coarseToFineStudy(
  perRound = 6,
  overrides: Partial<StudyHeaderEvent> = {},
): { header: StudyHeaderEvent; trials: TrialRecord[] } {
  const random = lcg(7);
  const header = makeHeader({
    name: 'mnist-c2f',
    seed: 42,
    sampler: {
      name: 'coarse-to-fine',
      options: { rounds: 3, trialsPerRound: perRound, topK: 3, margin: 0.1, within: 'random' },
    },
    pruner: { name: 'median', options: { warmupEpochs: 2, minTrials: 3 } },
    space: Object.entries(ROUND_BOXES[0]!).map(([name, distribution]) => ({ name, distribution })),
    trials: 3 * perRound,
    settings: { epochs: 12, batchSize: 64, model: 'mlp-784-h-10' },
    ...overrides,
  });
  const trials: TrialRecord[] = [];
  for (let number = 0; number < 3 * perRound; number++) {
    const boxes = ROUND_BOXES[Math.floor(number / perRound)]!;
    const draw = (box: Distribution): ParamValue => {
      const u = random();
      switch (box.scale) {
        case 'log':
          return 10 ** (Math.log10(box.low) + u * (Math.log10(box.high) - Math.log10(box.low)));
        case 'oneMinusLog': {
          const low = Math.log10(1 - box.high);
          const high = Math.log10(1 - box.low);
          return 1 - 10 ** (low + u * (high - low));
        }
        case 'int':
          return box.low + Math.floor(u * (box.high - box.low + 1));
        case 'uniform':
          return box.low + u * (box.high - box.low);
        case 'choice':
          return box.values[Math.floor(u * box.values.length)]!;
      }
    };
    const params: Record<string, ParamValue> = {};
    for (const [name, box] of Object.entries(boxes)) params[name] = draw(box);
    if (number === 1) params['lr'] = 0.01;
    if (number === 4) params['lr'] = 0.5;
    const lr = params['lr'] as number;
    const beta = params['beta'] as number;
    const units = params['units'] as number;
    const final =
      0.025 +
      0.02 * (Math.log10(lr) + 2.5) ** 2 +
      0.015 * (Math.log10(1 - beta) + 2) ** 2 +
      0.02 * ((units - 110) / 100) ** 2 +
      (params['optimizer'] === 'adam' ? 0 : params['optimizer'] === 'momentum' ? 0.01 : 0.03) +
      0.004 * random();
    const curve = Array.from(
      { length: 12 },
      (_, epoch) => final + (0.6 - final) * Math.exp(-epoch / (1.2 + 3 * random() * 0.3)),
    );
    let state: TrialRecord['state'] = 'complete';
    let length = 12;
    let reason: string | null = null;
    if (lr > 0.3) {
      state = 'failed';
      length = 2;
      reason = 'diverged: the cost became NaN at epoch 3';
    } else if (number === 3 * perRound - 1) {
      state = 'running';
      length = 5;
    } else if (final > 0.09 && number % perRound >= 2) {
      state = 'pruned';
      length = 4;
      reason = 'worse than the median of earlier trials at epoch 4';
    }
    const shown = curve.slice(0, length);
    trials.push(
      makeTrial(number, {
        state,
        params,
        distributions: boxes,
        curve: shown,
        reason,
        seconds: state === 'running' ? null : Math.round(length * (3 + units / 40) * 10) / 10,
      }),
    );
  }
  return { header, trials };
}
