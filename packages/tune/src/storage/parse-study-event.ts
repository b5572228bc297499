import { ConfigError, DataFormatError, describeValue } from '@deeptune/core';
import type { Distribution, ParamValue } from '../space/distribution.js';
import { checkDistribution } from '../space/hp.js';
import type { Condition, SpaceEntry } from '../space/search-space.js';
import type {
  RecordedPlugin,
  StudyEvent,
  StudyHeaderEvent,
  TrialFinishEvent,
  TrialParamEvent,
  TrialReportEvent,
  TrialStartEvent,
  TrialStopEvent,
} from './study-event.js';
import { STUDY_FORMAT, STUDY_FORMAT_VERSION } from './study-event.js';

type JsonObject = Readonly<Record<string, unknown>>;

/** The fields of each event type, in the order they are written. */
const FIELDS = {
  study: [
    'type',
    'format',
    'version',
    'name',
    'direction',
    'objective',
    'seed',
    'sampler',
    'pruner',
    'space',
    'trials',
    'settings',
    'at',
  ],
  'trial-start': ['type', 'number', 'attempt', 'at'],
  'trial-param': ['type', 'number', 'attempt', 'name', 'value', 'distribution'],
  'trial-report': ['type', 'number', 'attempt', 'epoch', 'value'],
  'trial-finish': [
    'type',
    'number',
    'attempt',
    'state',
    'value',
    'reason',
    'seconds',
    'attributes',
    'at',
  ],
  'trial-stop': ['type', 'number', 'attempt', 'reason', 'at'],
} as const satisfies Record<StudyEvent['type'], readonly string[]>;

type EventType = keyof typeof FIELDS;

