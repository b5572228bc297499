import { describe, expect, it } from 'vitest';
import { DataFormatError } from '@deeptune/core';
import { checkEventOrder, parseStudyEvent } from '../../src/index.js';
import type { StudyEvent } from '../../src/index.js';
import { header, sampleEvents } from './sample-events.js';

/** The DataFormatError message of `parseStudyEvent(value, 'x')`. */
function messageOf(value: unknown): string {
  try {
    parseStudyEvent(value, 'x');
  } catch (error) {
    expect(DataFormatError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('parseStudyEvent accepted the record');
}

const reportEvent = { type: 'trial-report', number: 3, attempt: 1, epoch: 2, value: 0.5 };

describe('parseStudyEvent', () => {
  it('round-trips every event type through JSON', () => {
    const types = new Set<string>();
    for (const event of sampleEvents) {
      const parsed = parseStudyEvent(JSON.parse(JSON.stringify(event)), 'x');
      expect(parsed).toEqual(event);
      expect(Object.isFrozen(parsed)).toBe(true);
      types.add(event.type);
    }
    expect([...types].sort()).toEqual([
      'study',
      'trial-finish',
      'trial-param',
      'trial-report',
      'trial-start',
      'trial-stop',
    ]);
  });

  it('accepts a header without pruner or space, and epoch 0', () => {
    const open = { ...header, pruner: null, space: null, trials: null };
    expect(parseStudyEvent(open, 'x')).toEqual(open);
    expect(parseStudyEvent({ ...reportEvent, epoch: 0 }, 'x')).toEqual({
      ...reportEvent,
      epoch: 0,
    });
  });

  it('returns a copy holding only the fields of the event', () => {
    const input = { ...reportEvent };
    const parsed = parseStudyEvent(input, 'x');
    expect(parsed).not.toBe(input);
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(reportEvent));
  });

  it('refuses records that are not events', () => {
    expect(messageOf(null)).toBe("x: expected a study event (an object with a 'type'), got null");
    expect(messageOf([1])).toBe("x: expected a study event (an object with a 'type'), got [1]");
    expect(messageOf({ number: 1 })).toBe(
      "x: the event has no 'type'; expected one of 'study', 'trial-start', 'trial-param', 'trial-report', 'trial-finish', 'trial-stop'",
    );
    expect(messageOf({ type: 'trial-end' })).toBe(
      "x: unknown event type 'trial-end'; expected one of 'study', 'trial-start', 'trial-param', 'trial-report', 'trial-finish', 'trial-stop'",
    );
  });

  it('names the field and the value', () => {
    expect(messageOf({ ...reportEvent, epoch: -1 })).toBe(
      "x: 'trial-report' event: 'epoch' must be an integer ≥ 0, got -1",
    );
    expect(messageOf({ ...reportEvent, epoch: 1.5 })).toBe(
      "x: 'trial-report' event: 'epoch' must be an integer ≥ 0, got 1.5",
    );
    expect(messageOf({ ...reportEvent, attempt: 0 })).toBe(
      "x: 'trial-report' event: 'attempt' must be an integer ≥ 1, got 0",
    );
    expect(messageOf({ ...reportEvent, number: '3' })).toBe(
      "x: 'trial-report' event: 'number' must be an integer ≥ 0, got '3'",
    );
    const { value: _value, ...noValue } = reportEvent;
    expect(messageOf(noValue)).toBe(
      "x: 'trial-report' event: 'value' must be a finite number, it is missing",
    );
    expect(messageOf({ ...reportEvent, value: Number.POSITIVE_INFINITY })).toBe(
      "x: 'trial-report' event: 'value' must be a finite number, got Infinity",
    );
    expect(messageOf({ ...reportEvent, value: null })).toBe(
      "x: 'trial-report' event: 'value' must be a finite number, got null",
    );
    expect(messageOf({ ...reportEvent, extra: 1 })).toBe(
      "x: 'trial-report' event: unknown field 'extra' (with 1); expected only 'type', 'number', 'attempt', 'epoch', 'value'",
    );
  });

  it('checks trial-finish values against the state', () => {
    const finish = sampleEvents.find((event) => event.type === 'trial-finish')!;
    expect(messageOf({ ...finish, value: null })).toBe(
      "x: 'trial-finish' event: 'value' must be a finite number, got null",
    );
    expect(parseStudyEvent({ ...finish, state: 'pruned', value: null }, 'x')).toMatchObject({
      state: 'pruned',
      value: null,
    });
    expect(messageOf({ ...finish, state: 'done' })).toBe(
      "x: 'trial-finish' event: 'state' must be one of 'complete', 'pruned', 'failed', got 'done'",
    );
    expect(messageOf({ ...finish, seconds: -1 })).toBe(
      "x: 'trial-finish' event: 'seconds' must be a finite number ≥ 0, got -1",
    );
    expect(messageOf({ ...finish, attributes: { curve: [1, 2] } })).toBe(
      "x: 'trial-finish' event: 'attributes.curve' must be a finite number, a string or a boolean, got [1, 2]",
    );
    expect(messageOf({ ...finish, at: 'yesterday' })).toBe(
      "x: 'trial-finish' event: 'at' must be an ISO 8601 time such as 2026-01-31T12:00:00.000Z, got 'yesterday'",
    );
  });

  it('checks parameters and their distributions', () => {
    const param = sampleEvents.find((event) => event.type === 'trial-param')!;
    expect(messageOf({ ...param, value: { a: 1 } })).toBe(
      "x: 'trial-param' event: 'value' must be a finite number, a string or a boolean, got { a: 1 }",
    );
    expect(messageOf({ ...param, distribution: { scale: 'log', low: 0, high: 1 } })).toBe(
      "x: 'trial-param' event: 'distribution': log(0, 1): a log scale needs a lower bound > 0, got 0",
    );
    expect(messageOf({ ...param, name: '' })).toBe(
      "x: 'trial-param' event: 'name' must be a non-empty string, got ''",
    );
  });

  it('checks the header', () => {
    expect(messageOf({ ...header, version: 2 })).toBe(
      'x: written by a newer deeptune (format version 2; this one reads 1). Hint: upgrade @deeptune/tune to read this study.',
    );
    expect(messageOf({ ...header, format: 'optuna' })).toBe(
      "x: 'study' event: 'format' must be 'deeptune-study', got 'optuna'",
    );
    expect(messageOf({ ...header, version: 0 })).toBe(
      "x: 'study' event: 'version' must be an integer ≥ 1, got 0",
    );
    expect(messageOf({ ...header, direction: 'down' })).toBe(
      "x: 'study' event: 'direction' must be one of 'minimize', 'maximize', got 'down'",
    );
    expect(messageOf({ ...header, sampler: { name: 'random' } })).toBe(
      "x: 'study' event: 'sampler.options' must be an object, it is missing",
    );
    expect(messageOf({ ...header, settings: [] })).toBe(
      "x: 'study' event: 'settings' must be an object, got []",
    );
    expect(
      messageOf({
        ...header,
        space: [{ name: 'lr', distribution: { scale: 'int', low: 2, high: 1 } }],
      }),
    ).toBe("x: 'study' event: 'space[0].distribution': int(2, 1): the range is inverted (1 < 2)");
    expect(
      messageOf({
        ...header,
        space: [{ name: 'lr', distribution: { scale: 'log', low: 0.1, high: 1 }, when: { a: [] } }],
      }),
    ).toBe(
      "x: 'study' event: 'space[0].when.a' must be a value or a non-empty list of values, got []",
    );
  });

  it('does not let a record set a prototype', () => {
    const finish = sampleEvents.find((event) => event.type === 'trial-finish')!;
    const record = JSON.parse(
      JSON.stringify(finish).replace('"attributes":{', '"attributes":{"__proto__":"x",'),
    ) as unknown;
    const parsed = parseStudyEvent(record, 'x') as Extract<StudyEvent, { type: 'trial-finish' }>;
    expect(Object.getPrototypeOf(parsed.attributes)).toBe(Object.prototype);
    expect(Object.keys(parsed.attributes)).toContain('__proto__');
  });
});

describe('checkEventOrder', () => {
  it('accepts a study that starts with its only header', () => {
    expect(() => checkEventOrder(sampleEvents, 's')).not.toThrow();
    expect(() => checkEventOrder([], 's')).not.toThrow();
  });

  it('refuses a missing or a second header', () => {
    expect(() => checkEventOrder(sampleEvents.slice(1), 's')).toThrow(
      new DataFormatError(
        "s: record 1 is a 'trial-start' event; the first must be the study header (type 'study')",
      ),
    );
    expect(() => checkEventOrder([header, header], 's', 'line')).toThrow(
      's: line 2 is a second study header; only the first line may be one',
    );
  });
});
