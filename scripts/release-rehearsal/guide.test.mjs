// Tests of the guide convention: node --test scripts/release-rehearsal/
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractGuide, flagValue, splitWords } from './guide.mjs';

const fence = '```';

describe('extractGuide', () => {
  it('reads file= blocks verbatim and sh lines as commands, in order', () => {
    const guide = [
      '# Guide',
      `${fence}json file=package.json`,
      '{ "type": "module" }',
      fence,
      `${fence}ts`,
      'const shown = "only to read";',
      fence,
      `${fence}js file="src/lion.mjs"`,
      '  indented();',
      '',
      fence,
      `${fence}sh`,
      '# install',
      'npm install',
      '',
      '$ npx deeptune train --plugin ./src/lion.mjs \\',
      '    --save models/lion',
      fence,
      `${fence}sh no-run`,
      'rm -rf /',
      fence,
    ].join('\n');
    const { files, commands } = extractGuide(guide);
    assert.deepEqual(
      files.map(({ name, language, content, line }) => ({ name, language, content, line })),
      [
        { name: 'package.json', language: 'json', content: '{ "type": "module" }\n', line: 2 },
        { name: 'src/lion.mjs', language: 'js', content: '  indented();\n\n', line: 8 },
      ],
    );
    assert.deepEqual(commands, [
      { command: 'npm install', line: 14 },
      { command: 'npx deeptune train --plugin ./src/lion.mjs --save models/lion', line: 16 },
    ]);
  });

  it('finds nothing in a guide without such blocks', () => {
    assert.deepEqual(extractGuide(`text\n${fence}ts\nconst a = 1;\n${fence}\n`), {
      files: [],
      commands: [],
    });
  });

  it('refuses unsafe, repeated and unterminated blocks', () => {
    assert.throws(() => extractGuide(`${fence}js file=../x.mjs\n${fence}`), /relative path/);
    assert.throws(() => extractGuide(`${fence}js file=/etc/x\n${fence}`), /relative path/);
    assert.throws(
      () => extractGuide(`${fence}js file=a.mjs\n${fence}\n${fence}js file=a.mjs\n${fence}`),
      /already given at line 1/,
    );
    assert.throws(() => extractGuide(`${fence}sh\nnpm install\n`), /never closed/);
  });
});

describe('flagValue', () => {
  it('reads --flag value, --flag=value and quoted values', () => {
    assert.equal(flagValue('deeptune train --save models/a', 'save'), 'models/a');
    assert.equal(flagValue('deeptune train --save=models/b --x', 'save'), 'models/b');
    assert.equal(flagValue('deeptune train --save "my models/c"', 'save'), 'my models/c');
    assert.equal(flagValue('deeptune train', 'save'), undefined);
    assert.deepEqual(splitWords(`a 'b c' d\\ e`), ['a', 'b c', 'd e']);
  });
});
