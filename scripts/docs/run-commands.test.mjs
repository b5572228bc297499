// Tests of the extraction of scripts/docs/run-commands.mjs (the CLI is not run):
//   node --test scripts/docs/run-commands.test.mjs
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  extractCommands,
  listParts,
  needsShell,
  placeholder,
  selectCommands,
  stripComment,
} from './run-commands.mjs';

const fence = '```';

/** The commands of a sample, as [line, command, skip] triples. */
function commandsOf(markdown, options) {
  return extractCommands(markdown, 'sample.md', options).commands.map((c) => [
    c.line,
    c.command,
    c.skip,
  ]);
}

describe('extractCommands: fenced blocks', () => {
  it('reads sh, bash and untagged blocks; drops prompts and comments; keeps the program', () => {
    const markdown = [
      '# Title', // 1
      `${fence}sh`, // 2
      '# a comment line', // 3
      'deeptune train --save models/mnist   # MNIST', // 4
      '$ npx deeptune evaluate models/mnist', // 5
      'npm install --save-dev @deeptune/cli', // 6: not a deeptune command
      fence, // 7
      `${fence}bash`, // 8
      'pnpm deeptune gradcheck --dataset moons', // 9
      'pnpm -w deeptune diagnose --train-error 0.1 --dev-error 0.2', // 10
      fence, // 11
      fence, // 12
      'deeptune plugins list optimizer', // 13
      fence, // 14
    ].join('\n');
    assert.deepEqual(commandsOf(markdown), [
      [4, 'deeptune train --save models/mnist', undefined],
      [5, 'npx deeptune evaluate models/mnist', undefined],
      [9, 'pnpm deeptune gradcheck --dataset moons', undefined],
      [10, 'pnpm -w deeptune diagnose --train-error 0.1 --dev-error 0.2', undefined],
      [13, 'deeptune plugins list optimizer', undefined],
    ]);
    const [first] = extractCommands(markdown, 'sample.md').commands;
    assert.equal(first.file, 'sample.md');
    assert.equal(first.args, 'train --save models/mnist');
    assert.equal(first.kind, 'block');
  });

  it('ignores other languages and file= blocks, and needs the prompt in console blocks', () => {
    const markdown = [
      `${fence}ts`,
      'deeptune train', // TypeScript, not a command
      fence,
      `${fence}text`,
      'deeptune train --epochs 1',
      fence,
      `${fence}sh file=run.sh`,
      'deeptune train --epochs 2',
      fence,
      `${fence}console`,
      '$ deeptune --version',
      'deeptune 0.1.0', // output
      fence,
      `${fence}sh`,
      'deeptune: error: not a command line (a colon, no space)',
      fence,
    ].join('\n');
    assert.deepEqual(commandsOf(markdown), [[11, 'deeptune --version', undefined]]);
  });

  it('joins continuation lines and splits shell lists', () => {
    const markdown = [
      `${fence}sh`,
      'npm ci && npx -y pnpm@12.4.2 deeptune train \\',
      '    --dataset moons   # two moons',
      'node apps/cli/dist/cli.js train --epochs 1; echo done',
      fence,
    ].join('\n');
    assert.deepEqual(commandsOf(markdown), [
      [2, 'npx -y pnpm@12.4.2 deeptune train --dataset moons', undefined],
      [4, 'node apps/cli/dist/cli.js train --epochs 1', undefined],
    ]);
  });

  it('skips placeholders and no-run blocks with the reason', () => {
    const markdown = [
      `${fence}sh`,
      'deeptune evaluate <model-dir>',
      'deeptune plugins list [kind]',
      'deeptune train …',
      'deeptune train --layers 8,8 --keep-prob 1,0.5',
      fence,
      `${fence}sh no-run`,
      'deeptune train --epochs 1000',
      fence,
    ].join('\n');
    assert.deepEqual(commandsOf(markdown), [
      [2, 'deeptune evaluate <model-dir>', 'placeholder <model-dir>'],
      [3, 'deeptune plugins list [kind]', 'placeholder [kind]'],
      [4, 'deeptune train …', 'placeholder …'],
      [5, 'deeptune train --layers 8,8 --keep-prob 1,0.5', undefined],
      [8, 'deeptune train --epochs 1000', 'a no-run block'],
    ]);
  });

  it('reads file= blocks with the release rehearsal convention', () => {
    const markdown = [
      'Create these files:',
      `${fence}js file=lion.mjs`,
      "import { option } from '@deeptune/core';",
      fence,
      `${fence}json file="config/run.json"`,
      '{ "epochs": 1 }',
      fence,
      `${fence}sh`,
      'deeptune train --plugin ./lion.mjs --config config/run.json',
      fence,
    ].join('\n');
    const { files, commands } = extractCommands(markdown, 'guide.md');
    assert.deepEqual(files, [
      {
        file: 'guide.md',
        line: 2,
        name: 'lion.mjs',
        content: "import { option } from '@deeptune/core';\n",
      },
      { file: 'guide.md', line: 5, name: 'config/run.json', content: '{ "epochs": 1 }\n' },
    ]);
    assert.deepEqual(
      commands.map((c) => c.command),
      ['deeptune train --plugin ./lion.mjs --config config/run.json'],
    );
  });
});

