import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, DataFormatError, setLogger, type Logger } from '@deeptune/core';
import { parseCsv } from '../../src/index.js';
import type { CsvOptions } from '../../src/index.js';

/** Runs parseCsv and returns the DataFormatError it throws. */
function refused(text: string, options: CsvOptions): DataFormatError {
  try {
    parseCsv(text, { name: 'data.csv', ...options });
  } catch (error) {
    expect(DataFormatError.isInstance(error)).toBe(true);
    expect((error as DataFormatError).code).toBe('DATA_FORMAT');
    return error as DataFormatError;
  }
  throw new Error('expected a DataFormatError');
}

describe('parseCsv: non-finite values', () => {
  it('refuses a cell that overflows float64 (1e400), naming file, row and column', () => {
    const error = refused('x1,x2,y\n1,2,0\n3,1e400,1\n', { labelColumn: 'y' });
    expect(error.message).toContain(
      "data.csv row 3, column 'x2': '1e400' is beyond the range of float64",
    );
    expect(error.message).toContain('expected a finite number');
  });

  it('refuses a cell finite in float64 but infinite in float32 (1e300), unless dtype is float64', () => {
    const text = 'x1,x2,y\n1,-1e300,0\n3,4,1\n';
    const error = refused(text, { labelColumn: 'y' });
    expect(error.message).toContain(
      "data.csv row 2, column 'x2': '-1e300' is beyond the range of float32",
    );
    expect(error.message).toContain("Hint: use dtype 'float64'");
    const { dataset } = parseCsv(text, { labelColumn: 'y', dtype: 'float64' });
    expect(dataset.inputs.get(0, 1)).toBe(-1e300);
    // The largest finite float32 itself is accepted.
    expect(parseCsv('x,y\n3.4028234663852886e38,0\n1,1\n', { labelColumn: 'y' }).dataset.size).toBe(
      2,
    );
  });

  it('refuses NaN and Infinity written literally, in features and real-valued targets', () => {
    for (const cell of ['NaN', 'nan', '-inf', 'Infinity', '+INF']) {
      const error = refused(`x,y\n1,0\n${cell},1\n`, { labelColumn: 'y' });
      expect(error.message).toContain(
        `data.csv row 3, column 'x': expected a finite number, got '${cell}'`,
      );
    }
    const target = refused('x,price\n1,NaN\n', { labelColumn: 'price', targets: 'real' });
    expect(target.message).toContain("row 2, column 'price': expected a finite number, got 'NaN'");
    const huge = refused('x,price\n1,1e39\n', { labelColumn: 'price', targets: 'real' });
    expect(huge.message).toContain("'1e39' is beyond the range of float32");
  });
});

