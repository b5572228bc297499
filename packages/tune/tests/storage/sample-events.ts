import type { StudyEvent, StudyHeaderEvent, TrialReportEvent } from '../../src/index.js';

/** A study header with every field used. */
export const header: StudyHeaderEvent = {
  type: 'study',
  format: 'deeptune-study',
  version: 1,
  name: 'lr-search',
  direction: 'minimize',
  objective: 'dev error',
  seed: 42,
  sampler: { name: 'random', options: {} },
  pruner: { name: 'median', options: { warmupEpochs: 2 } },
  space: [
    { name: 'learningRate', distribution: { scale: 'log', low: 1e-4, high: 1 } },
    { name: 'optimizer', distribution: { scale: 'choice', values: ['adam', 'momentum'] } },
    {
      name: 'beta',
      distribution: { scale: 'oneMinusLog', low: 0.9, high: 0.999 },
      when: { optimizer: 'momentum' },
    },
    {
      name: 'hiddenUnits',
      distribution: { scale: 'int', low: 32, high: 256 },
      when: { optimizer: ['adam', 'momentum'] },
    },
  ],
  trials: 20,
  settings: { epochs: 5, batchSize: 64, nested: { list: [1, 'a', null] } },
  at: '2026-12-06T12:00:00.000Z',
};

/** One event of every type, in a valid order. */
export const sampleEvents: readonly StudyEvent[] = [
  header,
  { type: 'trial-start', number: 0, attempt: 1, at: '2026-12-06T12:00:01.000Z' },
  {
    type: 'trial-param',
    number: 0,
    attempt: 1,
    name: 'learningRate',
    value: 0.01,
    distribution: { scale: 'log', low: 1e-4, high: 1 },
  },
  {
    type: 'trial-param',
    number: 0,
    attempt: 1,
    name: 'optimizer',
    value: 'adam',
    distribution: { scale: 'choice', values: ['adam', 'momentum'] },
  },
  {
    type: 'trial-param',
    number: 0,
    attempt: 1,
    name: 'useBias',
    value: true,
    distribution: { scale: 'choice', values: [true, false] },
  },
  { type: 'trial-report', number: 0, attempt: 1, epoch: 1, value: 0.25 },
  {
    type: 'trial-finish',
    number: 0,
    attempt: 1,
    state: 'complete',
    value: 0.125,
    reason: null,
    seconds: 3.5,
    attributes: { trainError: 0.02, epochs: 3, note: 'ok', early: false, missing: null },
    at: '2026-12-06T12:00:04.500Z',
  },
  { type: 'trial-start', number: 1, attempt: 1, at: '2026-12-06T12:00:05.000Z' },
  {
    type: 'trial-finish',
    number: 1,
    attempt: 1,
    state: 'failed',
    value: null,
    reason: 'diverged: the cost became NaN at epoch 2',
    seconds: 1,
    attributes: {},
    at: '2026-12-06T12:00:06.000Z',
  },
  { type: 'trial-start', number: 2, attempt: 1, at: '2026-12-06T12:00:07.000Z' },
  {
    type: 'trial-stop',
    number: 2,
    attempt: 1,
    reason: 'interrupted',
    at: '2026-12-06T12:00:08.000Z',
  },
];

/** A trial-report event of trial `number`, epoch `epoch`. */
export function report(number: number, epoch = 1): TrialReportEvent {
  return { type: 'trial-report', number, attempt: 1, epoch, value: number / 100 };
}