const EVENT_TYPES = Object.keys(FIELDS) as EventType[];

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOwn(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Checks one record's fields; every message names the record, the field and the value. */
class FieldReader {
  constructor(
    readonly where: string,
    private readonly label: string,
    private readonly record: JsonObject,
  ) {}

  fail(field: string, expected: string, value: unknown): never {
    const got = value === undefined ? 'it is missing' : `got ${describeValue(value)}`;
    throw new DataFormatError(
      `${this.where}: ${this.label}: '${field}' must be ${expected}, ${got}`,
    );
  }

  /** A field's value; `undefined` when it is absent. */
  raw(field: string): unknown {
    return hasOwn(this.record, field) ? this.record[field] : undefined;
  }

  string(field: string, options: { nonEmpty?: boolean } = {}): string {
    const value = this.raw(field);
    if (typeof value !== 'string' || (options.nonEmpty === true && value.length === 0)) {
      this.fail(field, options.nonEmpty === true ? 'a non-empty string' : 'a string', value);
    }
    return value;
  }

  nullableString(field: string): string | null {
    const value = this.raw(field);
    if (value !== null && typeof value !== 'string') this.fail(field, 'a string or null', value);
    return value;
  }

  integer(field: string, min: number): number {
    const value = this.raw(field);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      this.fail(field, `an integer ≥ ${min}`, value);
    }
    return value;
  }

  nullableInteger(field: string, min: number): number | null {
    const value = this.raw(field);
    if (value === null) return null;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      this.fail(field, `an integer ≥ ${min} or null`, value);
    }
    return value;
  }

  finite(field: string, options: { min?: number } = {}): number {
    const value = this.raw(field);
    const { min } = options;
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      (min !== undefined && value < min)
    ) {
      this.fail(field, min === undefined ? 'a finite number' : `a finite number ≥ ${min}`, value);
    }
    return value;
  }

  nullableFinite(field: string): number | null {
    const value = this.raw(field);
    if (value === null) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(field, 'a finite number or null', value);
    }
    return value;
  }

  oneOf<const T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.raw(field);
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.fail(field, `one of ${allowed.map((item) => `'${item}'`).join(', ')}`, value);
    }
    return value as T;
  }

  /** An ISO 8601 time. */
  time(field: string): string {
    const value = this.raw(field);
    if (
      typeof value !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}T/.test(value) ||
      !Number.isFinite(Date.parse(value))
    ) {
      this.fail(field, 'an ISO 8601 time such as 2026-01-31T12:00:00.000Z', value);
    }
    return value;
  }

  object(field: string): JsonObject {
    const value = this.raw(field);
    if (!isObject(value)) this.fail(field, 'an object', value);
    return value;
  }

  plugin(field: string, nullable: boolean): RecordedPlugin | null {
    const value = this.raw(field);
    if (nullable && value === null) return null;
    const expected = `${nullable ? 'null or ' : ''}{ name, options } naming a plugin and its options`;
    if (!isObject(value)) this.fail(field, expected, value);
    const name = value.name;
    if (typeof name !== 'string' || name.length === 0) {
      this.fail(`${field}.name`, 'a non-empty string', name);
    }
    const options = value.options;
    if (!isObject(options)) this.fail(`${field}.options`, 'an object', options);
    this.noExtraFields(value, ['name', 'options'], `${field}.`);
    return Object.freeze({ name, options });
  }

  paramValue(field: string, value: unknown): ParamValue {
    if (
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value))
    ) {
      return value;
    }
    return this.fail(field, 'a finite number, a string or a boolean', value);
  }

  distribution(field: string, value: unknown): Distribution {
    try {
      return checkDistribution(`${this.where}: ${this.label}: '${field}'`, value);
    } catch (error) {
      if (ConfigError.isInstance(error)) {
        throw new DataFormatError(error.message, { cause: error });
      }
      throw error;
    }
  }

  space(field: string): readonly SpaceEntry[] | null {
    const value = this.raw(field);
    if (value === null) return null;
    if (!Array.isArray(value)) {
      this.fail(field, 'null or a list of { name, distribution, when? } entries', value);
    }
    const names = new Set<string>();
    const entries = (value as readonly unknown[]).map((item, index): SpaceEntry => {
      const at = `${field}[${index}]`;
      if (!isObject(item)) this.fail(at, 'an object { name, distribution, when? }', item);
      const name = item.name;
      if (typeof name !== 'string' || name.length === 0) {
        this.fail(`${at}.name`, 'a non-empty string', name);
      }
      if (names.has(name)) this.fail(`${at}.name`, 'a name not used before', name);
      names.add(name);
      const distribution = this.distribution(`${at}.distribution`, item.distribution);
      this.noExtraFields(item, ['name', 'distribution', 'when'], `${at}.`);
      if (!hasOwn(item, 'when')) return Object.freeze({ name, distribution });
      return Object.freeze({ name, distribution, when: this.condition(`${at}.when`, item.when) });
    });
    return Object.freeze(entries);
  }

  condition(field: string, value: unknown): Condition {
    const expected = 'an object mapping hyperparameters to a value or a non-empty list of values';
    if (!isObject(value)) this.fail(field, expected, value);
    const entries = Object.entries(value).map(
      ([key, item]): [string, ParamValue | readonly ParamValue[]] => {
        if (Array.isArray(item)) {
          if (item.length === 0)
            this.fail(`${field}.${key}`, 'a value or a non-empty list of values', item);
          return [
            key,
            Object.freeze(item.map((one: unknown) => this.paramValue(`${field}.${key}`, one))),
          ];
        }
        return [key, this.paramValue(`${field}.${key}`, item)];
      },
    );
    return Object.freeze(Object.fromEntries(entries));
  }

  attributes(field: string): Readonly<Record<string, number | string | boolean | null>> {
    const value = this.object(field);
    const entries = Object.entries(value).map(
      ([key, item]): [string, number | string | boolean | null] => {
        if (item === null) return [key, null];
        return [key, this.paramValue(`${field}.${key}`, item)];
      },
    );
    return Object.freeze(Object.fromEntries(entries));
  }

  /** Refuses fields that the event type does not have (a typo or another format). */
  noExtraFields(object: JsonObject, known: readonly string[], prefix = ''): void {
    for (const key of Object.keys(object)) {
      if (!known.includes(key)) {
        throw new DataFormatError(
          `${this.where}: ${this.label}: unknown field '${prefix}${key}' (with ${describeValue(object[key])}); expected only ${known.map((item) => `'${prefix}${item}'`).join(', ')}`,
        );
      }
    }
  }
}

function parseHeader(read: FieldReader): StudyHeaderEvent {
  const format = read.raw('format');
  if (format !== STUDY_FORMAT) read.fail('format', `'${STUDY_FORMAT}'`, format);
  const version = read.integer('version', 1);
  if (version > STUDY_FORMAT_VERSION) {
    throw new DataFormatError(
      `${read.where}: written by a newer deeptune (format version ${version}; this one reads ${STUDY_FORMAT_VERSION}). Hint: upgrade @deeptune/tune to read this study.`,
    );
  }
  return {
    type: 'study',
    format: STUDY_FORMAT,
    version,
    name: read.string('name'),
    direction: read.oneOf('direction', ['minimize', 'maximize']),
    objective: read.string('objective'),
    seed: read.finite('seed'),
    sampler: read.plugin('sampler', false)!,
    pruner: read.plugin('pruner', true),
    space: read.space('space'),
    trials: read.nullableInteger('trials', 0),
    settings: read.object('settings'),
    at: read.time('at'),
  };
}

function parseStart(read: FieldReader): TrialStartEvent {
  return {
    type: 'trial-start',
    number: read.integer('number', 0),
    attempt: read.integer('attempt', 1),
    at: read.time('at'),
  };
}

function parseParam(read: FieldReader): TrialParamEvent {
  return {
    type: 'trial-param',
    number: read.integer('number', 0),
    attempt: read.integer('attempt', 1),
    name: read.string('name', { nonEmpty: true }),
    value: read.paramValue('value', read.raw('value')),
    distribution: read.distribution('distribution', read.raw('distribution')),
  };
}

