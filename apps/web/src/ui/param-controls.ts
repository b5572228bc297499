import type { PageParams } from '../app/page.js';
import type { ParamSpecs, ParamValues } from '../app/url-params.js';
import { Checkbox } from './checkbox.js';
import { Select, type SelectOption } from './select.js';
import { Slider, type SliderOptions } from './slider.js';

/** The names of a page's parameters of one kind (`'number'`, `'choice'`, `'boolean'`). */
export type NamesOfKind<S extends ParamSpecs, Kind extends string> = {
  [K in keyof S & string]: S[K]['kind'] extends Kind ? K : never;
}[keyof S & string];

/** What a {@link paramSlider} takes besides the parameter: everything but bounds and value. */
export type ParamSliderOptions = Partial<
  Pick<SliderOptions, 'step' | 'scale' | 'format' | 'marks' | 'testId'>
> & {
  /** The visible label. */
  readonly label: string;
};

/**
 * A slider bound to a number parameter of the page: its bounds come from the parameter's spec
 * (one source for the link's bounds and the slider's), its value from the link, and each move
 * writes the link and then calls `onChange`. Integer parameters step by 1 unless told; the
 * test id defaults to the parameter's name.
 */
export function paramSlider<S extends ParamSpecs, K extends NamesOfKind<S, 'number'>>(
  params: PageParams<S>,
  specs: S,
  name: K,
  options: ParamSliderOptions,
  onChange: (value: number) => void,
): Slider {
  const spec = specs[name]!;
  if (spec.kind !== 'number') throw new Error(`paramSlider: parameter '${name}' is not a number.`);
  const format = options.format ?? (spec.integer === true ? String : undefined);
  const step = options.step ?? (spec.integer === true ? 1 : undefined);
  return new Slider({
    label: options.label,
    min: spec.min,
    max: spec.max,
    value: params.values[name] as number,
    ...(step === undefined ? {} : { step }),
    ...(options.scale === undefined ? {} : { scale: options.scale }),
    ...(format === undefined ? {} : { format }),
    ...(options.marks === undefined ? {} : { marks: options.marks }),
    testId: options.testId ?? name,
    onInput: (value) => {
      params.set(name, value as ParamValues<S>[K]);
      onChange(value);
    },
  });
}

/**
 * A select bound to a choice parameter: its options are the spec's values (labelled by
 * `labels`, else by the value), and each change writes the link and then calls `onChange`.
 */
export function paramSelect<S extends ParamSpecs, K extends NamesOfKind<S, 'choice'>>(
  params: PageParams<S>,
  specs: S,
  name: K,
  options: {
    readonly label: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly testId?: string;
  },
  onChange: (value: string) => void,
): Select {
  const spec = specs[name]!;
  if (spec.kind !== 'choice') throw new Error(`paramSelect: parameter '${name}' is not a choice.`);
  const choices: SelectOption[] = spec.values.map((value) => ({
    value,
    label: options.labels?.[value] ?? value,
  }));
  return new Select({
    label: options.label,
    options: choices,
    value: params.values[name] as string,
    testId: options.testId ?? name,
    onChange: (value) => {
      params.set(name, value as ParamValues<S>[K]);
      onChange(value);
    },
  });
}

/** A checkbox bound to a boolean parameter; each change writes the link and calls `onChange`. */
export function paramCheckbox<S extends ParamSpecs, K extends NamesOfKind<S, 'boolean'>>(
  params: PageParams<S>,
  name: K,
  options: { readonly label: string; readonly testId?: string },
  onChange: (checked: boolean) => void,
): Checkbox {
  return new Checkbox({
    label: options.label,
    checked: params.values[name] as boolean,
    testId: options.testId ?? name,
    onChange: (checked) => {
      params.set(name, checked as ParamValues<S>[K]);
      onChange(checked);
    },
  });
}

/** Controls bound to one page's parameters that all call the same `onChange` (see {@link bindParamControls}). */
export interface BoundParamControls<S extends ParamSpecs> {
  /** A {@link paramSlider} of this page. */
  slider(name: NamesOfKind<S, 'number'>, options: ParamSliderOptions): Slider;
  /** A {@link paramSelect} of this page. */
  select(
    name: NamesOfKind<S, 'choice'>,
    options: { readonly label: string; readonly labels?: Readonly<Record<string, string>> },
  ): Select;
  /** A {@link paramCheckbox} of this page. */
  checkbox(name: NamesOfKind<S, 'boolean'>, options: { readonly label: string }): Checkbox;
}

/**
 * The page's controls in one line each: `const control = bindParamControls(params, SPECS,
 * restart)`, then `control.slider('noise', { label: 'Noise', step: 0.01 })`. Every change
 * writes the link and calls `onChange` (e.g. restart the run).
 */
export function bindParamControls<S extends ParamSpecs>(
  params: PageParams<S>,
  specs: S,
  onChange: () => void,
): BoundParamControls<S> {
  return {
    slider: (name, options) => paramSlider(params, specs, name, options, onChange),
    select: (name, options) => paramSelect(params, specs, name, options, onChange),
    checkbox: (name, options) => paramCheckbox(params, name, options, onChange),
  };
}
