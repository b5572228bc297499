/**
 * `--save` targets and closed output. A target that is not a model directory (the working
 * folder, its parent, /, an existing file or folder of something else) must be refused before
 * training, leaving it untouched; saving over a real model, into an empty folder or a new path
 * must work. A reader that goes away (`| head -1`) must not turn into a stack trace, and the
 * model must still be saved.
 */
import { existsSync, readFileSync } from 'node:fs';
import { blobCsv, train } from '../fixtures.mjs';

/** A reason when `dir` (relative to the working folder) does not hold a saved model. */
function modelSavedIn(dir, check = () => undefined) {
  return (ctx) => {
    for (const file of ['architecture.json', 'weights.safetensors', 'training.json']) {
      if (!existsSync(ctx.at(`${dir}/${file}`))) return `no model saved: ${dir}/${file} missing`;
    }
    return check(ctx);
  };
}

/** `train --save <target>` refused before training: exit 2, naming --save and the target. */
function refusedSave(id, target, { setup, says = [target], overrides = {}, ...rest } = {}) {
  const args = (save) => train({ ...overrides, '--save': save });
  return {
    id: `save.refused.${id}`,
    setup: (ctx) => {
      ctx.write('keep.txt', 'the working folder must survive\n');
      setup?.(ctx);
    },
    args: typeof target === 'function' ? (ctx) => args(target(ctx)) : args(target),
    exit: 2,
    says: ['--save', ...says],
    beforeTraining: true,
    ...rest,
  };
}

export const saveOutputCases = [
  refusedSave('dot', '.', { says: [] }),
  refusedSave('dot-slash', './', { says: [] }),
  refusedSave('dotdot', '..', { says: [] }),
  refusedSave('dir-dotdot-back', 'sub/..', { setup: (ctx) => ctx.mkdir('sub'), says: [] }),
  refusedSave('absolute-cwd', (ctx) => ctx.work, { says: [] }),
  refusedSave('root', '/', {
    says: [],
    watch: ['/'],
    skip: (env) => (env.caseUser === 0 ? 'runs as root: too dangerous to try' : undefined),
  }),
  refusedSave('empty', '', { says: [] }),
  refusedSave('existing-file', 'notes.txt', {
    setup: (ctx) => ctx.write('notes.txt', 'my notes: must survive\n'),
  }),
  refusedSave('non-model-dir', 'somedir', {
    setup: (ctx) => ctx.write('somedir/thesis.tex', 'must survive\n'),
  }),
  refusedSave('symlink-to-non-model-dir', 'link', {
    setup: (ctx) => {
      ctx.write('../elsewhere/precious.txt', 'must survive\n');
      ctx.symlink('link', '../elsewhere');
    },
  }),
  refusedSave('parent-is-file', 'blocker/x/y', {
    setup: (ctx) => ctx.write('blocker', 'a file, not a folder\n'),
    says: ['blocker'],
  }),
  refusedSave('read-only-parent', 'ro/model', {
    setup: (ctx) => ctx.mkdir('ro', 0o555),
    says: ['ro'],
    skip: (env) =>
      env.caseUser === 0 ? 'runs as root: chmod 555 does not stop writes' : undefined,
  }),
  refusedSave('its-own-dataset-file', 'data.csv', {
    setup: (ctx) => ctx.write('data.csv', blobCsv()),
    overrides: { '--dataset': 'csv:data.csv', '--examples': null },
  }),

  // Targets that must be accepted.
  {
    id: 'save.accept.over-model',
    setup: (ctx) => ctx.copyModel('m'),
    args: train({ '--save': 'm', '--epochs': '2' }),
    exit: 0,
    mayChange: ['m'],
    verify: modelSavedIn('m', (ctx) => {
      const epochs = JSON.parse(readFileSync(ctx.at('m/training.json'), 'utf8')).epochs;
      return epochs === 2 ? undefined : `m/training.json still says epochs ${epochs}`;
    }),
  },
  {
    id: 'save.accept.empty-dir',
    setup: (ctx) => ctx.mkdir('empty'),
    args: train({ '--save': 'empty' }),
    exit: 0,
    mayChange: ['empty'],
    verify: modelSavedIn('empty'),
  },
  {
    id: 'save.accept.new-nested-path',
    args: train({ '--save': 'new/a/b' }),
    exit: 0,
    verify: modelSavedIn('new/a/b'),
  },

  // Closed stdout, like `deeptune … | head -1`, with the reader gone before the first write.
  {
    id: 'output.train-save-closed-stdout',
    args: train({ '--save': 'm' }),
    closeStdout: true,
    exit: 0,
    verify: modelSavedIn('m'),
  },
  {
    id: 'output.train-json-closed-stdout',
    args: train({}, ['--json']),
    closeStdout: true,
    exit: 0,
  },
  {
    id: 'output.evaluate-closed-stdout',
    setup: (ctx) => ctx.copyModel(),
    args: ['evaluate', '../model'],
    closeStdout: true,
    exit: 0,
  },
  {
    id: 'output.predict-closed-stdout',
    setup: (ctx) => {
      ctx.copyModel();
      const rows = Array.from({ length: 20_000 }, (_, i) => `${(i % 7) / 3},${(i % 5) / 2}`);
      ctx.write('points.csv', `${rows.join('\n')}\n`);
    },
    args: ['predict', '../model', 'points.csv'],
    closeStdout: true,
    exit: 0,
  },
  {
    id: 'output.plugins-list-closed-stdout',
    args: ['plugins', 'list'],
    closeStdout: true,
    exit: 0,
  },
  {
    id: 'output.help-closed-stdout',
    args: ['train', '--help'],
    closeStdout: true,
    exit: 0,
  },
];
