import { DataFormatError, type StudyHeaderEvent } from 'deeptune';
import type { FlagValue } from '../args/flag.js';
import { parseFlagValue } from '../args/parse-value.js';
import type { PluginOptionInput } from '../args/plugin-option-input.js';
import { UsageError } from '../cli-error.js';
import type { TuneObjective } from './run-trial.js';
import { TRIAL_FLAGS } from './trial-flags.js';
import type { RunSettings } from './trial-settings.js';

/**
 * The train flags of the base run as JSON, recorded in the study's header: a resume is
 * checked against them, and a worker that joins the study trains its trials with them.
 */
export function recordedSettings(
  base: RunSettings,
  objective: TuneObjective,
): Record<string, unknown> {
  const values: Record<string, FlagValue> = {};
  for (const flag of TRIAL_FLAGS) {
    const value = base.values.get(flag.name);
    if (value !== undefined && flag.name !== 'seed') values[flag.name] = value;
  }
  return {
    objective,
    values,
    explicit: [...base.explicit]
      .filter((name) => name !== 'seed' && TRIAL_FLAGS.some((flag) => flag.name === name))
      .sort(),
    pluginOptions: Object.fromEntries(
      [...base.pluginOptions]
        .filter(([path]) => !path.startsWith('sampler.') && !path.startsWith('pruner.'))
        .map(([path, input]) => [path, input.value]),
    ),
  };
}

/** A stored study's base run, as a worker that joins it trains its trials. */
export interface StudyRun {
  /** The base run's flags (the study seed as `--seed`). */
  readonly base: RunSettings;
  /** What its trials are judged on. */
  readonly objective: TuneObjective;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The base run recorded in a study's header by `deeptune tune`, checked flag by flag (the
 * study seed as `--seed`); undefined for a study made by code of your own.
 *
 * @throws {@link DataFormatError} naming `where` when a recorded flag is unknown or its value
 * is not one the flag takes.
 */
export function recordedBase(header: StudyHeaderEvent, where: string): RunSettings | undefined {
  const { settings } = header;
  if (
    !isRecord(settings.values) ||
    !Array.isArray(settings.explicit) ||
    !isRecord(settings.pluginOptions)
  ) {
    return undefined; // a study made by code, not by deeptune tune
  }
  const values = new Map<string, FlagValue>();
  for (const [name, raw] of Object.entries(settings.values)) {
    const flag = TRIAL_FLAGS.find((candidate) => candidate.name === name);
    if (flag === undefined)
      throw new DataFormatError(`${where}: the study's settings name an unknown flag '${name}'`);
    try {
      values.set(name, parseFlagValue(flag, raw, `${where}: settings '${name}'`, false));
    } catch (error) {
      throw new DataFormatError((error as Error).message);
    }
  }
  values.set('seed', header.seed);
  const pluginOptions = new Map<string, PluginOptionInput>(
    Object.entries(settings.pluginOptions).map(([path, value]) => [
      path,
      { value, fromCommandLine: false, where: `${where}: settings '${path}'` },
    ]),
  );
  return { values, explicit: new Set(settings.explicit.map(String)), pluginOptions };
}

/**
 * The base run a study created by `deeptune tune` recorded ({@link recordedSettings}), for
 * a worker that joins it: flags this version does not know are refused rather than ignored.
 *
 * @throws {@link UsageError} when the study was not created by `deeptune tune` (a study of
 * code of your own has no training flags); {@link DataFormatError} when it holds a flag this
 * deeptune does not have, or a value the flag does not take.
 */
export function studyRun(header: StudyHeaderEvent, where: string): StudyRun {
  const objective = header.settings['objective'];
  const base = recordedBase(header, `study '${header.name}'`);
  if ((objective !== 'dev-error' && objective !== 'dev-cost') || base === undefined) {
    throw new UsageError(
      `${where}: study '${header.name}' was not created by deeptune tune (it records no training flags), so a worker cannot train its trials; run it with the code that created it`,
    );
  }
  return { base, objective };
}
