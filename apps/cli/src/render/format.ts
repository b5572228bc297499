/** A cost or other real number with 4 significant digits: `0.08912`, `1.234e-5`. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5))
    return value.toExponential(2);
  return Number(value.toPrecision(4)).toString();
}

/** A fraction as a percentage with two decimals: `0.9741` → `'97.41 %'`. */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)} %`;
}

/** A learning rate: `0.001` → `'1.00e-3'`. */
export function formatRate(value: number): string {
  const [mantissa, exponent] = value.toExponential(2).split('e');
  return `${mantissa}e${Number(exponent)}`;
}

/** A duration: `'42 s'`, `'3 min 05 s'`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')} s`;
}

/** An integer with thousands separators: `60000` → `'60,000'`. */
export function formatCount(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A plain-text table: the first row is the header; columns after the first are right-aligned.
 *
 * @param rows - the cells, row by row.
 * @returns the lines, joined with newlines, with a trailing newline.
 */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
        )
        .join('   ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}
