/** How one URL parameter of a page is read and written. */
export type ParamSpec =
  | {
      /** A number in [min, max] (an integer when `integer`). */
      readonly kind: 'number';
      /** Used when the URL does not give the parameter. */
      readonly default: number;
      /** The smallest allowed value. */
      readonly min: number;
      /** The largest allowed value. */
      readonly max: number;
      /** Only integers are allowed. */
      readonly integer?: boolean;
    }
  | {
      /** One of a fixed list of strings. */
      readonly kind: 'choice';
      /** Used when the URL does not give the parameter. */
      readonly default: string;
      /** The allowed values. */
      readonly values: readonly string[];
    }
  | {
      /** `1` or `0`. */
      readonly kind: 'boolean';
      /** Used when the URL does not give the parameter. */
      readonly default: boolean;
    }
  | {
      /** A comma-separated list of numbers, each in [min, max]. */
      readonly kind: 'numbers';
      /** Used when the URL does not give the parameter. */
      readonly default: readonly number[];
      /** The smallest allowed value. */
      readonly min: number;
      /** The largest allowed value. */
      readonly max: number;
      /** The most entries allowed. */
      readonly maxLength: number;
    };

/** A page's parameter specs by name. */
export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

/** The value type of one spec. */
export type ParamValue<S extends ParamSpec> = S extends { kind: 'number' }
  ? number
  : S extends { kind: 'choice' }
    ? string
    : S extends { kind: 'boolean' }
      ? boolean
      : readonly number[];

/** The values of a page's parameters. */
export type ParamValues<S extends ParamSpecs> = { -readonly [K in keyof S]: ParamValue<S[K]> };

/** What {@link readParams} found: the values, and one sentence per URL value it could not use. */
export interface ReadParams<S extends ParamSpecs> {
  /** The values (defaults where the URL gave none or a bad one). */
  readonly values: ParamValues<S>;
  /** One sentence per rejected URL value, shown on the page (never silently replaced). */
  readonly problems: readonly string[];
}

function describeSpec(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'number':
      return `${spec.integer === true ? 'an integer' : 'a number'} in [${spec.min}, ${spec.max}]`;
    case 'choice':
      return `one of ${spec.values.join(', ')}`;
    case 'boolean':
      return '1 or 0';
    case 'numbers':
      return `up to ${spec.maxLength} comma-separated numbers in [${spec.min}, ${spec.max}]`;
  }
}

function parseNumber(text: string): number | undefined {
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text.trim())) return undefined;
  return Number(text);
}

function parseOne(spec: ParamSpec, text: string): ParamValue<ParamSpec> | undefined {
  switch (spec.kind) {
    case 'number': {
      const value = parseNumber(text);
      if (value === undefined || value < spec.min || value > spec.max) return undefined;
      if (spec.integer === true && !Number.isInteger(value)) return undefined;
      return value;
    }
    case 'choice':
      return spec.values.includes(text) ? text : undefined;
    case 'boolean':
      return text === '1' ? true : text === '0' ? false : undefined;
    case 'numbers': {
      const parts = text.split(',');
      if (parts.length === 0 || parts.length > spec.maxLength) return undefined;
      const values: number[] = [];
      for (const part of parts) {
        const value = parseNumber(part);
        if (value === undefined || value < spec.min || value > spec.max) return undefined;
        values.push(value);
      }
      return values;
    }
  }
}

/**
 * Reads a page's parameters from URL search parameters. A value that does not fit its spec
 * is not coerced: the default is used and a sentence names the parameter, the value and what
 * was expected. Unknown parameters are reported too.
 */
export function readParams<S extends ParamSpecs>(specs: S, search: URLSearchParams): ReadParams<S> {
  const values: Record<string, ParamValue<ParamSpec>> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    values[name] = spec.default;
    const text = search.get(name);
    if (text === null) continue;
    const value = parseOne(spec, text);
    if (value === undefined) {
      const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
      problems.push(
        `The link's ${name}=${JSON.stringify(shown)} is not ${describeSpec(spec)}; using ${formatParam(spec, spec.default)}.`,
      );
    } else {
      values[name] = value;
    }
  }
  for (const name of search.keys()) {
    if (!(name in specs))
      problems.push(`The link's parameter ${JSON.stringify(name)} is not used by this page.`);
  }
  return { values: values as ParamValues<S>, problems };
}

/** The URL text of one value. */
export function formatParam(spec: ParamSpec, value: ParamValue<ParamSpec>): string {
  switch (spec.kind) {
    case 'boolean':
      return value === true ? '1' : '0';
    case 'numbers':
      return (value as readonly number[]).join(',');
    default:
      return String(value);
  }
}

/** The URL search parameters of the values that differ from their defaults (short links). */
export function writeParams<S extends ParamSpecs>(
  specs: S,
  values: ParamValues<S>,
): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, spec] of Object.entries(specs)) {
    const value = values[name] as ParamValue<ParamSpec>;
    const text = formatParam(spec, value);
    if (text !== formatParam(spec, spec.default)) search.set(name, text);
  }
  return search;
}
