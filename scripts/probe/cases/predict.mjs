/**
 * `predict` inputs: CSV and JSON files of feature rows that are malformed, have the wrong
 * number of features, hold values that are not finite numbers, or are not files at all. An
 * input file that is wrong is a data error (exit 1); a path that does not exist or a missing
 * argument is a mistake on the command line (exit 2). The model takes 2 features.
 */
import { Buffer } from 'node:buffer';

/** `predict ../model <file>` with `content` written to `file` first (unless undefined). */
function inputCase(id, file, content, options = {}) {
  const { exit = 1, says = [file], setup, flags = [], ...rest } = options;
  return {
    id: `predict.input.${id}`,
    setup: (ctx) => {
      ctx.copyModel('../model');
      if (content !== undefined) ctx.write(file, content);
      setup?.(ctx);
    },
    args: ['predict', '../model', file, ...flags],
    exit,
    says,
    ...rest,
  };
}

const csv = (id, content, options) => inputCase(id, 'in.csv', content, options);
const json = (id, content, options) => inputCase(id, 'in.json', content, options);

export const predictCases = [
  // Inputs that must be accepted.
  csv('accept-csv', '0.5,0.25\n-1,2\n', { exit: 0, says: [] }),
  csv('accept-header', 'x1,x2\n0.5,0.25\n', { exit: 0, says: [] }),
  csv('accept-crlf', '0.5,0.25\r\n-1,2\r\n', { exit: 0, says: [] }),
  csv('accept-bom', '\uFEFFx1,x2\n0.5,0.25\n', { exit: 0, says: [] }),
  json('accept-json', '[[0.5, 0.25], [-1, 2]]\n', { exit: 0, says: [] }),

  // CSV that is not rows of two numbers.
  csv('csv-empty', ''),
  csv('csv-whitespace', '\n \n\t\n'),
  csv('csv-header-only', 'x1,x2\n'),
  csv('csv-three-columns', '1,2,3\n4,5,6\n', { exit: [1, 2], says: ['in.csv', '3'] }),
  csv('csv-one-column', '1\n2\n', { exit: [1, 2], says: ['in.csv'] }),
  csv('csv-ragged', '1,2\n3\n', { says: ['in.csv', 'line 2'] }),
  csv('csv-nan', '1,2\nNaN,3\n', { says: ['in.csv', 'NaN'] }),
  csv('csv-infinity', '1,Infinity\n', { says: ['in.csv', 'Infinity'] }),
  csv('csv-1e400', '1e400,1\n', { says: ['in.csv', '1e400'] }),
  csv('csv-empty-cell', '1,\n', { says: ['in.csv'] }),
  csv('csv-text-cell', '0.5,0.2\n1,abc\n', { says: ['in.csv', 'abc'] }),
  csv('csv-hex', '0x10,1\n', { says: ['in.csv', '0x10'] }),
  csv('csv-mixed-header', 'x1,0.5\n1,2\n', { says: ['in.csv'] }),
  csv('csv-no-header-flag-with-names', 'x1,x2\n1,2\n', {
    flags: ['--no-header'],
    says: ['in.csv', 'x1'],
  }),
  csv('csv-unclosed-quote', '"1,2\n', { says: ['in.csv'] }),
  csv('csv-binary', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 37) % 256))),
  inputCase('csv-huge-line-50mb', 'in.csv', undefined, {
    setup: (ctx) => ctx.huge('in.csv', '', '\n', '1'),
    exit: [1, 2],
  }),

  // JSON that is not an array of rows of two numbers.
  json('json-invalid', '[[1, 2],'),
  json('json-object', '{ "rows": [[1, 2]] }\n'),
  json('json-flat-array', '[1, 2]\n'),
  json('json-cells-arrays', '[[[1], [2]]]\n'),
  json('json-strings', '[["1", "2"]]\n'),
  json('json-null-cell', '[[null, 1]]\n', { allow: ['got null'] }),
  json('json-empty-array', '[]\n'),
  json('json-1e400', '[[1e400, 1]]\n', { says: ['in.json'] }),
  json('json-three-features', '[[1, 2, 3]]\n', { exit: [1, 2], says: ['in.json', '3'] }),
  json('json-deep-nesting', `${'['.repeat(200_000)}${']'.repeat(200_000)}`, { exit: [1, 2] }),
  json('json-proto', '{ "__proto__": [[1, 2]] }\n'),

  // Paths that are not input files, and missing arguments.
  inputCase('fifo', 'in.csv', undefined, { setup: (ctx) => ctx.fifo('in.csv') }),
  inputCase('dev-zero', '/dev/zero', undefined),
  inputCase('symlink-dev-zero', 'in.csv', undefined, {
    setup: (ctx) => ctx.symlink('in.csv', '/dev/zero'),
  }),
  inputCase('directory', 'in.csv', undefined, { setup: (ctx) => ctx.mkdir('in.csv') }),
  inputCase('missing', 'nope.csv', undefined, { exit: 2 }),
  {
    id: 'predict.input.argument-missing',
    setup: (ctx) => ctx.copyModel('../model'),
    args: ['predict', '../model'],
    exit: 2,
    says: ['input'],
  },
  {
    id: 'predict.input.argument-extra',
    setup: (ctx) => {
      ctx.copyModel('../model');
      ctx.write('in.csv', '1,2\n');
    },
    args: ['predict', '../model', 'in.csv', 'more.csv'],
    exit: 2,
    says: ['more.csv'],
  },
];
