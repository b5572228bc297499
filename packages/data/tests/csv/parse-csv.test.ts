import { ConfigError, DataFormatError } from '@deeptune/core';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/index.js';

const text = 'x1,x2,x3,y\n0.5,1,2,1\n-1.5,2e-1,3,0\n';

describe('parseCsv', () => {
  it('reads features and class-index labels from a file with a header', () => {
    const { dataset, featureNames, labelName } = parseCsv(text, { labelColumn: 'y' });
    expect(dataset.inputs.shape).toEqual([2, 3]);
    expect(Array.from(dataset.inputs.data)).toEqual([0.5, 1, 2, -1.5, 0.2, 3].map(Math.fround));
    expect(Array.from(dataset.targets.data)).toEqual([1, 0]);
    expect(featureNames).toEqual(['x1', 'x2', 'x3']);
    expect(labelName).toBe('y');
  });

  it('reads columns by position without a header, with quotes and CRLF', () => {
    const { dataset } = parseCsv('"1",2,0\r\n3,"4",1\r\n', {
      header: false,
      labelColumn: 2,
      dtype: 'float64',
    });
    expect(dataset.inputs.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('selects feature columns and maps class names to sorted indices', () => {
    const csv = 'a,b,species\n1,2,virginica\n3,4,setosa\n5,6,virginica\n';
    const result = parseCsv(csv, {
      labelColumn: 'species',
      featureColumns: ['b'],
      targets: 'class-name',
    });
    expect(result.classNames).toEqual(['setosa', 'virginica']);
    expect(Array.from(result.dataset.targets.data)).toEqual([1, 0, 1]);
    expect(result.dataset.inputs.shape).toEqual([3, 1]);
  });

  it('maps labels onto given class names, so a file lacking a class keeps the indices', () => {
    const csv = 'a,species\n1,virginica\n2,setosa\n';
    const names = ['setosa', 'versicolor', 'virginica'];
    const result = parseCsv(csv, {
      labelColumn: 'species',
      targets: 'class-name',
      classNames: names,
    });
    expect(result.classNames).toEqual(names);
    expect(Array.from(result.dataset.targets.data)).toEqual([2, 0]);
    expect(() =>
      parseCsv('a,species\n1,setosa\n2,iris\n', {
        labelColumn: 'species',
        targets: 'class-name',
        classNames: names,
        name: 'new.csv',
      }),
    ).toThrow(
      "new.csv row 3, column 'species': unknown class 'iris'; expected one of 'setosa', 'versicolor', 'virginica'.",
    );
    expect(() => parseCsv(csv, { labelColumn: 'species', classNames: names })).toThrow(
      /classNames must be a non-empty list of distinct strings and needs targets: 'class-name'/,
    );
    expect(() =>
      parseCsv(csv, { labelColumn: 'species', targets: 'class-name', classNames: ['a', 'a'] }),
    ).toThrow(ConfigError);
  });

  it('reads real-valued targets as [m, 1]', () => {
    const { dataset } = parseCsv('x,price\n1,2.5\n2,3.5\n', {
      labelColumn: 'price',
      targets: 'real',
    });
    expect(dataset.targets.shape).toEqual([2, 1]);
  });

  it('names the row and column of a value that is not a number', () => {
    const bad = 'x1,x2,x3,y\n' + '1,2,3,0\n'.repeat(15) + '1,2,abc,1\n';
    const call = () => parseCsv(bad, { labelColumn: 'y', name: 'data.csv' });
    expect(call).toThrow(DataFormatError);
    expect(call).toThrow("data.csv row 17, column 'x3': expected a number, got 'abc'");
  });

  it('rejects empty cells and non-decimal numbers', () => {
    expect(() => parseCsv('x,y\n,1\n', { labelColumn: 'y' })).toThrow(/got an empty cell/);
    expect(() => parseCsv('x,y\n0x10,1\n', { labelColumn: 'y' })).toThrow(/got '0x10'/);
    expect(() => parseCsv('x,y\nInfinity,1\n', { labelColumn: 'y' })).toThrow(
      /expected a finite number, got 'Infinity'/,
    );
  });

  it('lists the columns when the label column is missing', () => {
    const call = () => parseCsv(text, { labelColumn: 'label' });
    expect(call).toThrow(DataFormatError);
    expect(call).toThrow(
      "no column named 'label' (labelColumn); the columns are 'x1', 'x2', 'x3', 'y'",
    );
  });

  it('rejects labels that are not class indices', () => {
    expect(() => parseCsv('x,y\n1,0.5\n', { labelColumn: 'y' })).toThrow(
      /row 2, column 'y': expected a class index/,
    );
  });

  it('reports malformed CSV with the parser message', () => {
    expect(() => parseCsv('x,y\n1,2\n3\n', { labelColumn: 'y' })).toThrow(/malformed CSV/);
  });

  it('validates its options', () => {
    expect(() => parseCsv(text, { labelColumn: 'y', delimiter: ';;' })).toThrow(ConfigError);
    expect(() => parseCsv(text, { labelColumn: 'y', header: false })).toThrow(/header is false/);
    expect(() => parseCsv('x,y\n', { labelColumn: 'y' })).toThrow(/no data rows/);
  });
});
