import type { Command } from '../command.js';
import { diagnoseCommand } from './diagnose.js';
import { evaluateCommand } from './evaluate.js';
import { gradcheckCommand } from './gradcheck.js';
import { pluginsCommand } from './plugins.js';
import { predictCommand } from './predict.js';
import { trainCommand } from './train.js';
import { tuneCommand } from './tune.js';

/** Every `deeptune` command, in help order. */
export const COMMANDS: readonly Command[] = [
  trainCommand,
  tuneCommand,
  evaluateCommand,
  predictCommand,
  gradcheckCommand,
  diagnoseCommand,
  pluginsCommand,
];
