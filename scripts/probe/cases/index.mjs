/**
 * The catalogue of hostile, careless and bad inputs.
 *
 * A case is a plain object:
 *
 *   id              unique, dotted: `<area>.<what>`
 *   args            the CLI arguments, or `(ctx) => args` when they need the case's paths
 *   setup(ctx)      optional: writes the case's inputs (see CaseContext in ../fixtures.mjs);
 *                   the CLI runs with cwd = ctx.work, a fresh folder inside the case folder
 *   exit            the expected exit code, or an array of acceptable ones where the project's
 *                   rule allows either (e.g. a model and an input file that do not match)
 *   says            substrings (case-insensitive) the `deeptune: error:` line must contain
 *   allow           labels of leak checks that do not apply (e.g. 'got null' for a null value)
 *   beforeTraining  the refusal must come before training: no `epoch N` line on stdout
 *   mayChange       paths under the working folder the run may replace (e.g. a model it saves over)
 *   watch           extra absolute paths to snapshot (shallowly), e.g. '/'
 *   closeStdout     close the reading end of stdout at once (like `| head -1`, but deterministic)
 *   verify(ctx, run) optional: a reason string when something else is wrong
 *   skip(env)       optional: a reason to skip here (env.caseUser is the uid cases run as)
 *   rssTable        list the case in the table of evaluate peak RSS
 */
import { commandCases } from './commands.mjs';
import { configCases } from './config.mjs';
import { dataCases } from './data.mjs';
import { modelCases } from './model.mjs';
import { predictCases } from './predict.mjs';
import { saveOutputCases } from './save-output.mjs';
import { trainFlagCases } from './train-flags.mjs';

export const cases = [
  ...commandCases,
  ...trainFlagCases,
  ...dataCases,
  ...saveOutputCases,
  ...configCases,
  ...modelCases,
  ...predictCases,
];