function parseReport(read: FieldReader): TrialReportEvent {
  return {
    type: 'trial-report',
    number: read.integer('number', 0),
    attempt: read.integer('attempt', 1),
    epoch: read.integer('epoch', 0),
    value: read.finite('value'),
  };
}

function parseFinish(read: FieldReader): TrialFinishEvent {
  const number = read.integer('number', 0);
  const attempt = read.integer('attempt', 1);
  const state = read.oneOf('state', ['complete', 'pruned', 'failed']);
  const value = state === 'complete' ? read.finite('value') : read.nullableFinite('value');
  return {
    type: 'trial-finish',
    number,
    attempt,
    state,
    value,
    reason: read.nullableString('reason'),
    seconds: read.finite('seconds', { min: 0 }),
    attributes: read.attributes('attributes'),
    at: read.time('at'),
  };
}

function parseStop(read: FieldReader): TrialStopEvent {
  return {
    type: 'trial-stop',
    number: read.integer('number', 0),
    attempt: read.integer('attempt', 1),
    reason: read.string('reason'),
    at: read.time('at'),
  };
}

const PARSERS: { readonly [T in EventType]: (read: FieldReader) => StudyEvent } = {
  study: parseHeader,
  'trial-start': parseStart,
  'trial-param': parseParam,
  'trial-report': parseReport,
  'trial-finish': parseFinish,
  'trial-stop': parseStop,
};

/**
 * Checks one study event given as data (a journal line after `JSON.parse`, a database row)
 * and returns a frozen copy holding exactly the event's fields. Every field must be present
 * with its type: trial numbers and epochs integers ≥ 0, attempts integers ≥ 1, values finite
 * numbers (`null` only where the type allows it; a complete trial has a value), times ISO
 * 8601, hyperparameter values numbers, strings or booleans, distributions as
 * {@link checkDistribution} accepts them. Unknown fields are refused. A header must name the
 * format {@link STUDY_FORMAT} and a version this code reads ({@link STUDY_FORMAT_VERSION}).
 *
 * @param value - the record.
 * @param where - what to name in errors, e.g. `study.jsonl line 3`.
 * @throws {@link @deeptune/core!DataFormatError} `${where}: …` naming the field and the value.
 * @category Storage
 *
 * @example
 * ```ts
 * const event = parseStudyEvent(JSON.parse(line), 'study.jsonl line 3');
 * parseStudyEvent({ type: 'trial-report', number: 0, attempt: 1, epoch: -1, value: 0.2 }, 'x');
 * // DataFormatError: x: 'trial-report' event: 'epoch' must be an integer ≥ 0, got -1
 * ```
 */
export function parseStudyEvent(value: unknown, where: string): StudyEvent {
  if (!isObject(value)) {
    throw new DataFormatError(
      `${where}: expected a study event (an object with a 'type'), got ${describeValue(value)}`,
    );
  }
  const type = hasOwn(value, 'type') ? value.type : undefined;
  if (typeof type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(type)) {
    throw new DataFormatError(
      `${where}: ${type === undefined ? "the event has no 'type'" : `unknown event type ${describeValue(type)}`}; expected one of ${EVENT_TYPES.map((item) => `'${item}'`).join(', ')}`,
    );
  }
  const eventType = type as EventType;
  const read = new FieldReader(where, `'${eventType}' event`, value);
  const event = PARSERS[eventType](read);
  read.noExtraFields(value, FIELDS[eventType]);
  return Object.freeze(event);
}

/**
 * Checks the order of a study's events: the first is the study header and no other is.
 *
 * @param events - the events, in order (none is a new study).
 * @param where - what to name in errors, e.g. the journal's path.
 * @param unit - what one event is called in messages: `record` or, for a journal, `line`.
 * @throws {@link @deeptune/core!DataFormatError} `${where}: ${unit} N …` naming the event.
 * @category Storage
 *
 * @example
 * ```ts
 * checkEventOrder(await storage.load(), storage.description);
 * ```
 */
export function checkEventOrder(
  events: readonly StudyEvent[],
  where: string,
  unit = 'record',
): void {
  events.forEach((event, index) => checkEventAt(event, index, where, unit));
}

/**
 * Checks that `event` may stand at position `index` (from 0) of a study's events.
 * @internal
 */
export function checkEventAt(
  event: StudyEvent,
  index: number,
  where: string,
  unit = 'record',
): void {
  if (index === 0 && event.type !== 'study') {
    throw new DataFormatError(
      `${where}: ${unit} 1 is a '${event.type}' event; the first must be the study header (type 'study')`,
    );
  }
  if (index > 0 && event.type === 'study') {
    throw new DataFormatError(
      `${where}: ${unit} ${index + 1} is a second study header; only the first ${unit} may be one`,
    );
  }
}
