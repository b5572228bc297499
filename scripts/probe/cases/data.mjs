/**
 * Data named by --dataset: paths that are not data files, and CSV / MNIST files whose content
 * is wrong. A path that does not exist is a mistake on the command line (exit 2); a file that
 * exists but is not usable data is a data error (exit 1). Either way: one line naming the file.
 */
import { Buffer } from 'node:buffer';
import { blobCsv, blobRows, csvText, train, trainCsv } from '../fixtures.mjs';

/** The blob CSV with cell `column` of row `row` replaced by `value`. */
function withCell(row, column, value) {
  return blobCsv((cells, i) => {
    if (i === row) cells[column] = value;
    return cells;
  });
}

/** A CSV case: `content` as data.csv, `train --dataset csv:data.csv`, expected exit 1. */
function csvCase(id, content, { exit = 1, says = ['data.csv'], extra = [], ...rest } = {}) {
  return {
    id: `csv.${id}`,
    setup: (ctx) => ctx.write('data.csv', content),
    args: trainCsv(extra),
    exit,
    says,
    ...rest,
  };
}

/** The four MNIST IDX files, each holding `bytes`. */
function fakeMnist(ctx, bytes) {
  for (const name of [
    'train-images-idx3-ubyte',
    'train-labels-idx1-ubyte',
    't10k-images-idx3-ubyte',
    't10k-labels-idx1-ubyte',
  ]) {
    ctx.write(`mnist/${name}`, bytes);
  }
}

/** An IDX header claiming 60,000 images of 28 × 28 with no pixels after it. */
function idxHeaderOnly() {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x00000803, 0);
  header.writeUInt32BE(60000, 4);
  header.writeUInt32BE(28, 8);
  header.writeUInt32BE(28, 12);
  return header;
}