describe('parseCsv: degenerate labels', () => {
  let warnings: string[] = [];
  let previous: Logger | undefined;
  afterEach(() => {
    if (previous !== undefined) setLogger(previous);
    previous = undefined;
  });
  const captureWarnings = (): void => {
    warnings = [];
    previous = setLogger({ warn: (message) => warnings.push(message) });
  };

  it('refuses a single class index, naming file, label column and value', () => {
    const error = refused('x,label\n1,3\n2,3\n3,3\n', { labelColumn: 'label' });
    expect(error.message).toContain(
      "data.csv, label column 'label': every one of the 3 rows has the label 3; a classifier needs at least two classes.",
    );
  });

  it('refuses a single class name', () => {
    const error = refused('x,species\n1,setosa\n2,setosa\n', {
      labelColumn: 'species',
      targets: 'class-name',
    });
    expect(error.message).toContain(
      "data.csv, label column 'species': every one of the 2 rows has the label 'setosa'",
    );
  });

  it('refuses sparse class indices (one stray label 1000000), naming the values', () => {
    const rows = ['0', '1', '0', '1', '1000000'].map((label, i) => `${i},${label}`).join('\n');
    const error = refused(`x,y\n${rows}\n`, { labelColumn: 'y' });
    expect(error.message).toContain(
      "data.csv, label column 'y': 3 distinct labels 0, 1, 1000000 for 1000001 classes; expected class indices 0 … k-1",
    );
    expect(error.message).toContain("Hint: targets: 'class-name' numbers the labels by name");
  });

  it('warns once through the logger when some indices are missing but at least half occur', () => {
    captureWarnings();
    const result = parseCsv('x,y\n1,0\n2,1\n3,3\n', { labelColumn: 'y', name: 'gap.csv' });
    expect(result.dataset.size).toBe(3);
    expect(warnings).toEqual([
      "gap.csv, label column 'y': class index 2 of 0 … 3 never occurs; the model gets 4 outputs, 1 of them for classes without examples. " +
        "Hint: if the labels are names rather than indices, use targets: 'class-name'.",
    ]);
    const many = Array.from(
      { length: 11 },
      (_, i) => `${i},${[0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 19][i]}`,
    );
    parseCsv(`x,y\n${many.join('\n')}\n`, { labelColumn: 'y', name: 'many.csv' });
    expect(warnings[1]).toContain('class indices 1, 3, 5, 7, 9 and 4 more of 0 … 19 never occur');
  });

  it('accepts any subset of classes when the number of classes is given', () => {
    const { dataset } = parseCsv('x,y\n1,3\n2,3\n', { labelColumn: 'y', classes: 10 });
    expect(Array.from(dataset.targets.data)).toEqual([3, 3]);
    expect(refused('x,y\n1,10\n', { labelColumn: 'y', classes: 10 }).message).toContain(
      "row 2, column 'y': expected a class index (an integer in [0, 9]), got '10'",
    );
    expect(() => parseCsv('x,y\n1,3\n', { labelColumn: 'y', classes: 0 })).toThrow(ConfigError);
    expect(() => parseCsv('x,y\n1,3\n', { labelColumn: 'y', targets: 'real', classes: 4 })).toThrow(
      /classes must be an integer in \[1, 2147483648\] and needs targets: 'class-index'/,
    );
    // A file mapped onto given class names may hold a single class.
    const named = parseCsv('x,s\n1,b\n', {
      labelColumn: 's',
      targets: 'class-name',
      classNames: ['a', 'b'],
    });
    expect(Array.from(named.dataset.targets.data)).toEqual([1]);
  });

  it('says to use class names when a class-index label column holds text', () => {
    const error = refused('a,species\n1,setosa\n2,virginica\n', { labelColumn: 'species' });
    expect(error.message).toBe(
      "data.csv row 2, column 'species': expected a class index (an integer in [0, 2147483647]), got the text 'setosa'. " +
        "Hint: for labels that are names, use targets: 'class-name' (--label-type class-name on the command line).",
    );
    // A regression target is still just "a number"; an empty label cell is a missing value.
    const real = refused('a,y\n1,high\n', { labelColumn: 'y', targets: 'real' });
    expect(real.message).toBe("data.csv row 2, column 'y': expected a number, got 'high'.");
    const empty = refused('a,y\n1,\n', { labelColumn: 'y' });
    expect(empty.message).toBe("data.csv row 2, column 'y': expected a number, got an empty cell.");
  });

  it('refuses a label of 1e15 or beyond 2^31 with the row, not a RangeError', () => {
    for (const label of ['1e15', '2147483648']) {
      const error = refused(`x,y\n1,0\n2,${label}\n`, { labelColumn: 'y', dtype: 'float64' });
      expect(error.message).toContain(
        `data.csv row 3, column 'y': expected a class index (an integer in [0, 2147483647]), got '${label}'`,
      );
    }
    expect(refused('x,y\n1,-1\n', { labelColumn: 'y' }).message).toContain("got '-1'");
    expect(refused('x,y\n1,16777217\n', { labelColumn: 'y' }).message).toContain(
      'the class index 16777217 is not exactly representable in float32',
    );
  });
});

describe('parseCsv: column names', () => {
  it('refuses a header naming a column twice, with both positions', () => {
    const error = refused('x,y,x,label\n1,2,3,0\n4,5,6,1\n', { labelColumn: 'label' });
    expect(error.message).toContain(
      "data.csv: the header names column 'x' twice, at positions 0 and 2 (0-based); expected distinct column names.",
    );
  });

  it("reads a '__proto__' feature column and a label column named 'constructor'", () => {
    const text = '__proto__,toString,constructor\n1,2,b\n3,4,a\n5,6,b\n';
    const result = parseCsv(text, { labelColumn: 'constructor', targets: 'class-name' });
    expect(result.featureNames).toEqual(['__proto__', 'toString']);
    expect(result.labelName).toBe('constructor');
    expect(result.classNames).toEqual(['a', 'b']);
    expect(result.dataset.inputs.toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(Array.from(result.dataset.targets.data)).toEqual([1, 0, 1]);
    const selected = parseCsv(text, {
      labelColumn: 'constructor',
      featureColumns: ['__proto__'],
      targets: 'class-name',
    });
    expect(selected.featureNames).toEqual(['__proto__']);
    expect(() => parseCsv(text, { labelColumn: 'hasOwnProperty' })).toThrow(
      "no column named 'hasOwnProperty'",
    );
    const numeric = parseCsv('__proto__,constructor\n1,0\n2,1\n', { labelColumn: 'constructor' });
    expect(Array.from(numeric.dataset.targets.data)).toEqual([0, 1]);
  });
});
