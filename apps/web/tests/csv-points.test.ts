import { describe, expect, it } from 'vitest';
import { parsePointsCsv } from '../src/experiments/classifier/csv-points.js';

function rows(count: number, label: (i: number) => string, header = 'x1,x2,label'): string {
  const lines = [header];
  for (let i = 0; i < count; i++) lines.push(`${i},${i / 2},${label(i)}`);
  return lines.join('\n');
}

describe('parsePointsCsv', () => {
  it('reads two features and a named label column; names become class indices in sorted order', () => {
    const points = parsePointsCsv(
      rows(12, (i) => (i % 3 === 0 ? 'dog' : 'cat')),
      'pets.csv',
    );
    expect(points.classNames).toEqual(['cat', 'dog']);
    expect(points.classes).toBe(2);
    expect(points.labels.slice(0, 4)).toEqual([1, 0, 0, 1]);
    expect(points.inputs.slice(0, 6)).toEqual([0, 0, 1, 0.5, 2, 1]);
  });

  it('finds a label column called class anywhere', () => {
    const text = ['class,a,b', ...Array.from({ length: 10 }, (_, i) => `${i % 2},${i},${-i}`)].join(
      '\n',
    );
    const points = parsePointsCsv(text, 'c.csv');
    expect(points.labels).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(points.inputs.slice(0, 4)).toEqual([0, 0, 1, -1]);
  });

  it('names the file and the problem', () => {
    expect(() => parsePointsCsv('x1,x2\n1,2\n', 'two.csv')).toThrow(
      'two.csv: expected a header with 3 columns (x, y and a label, e.g. "x1,x2,label"), got 2 columns: "x1,x2".',
    );
    expect(() =>
      parsePointsCsv(
        rows(5, (i) => String(i % 2)),
        'few.csv',
      ),
    ).toThrow('few.csv: expected 10 to 5000 points, got 5.');
    expect(() =>
      parsePointsCsv(
        rows(20, (i) => `k${i % 9}`),
        'many.csv',
      ),
    ).toThrow('many.csv: expected at most 8 classes, got 9.');
    expect(() => parsePointsCsv(`${rows(12, (i) => String(i % 2))}\n3,oops,1`, 'typo.csv')).toThrow(
      "typo.csv row 14, column 'x2': expected a number, got 'oops'.",
    );
  });

  it('refuses a binary file as not text instead of echoing its bytes', () => {
    const bytes = new TextDecoder().decode(
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0xff, 0x00]),
    );
    expect(() => parsePointsCsv(bytes, 'image.csv')).toThrow(
      'image.csv: does not look like a CSV text file (it holds bytes that are not UTF-8 text); expected lines such as "x1,x2,label".',
    );
  });
});
