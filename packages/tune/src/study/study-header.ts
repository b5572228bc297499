import { ConfigError, describeValue } from '@deeptune/core';
import type { Pruner } from '../pruner/pruner.js';
import type { Sampler } from '../sampler/sampler.js';
import { formatDistribution } from '../space/hp.js';
import {
  STUDY_FORMAT,
  STUDY_FORMAT_VERSION,
  type StudyHeaderEvent,
} from '../storage/study-event.js';
import { stableJson } from './stable-json.js';
import type { CreateStudyOptions } from './study.js';

/** What makes a study what it is: its options, wherever it is stored. */
type StudyDefinition = Omit<CreateStudyOptions, 'storage' | 'sampler' | 'pruner'>;

/**
 * Checks the options that describe a study (name, direction, seed, trials) for `where`.
 *
 * @throws {@link @deeptune/core!ConfigError} naming the option and its value.
 * @internal
 */
export function checkStudyOptions(where: string, options: StudyDefinition): void {
  if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
    throw new ConfigError(
      `${where}: name must be a non-empty string, got ${describeValue(options.name)}`,
    );
  }
  if (
    options.direction !== undefined &&
    options.direction !== 'minimize' &&
    options.direction !== 'maximize'
  ) {
    throw new ConfigError(
      `${where}: direction must be 'minimize' or 'maximize', got ${describeValue(options.direction)}`,
    );
  }
  if (
    options.seed !== undefined &&
    (typeof options.seed !== 'number' || !Number.isSafeInteger(options.seed) || options.seed < 0)
  ) {
    throw new ConfigError(
      `${where}: seed must be an integer ≥ 0, got ${describeValue(options.seed)}`,
    );
  }
  const trials = options.trials;
  if (
    trials !== undefined &&
    (typeof trials !== 'number' || !Number.isSafeInteger(trials) || trials < 1)
  ) {
    throw new ConfigError(`${where}: trials must be an integer ≥ 1, got ${describeValue(trials)}`);
  }
}

/**
 * The header a study's options describe (the first event of its journal, the header of its
 * row in a database).
 * @internal
 */
export function studyHeader(
  options: StudyDefinition,
  sampler: Sampler,
  pruner: Pruner | null,
): StudyHeaderEvent {
  const trials = options.trials ?? sampler.plannedTrials;
  return {
    type: 'study',
    format: STUDY_FORMAT,
    version: STUDY_FORMAT_VERSION,
    name: options.name ?? 'study',
    direction: options.direction ?? 'minimize',
    objective: options.objective ?? 'dev error',
    seed: options.seed ?? 0,
    sampler: { name: sampler.name, options: sampler.options },
    pruner: pruner === null ? null : { name: pruner.name, options: pruner.options },
    space: options.space === undefined ? null : options.space.entries,
    trials: trials ?? null,
    settings: options.settings ?? {},
    at: new Date().toISOString(),
  };
}

/** The fields of a header that make a study what it is: a resume must match them. */
const IDENTITY_FIELDS = [
  'name',
  'direction',
  'objective',
  'seed',
  'sampler',
  'pruner',
  'space',
  'settings',
] as const;

function describeField(field: (typeof IDENTITY_FIELDS)[number], header: StudyHeaderEvent): string {
  const value = header[field];
  if (field === 'space' && Array.isArray(value)) {
    return (value as StudyHeaderEvent['space'])!
      .map((entry) => `${entry.name} ${formatDistribution(entry.distribution)}`)
      .join(', ');
  }
  return stableJson(value);
}

/**
 * Throws unless the stored header and the wanted one describe the same study (name,
 * direction, objective, seed, sampler, pruner, space and settings).
 *
 * @param description - the storage, for the message.
 * @throws {@link @deeptune/core!ConfigError} naming the first field that differs and both values.
 * @internal
 */
export function checkSameStudy(
  description: string,
  stored: StudyHeaderEvent,
  wanted: StudyHeaderEvent,
): void {
  for (const field of IDENTITY_FIELDS) {
    if (stableJson(stored[field]) !== stableJson(wanted[field])) {
      throw new ConfigError(
        `${description} holds study '${stored.name}' with ${field} ${describeField(field, stored)}, but this run asks for ${field} ${describeField(field, wanted)}; use another storage for a different study, or the same settings to resume it`,
      );
    }
  }
}