export const dataCases = [
  // Paths that are not CSV files.
  { id: 'dataset.csv-missing', args: trainCsv([], 'nope.csv'), exit: 2, says: ['nope.csv'] },
  {
    id: 'dataset.csv-dev-zero',
    args: train({ '--dataset': 'csv:/dev/zero', '--examples': null }),
    exit: 1,
    says: ['/dev/zero'],
  },
  {
    id: 'dataset.csv-etc-passwd',
    args: train({ '--dataset': 'csv:/etc/passwd', '--examples': null }),
    exit: 1,
    says: ['/etc/passwd'],
  },
  {
    id: 'dataset.csv-directory',
    setup: (ctx) => ctx.write('data.csv/inside.txt', 'x\n'),
    args: trainCsv(),
    exit: 1,
    says: ['data.csv'],
  },
  {
    id: 'dataset.csv-fifo',
    setup: (ctx) => ctx.fifo('data.csv'),
    args: trainCsv(),
    exit: 1,
    says: ['data.csv'],
  },
  {
    id: 'dataset.csv-symlink-loop',
    setup: (ctx) => ctx.symlink('data.csv', 'data.csv'),
    args: trainCsv(),
    exit: 1,
    says: ['data.csv'],
  },
  {
    id: 'dataset.csv-symlink-dev-zero',
    setup: (ctx) => ctx.symlink('data.csv', '/dev/zero'),
    args: trainCsv(),
    exit: 1,
    says: ['data.csv'],
  },
  {
    id: 'dataset.csv-unreadable',
    setup: (ctx) => ctx.write('data.csv', blobCsv(), 0o000),
    args: trainCsv(),
    exit: 1,
    says: ['data.csv'],
    skip: (env) => (env.caseUser === 0 ? 'runs as root: mode 000 does not stop reads' : undefined),
  },
  {
    id: 'dataset.examples-with-csv',
    setup: (ctx) => ctx.write('data.csv', blobCsv()),
    args: train({ '--dataset': 'csv:data.csv', '--examples': '10' }),
    exit: 2,
    says: ['--examples'],
  },

  // MNIST directories.
  {
    id: 'dataset.mnist-empty-dir',
    setup: (ctx) => ctx.mkdir('emptydir'),
    args: train({ '--dataset': 'mnist:emptydir' }),
    exit: [1, 2],
    says: ['emptydir'],
  },
  {
    id: 'dataset.mnist-missing-dir',
    args: train({ '--dataset': 'mnist:nodir' }),
    exit: 2,
    says: ['nodir'],
  },
  {
    id: 'dataset.mnist-dev-zero',
    args: train({ '--dataset': 'mnist:/dev/zero' }),
    exit: [1, 2],
    says: ['/dev/zero'],
  },
  {
    id: 'dataset.mnist-garbage-files',
    setup: (ctx) => fakeMnist(ctx, Buffer.from('this is not an IDX file at all')),
    args: train({ '--dataset': 'mnist:mnist' }),
    exit: 1,
    says: ['mnist'],
  },
  {
    id: 'dataset.mnist-truncated-files',
    setup: (ctx) => fakeMnist(ctx, idxHeaderOnly()),
    args: train({ '--dataset': 'mnist:mnist' }),
    exit: 1,
    says: ['mnist'],
  },
  {
    id: 'dataset.mnist-examples-above-60000',
    args: train({ '--dataset': 'mnist', '--examples': '70000' }),
    exit: 2,
    says: ['--examples', '70000'],
  },
  {
    id: 'dataset.mnist-split-with-test',
    args: train({ '--dataset': 'mnist', '--split': '0.5,0.2,0.3' }),
    exit: 2,
    says: ['--split'],
  },

  // CSV contents that are usable and must be accepted.
  csvCase('accept-baseline', blobCsv(), { exit: 0, says: [] }),
  csvCase('accept-crlf', csvText('x1,x2,label', blobRows(), '\r\n'), { exit: 0, says: [] }),
  csvCase(
    'accept-bom',
    `\uFEFF${csvText(
      'label,x1,x2',
      blobRows().map(([x1, x2, label]) => [label, x1, x2]),
    )}`,
    { exit: 0, says: [] },
  ),

  // Numbers that are not finite, or not representable in the dtype.
  csvCase('cell-1e400', withCell(5, 0, '1e400'), { says: ['data.csv', '1e400'] }),
  csvCase('cell-nan', withCell(5, 0, 'NaN'), { says: ['data.csv', 'NaN'] }),
  csvCase('cell-infinity', withCell(5, 1, 'Infinity'), { says: ['data.csv', 'Infinity'] }),
  csvCase('cell-minus-infinity', withCell(5, 1, '-Infinity'), { says: ['data.csv'] }),
  csvCase('cell-1e300-float32', withCell(5, 0, '1e300'), {
    extra: ['--dtype', 'float32'],
    says: ['data.csv', '1e300'],
  }),
  csvCase('cell-empty', withCell(5, 0, ''), { says: ['data.csv'] }),
  csvCase('cell-text', withCell(5, 0, 'abc'), { says: ['data.csv', 'abc'] }),
  csvCase('cell-hex', withCell(5, 0, '0x1F'), { says: ['data.csv', '0x1F'] }),

  // Files that are not a table of examples.
  csvCase('empty-file', ''),
  csvCase('only-whitespace', '\n\n   \n'),
  csvCase('header-only', 'x1,x2,label\n'),
  csvCase('binary-garbage', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) % 256))),
  csvCase('semicolons', blobCsv().replaceAll(',', ';')),
  csvCase('duplicate-headers', blobCsv(undefined, 'x,x,label'), { says: ['data.csv', 'x'] }),
  csvCase('duplicate-label-headers', blobCsv(undefined, 'x1,label,label')),
  csvCase('proto-header', blobCsv(undefined, '__proto__,x2,label'), { exit: [0, 1] }),
  csvCase('constructor-header', blobCsv(undefined, 'constructor,x2,label'), { exit: [0, 1] }),
  csvCase('proto-label-column', blobCsv(undefined, 'x1,x2,__proto__'), {
    exit: [0, 1],
    extra: ['--label-column', '__proto__'],
  }),
  csvCase('label-column-missing', blobCsv(undefined, 'x1,x2,y'), {
    exit: [1, 2],
    says: ['label'],
  }),
  csvCase('ragged-short-row', `${blobCsv()}1.0,2.0\n`, { says: ['data.csv'] }),
  csvCase('ragged-long-row', `${blobCsv()}1.0,2.0,0,9\n`, { says: ['data.csv'] }),
  csvCase('unclosed-quote', `${blobCsv()}"1.0,2.0,0\n`, { says: ['data.csv'] }),

  // Labels.
  csvCase(
    'one-class',
    blobCsv((row) => [row[0], row[1], '0']),
    { says: ['data.csv'] },
  ),
  csvCase('label-1000000', withCell(7, 2, '1000000'), { says: ['data.csv', '1000000'] }),
  csvCase('label-1e15', withCell(7, 2, '1e15'), { says: ['data.csv', '1e15'] }),
  csvCase('label-minus-one', withCell(7, 2, '-1'), { says: ['data.csv', '-1'] }),
  csvCase('label-half', withCell(7, 2, '0.5'), { says: ['data.csv', '0.5'] }),
  csvCase('label-empty', withCell(7, 2, ''), { says: ['data.csv'] }),
  csvCase(
    'label-names-without-class-name',
    blobCsv((row) => [row[0], row[1], ['setosa', 'versicolor', 'virginica'][Number(row[2])]]),
    { says: ['data.csv', 'setosa'] },
  ),
  csvCase(
    'label-names-accepted-with-class-name',
    blobCsv((row) => [row[0], row[1], ['setosa', 'versicolor', 'virginica'][Number(row[2])]]),
    { exit: 0, says: [], extra: ['--label-type', 'class-name'] },
  ),
];