describe('extractCommands: inline code spans', () => {
  it('reads commands in the prose, also across a line break, in document order', () => {
    const markdown = [
      'Then `deeptune evaluate models/mnist` prints the table;', // 1
      `${fence}sh`, // 2
      'deeptune train --save models/mnist', // 3
      fence, // 4
      'One file serves several commands: `deeptune gradcheck', // 5
      '--config run.yaml` reads the network. The `deeptune` package.', // 6
    ].join('\n');
    assert.deepEqual(commandsOf(markdown), [
      [1, 'deeptune evaluate models/mnist', undefined],
      [3, 'deeptune train --save models/mnist', undefined],
      [5, 'deeptune gradcheck --config run.yaml', undefined],
    ]);
    assert.deepEqual(
      extractCommands(markdown, 'x.md').commands.map((c) => c.kind),
      ['inline', 'block', 'inline'],
    );
  });

  it('skips names in tables and headings, and can be turned off', () => {
    const markdown = [
      '## `deeptune train`',
      '| `deeptune plugins list` | lists plugins |',
      'Run `deeptune --help`.',
    ].join('\n');
    assert.deepEqual(commandsOf(markdown), [
      [1, 'deeptune train', 'a command name in a heading'],
      [2, 'deeptune plugins list', 'a command name in a table'],
      [3, 'deeptune --help', undefined],
    ]);
    assert.deepEqual(commandsOf(markdown, { inline: false }), []);
  });

  it('does not read spans inside fenced blocks', () => {
    const markdown = [`${fence}text`, 'see `deeptune train --epochs 1`', fence].join('\n');
    assert.deepEqual(commandsOf(markdown), []);
  });
});

describe('helpers', () => {
  it('stripComment drops a # after whitespace outside quotes', () => {
    assert.equal(stripComment('deeptune train   # note'), 'deeptune train');
    assert.equal(stripComment('deeptune train --name "a # b"'), 'deeptune train --name "a # b"');
    assert.equal(stripComment('deeptune train --tag a#b'), 'deeptune train --tag a#b');
  });

  it('placeholder tells runnable commands from templates', () => {
    assert.equal(placeholder('deeptune predict models/m rows.csv'), undefined);
    assert.equal(placeholder('deeptune <command> --help'), 'placeholder <command>');
    assert.equal(placeholder('deeptune train --lr-decay step:<epochs>'), 'placeholder <epochs>');
  });

  it('listParts splits lists, keeps pipelines', () => {
    assert.deepEqual(listParts('a && b --x "c && d"; e || f'), ['a', 'b --x "c && d"', 'e', 'f']);
    assert.deepEqual(listParts('deeptune train --save m | head -1'), [
      'deeptune train --save m | head -1',
    ]);
  });

  it('needsShell spots pipes, redirections and variables outside single quotes', () => {
    assert.equal(needsShell('deeptune train --save m | head -1'), true);
    assert.equal(needsShell('deeptune predict m rows.csv > out.csv'), true);
    assert.equal(needsShell('deeptune train --save "$HOME/m"'), true);
    assert.equal(needsShell("deeptune train --name 'a|b'"), false);
    assert.equal(needsShell('deeptune train --early-stopping patience=3 --lr 3e-4'), false);
  });

  it('selectCommands adds the command that saved the model an evaluate reads', () => {
    const markdown = [
      `${fence}sh`,
      'deeptune train --save models/a',
      'deeptune train --save models/b --epochs 1',
      'deeptune train --dataset moons',
      'deeptune evaluate models/b',
      fence,
    ].join('\n');
    const { commands } = extractCommands(markdown, 'x.md');
    const chosen = selectCommands(commands, ['evaluate']);
    assert.deepEqual(
      commands.filter((c) => chosen.has(c)).map((c) => c.command),
      ['deeptune train --save models/b --epochs 1', 'deeptune evaluate models/b'],
    );
    assert.equal(selectCommands(commands, []).size, commands.length);
  });
});
