/**
 * Hyperparameter search for deeptune, as the course teaches it: random search (not grid) on
 * the right scale — `hp.log` for the learning rate, `hp.oneMinusLog` for an averaging weight
 * β — with coarse-to-fine rounds; pruning of hopeless trials (`median`, `asha`); studies that
 * resume after a crash from their storage (a journal file in `@deeptune/tune/node`); many
 * trials at once ("caviar") and one model babysat by hand ("panda", {@link babysit}).
 *
 * ```ts
 * import { coarseToFine, createStudy, hp, searchSpace } from '@deeptune/tune';
 *
 * const study = await createStudy({
 *   sampler: coarseToFine({ rounds: 3, trialsPerRound: 10, topK: 3 }),
 *   space: searchSpace({
 *     learningRate: hp.log(1e-4, 1),
 *     beta: hp.oneMinusLog(0.9, 0.999),
 *     hiddenUnits: hp.int(32, 256),
 *   }),
 *   seed: 0,
 * });
 * await study.optimize(async (trial) => {
 *   const { learningRate, beta, hiddenUnits } = trial.params;
 *   return trainAndMeasureDevError({ learningRate, beta, hiddenUnits, seed: trial.seed });
 * });
 * study.bestTrial; // { number, params, value: the best dev error, … }
 * ```
 *
 * @packageDocumentation
 */
export type {
  ParamValue,
  Distribution,
  UniformDistribution,
  IntDistribution,
  LogDistribution,
  OneMinusLogDistribution,
  ChoiceDistribution,
  Scale,
} from './space/distribution.js';
export { SCALES } from './space/distribution.js';
export { hp, checkDistribution, formatDistribution } from './space/hp.js';
export {
  internalRange,
  toInternal,
  fromInternal,
  fromUnit,
  toUnit,
  contains,
} from './space/unit-interval.js';
export { searchSpace, isActive, sampleSpace } from './space/search-space.js';
export type {
  SearchSpace,
  SpaceEntry,
  Condition,
  SpaceDefinitionEntry,
  ConditionalDefinition,
} from './space/search-space.js';
export type { Sampler, SamplerContext } from './sampler/sampler.js';
export type { Pruner, PrunerContext, PruneDecision } from './pruner/pruner.js';
export type {
  TrialRecord,
  TrialState,
  Direction,
  IntermediateValue,
} from './study/trial-record.js';
export { deriveSeed } from './study/derive-seed.js';
export type { StudyStorage } from './storage/study-storage.js';
export { STUDY_FORMAT, STUDY_FORMAT_VERSION } from './storage/study-event.js';
export type {
  StudyEvent,
  StudyHeaderEvent,
  TrialStartEvent,
  TrialParamEvent,
  TrialReportEvent,
  TrialFinishEvent,
  RecordedPlugin,
} from './storage/study-event.js';
// Samplers
export { randomSampler, randomSamplerPlugin } from './sampler/random-sampler.js';
export { gridSampler, gridSamplerPlugin } from './sampler/grid-sampler.js';
export { quasiRandomSampler, quasiRandomSamplerPlugin } from './sampler/quasi-random-sampler.js';
export { scrambledHalton, nthPrime } from './sampler/halton.js';
// Pruners
export { medianPruner, medianPrunerPlugin } from './pruner/median-pruner.js';
export { ashaPruner, ashaPrunerPlugin } from './pruner/asha-pruner.js';
// Storage
export { parseStudyEvent, checkEventOrder } from './storage/parse-study-event.js';
export { memoryStorage } from './storage/memory-storage.js';
export type { MemoryStorage } from './storage/memory-storage.js';
// Studies
export { createStudy, Study } from './study/study.js';
export type {
  CreateStudyOptions,
  OptimizeOptions,
  OptimizeResult,
  Objective,
} from './study/study.js';
export { Trial } from './study/trial.js';
export type { TrialHost } from './study/trial.js';
export { TrialPrunedError } from './study/trial-pruned-error.js';
export { replayStudy } from './study/replay-study.js';
export type { ReplayedStudy } from './study/replay-study.js';
export type { TrialStopEvent } from './storage/study-event.js';
// Coarse-to-fine
export { coarseToFine, coarseToFinePlugin } from './sampler/coarse-to-fine.js';
export { narrowDistribution } from './sampler/narrow-distribution.js';
// Babysitting
export { babysit, BabysitSession } from './babysit/babysit.js';
export type {
  BabysitOptions,
  BabysitCheckpoint,
  BabysitEvent,
  BabysitTrainEvent,
  BabysitAdjustEvent,
  BabysitRevertEvent,
  BabysitHyperparameters,
} from './babysit/babysit.js';
// This package's plugins
export { plugin, register } from './plugin.js';
// Reports
export { formatLeaderboard } from './report/format-leaderboard.js';
export { bestTrial } from './report/study-ranking.js';
export type { LeaderboardOptions } from './report/format-leaderboard.js';
export { renderHtmlReport, renderReportSections } from './report/render-html-report.js';
export { REPORT_CSS } from './report/report-style.js';
export { escapeHtml } from './report/escape-html.js';
export type { HtmlReportOptions } from './report/render-html-report.js';
