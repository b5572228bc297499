import { describe, expect, it } from 'vitest';
import * as deeptune from '../src/index.js';
import { createDefaultRegistry } from '../src/index.js';
import {
  badOptionCases,
  publicFactory,
  thrownBy,
  validRequiredOptions,
  whereOf,
} from './support/bad-option-cases.js';

const registry = createDefaultRegistry();
const exports = deeptune as unknown as Readonly<Record<string, unknown>>;
const withOptions = registry.list().filter((entry) => Object.keys(entry.options).length > 0);
const cases = badOptionCases(registry);

describe('option validation: one schema, one message', () => {
  it('covers every option of every built-in plugin that has options', () => {
    const covered = new Set(cases.map((each) => `${each.kind}/${each.name}/${each.option}`));
    for (const entry of withOptions) {
      for (const option of Object.keys(entry.options)) {
        expect(covered, `${whereOf(entry)} option '${option}'`).toContain(
          `${entry.kind}/${entry.name}/${option}`,
        );
      }
    }
    expect(cases.every((each) => each.expected !== 'no error')).toBe(true);
  });

  it.each(withOptions.map((entry) => [whereOf(entry), entry] as const))(
    '%s has a public factory that accepts its valid required options',
    (_, entry) => {
      const factory = publicFactory(exports, entry);
      expect(
        factory,
        `no export is ${entry.kind} '${entry.name}'.create, a function named after '${entry.name}' in camelCase (alone or followed by the kind) or a class in PascalCase`,
      ).toBeDefined();
      const options = validRequiredOptions(entry);
      expect(thrownBy(() => registry.create(entry.kind, entry.name, options as never))).toBe(
        'no error',
      );
      expect(
        thrownBy(() => factory!.call(options)),
        factory!.label,
      ).toBe('no error');
    },
  );

  it.each(cases.map((each) => [each.title, each] as const))('%s', (_, each) => {
    const viaRegistry = thrownBy(() =>
      registry.create(each.kind, each.name, each.options as never),
    );
    expect(viaRegistry, 'registry.create').toEqual(each.expected);
    const factory = publicFactory(exports, registry.get(each.kind, each.name));
    expect(factory, 'public factory').toBeDefined();
    expect(
      thrownBy(() => factory!.call(each.options)),
      factory!.label,
    ).toEqual(each.expected);
  });
});
