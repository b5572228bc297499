import type { Command } from '../command.js';
import { diagnoseCommand } from './diagnose.js';
import { evaluateCommand } from './evaluate.js';
import { gradcheckCommand } from './gradcheck.js';
import { pluginsCommand } from './plugins.js';
import { predictCommand } from './predict.js';
import { trainCommand } from './train.js';

/** Every `deeptune` command, in help order. */
export const COMMANDS: readonly Command[] = [
  trainCommand,
  evaluateCommand,
  predictCommand,
  gradcheckCommand,
  diagnoseCommand,
  pluginsCommand,
];
