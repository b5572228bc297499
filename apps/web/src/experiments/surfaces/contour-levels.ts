/**
 * `count` log-spaced contour levels of a gap f − f* ≥ 0 between `lowest` and `highest`
 * (both > 0), ascending: costs span decades, so equal ratios show the valley's shape at
 * every scale.
 */
export function logLevels(lowest: number, highest: number, count: number): number[] {
  const low = Math.log10(lowest);
  const high = Math.log10(highest);
  const levels: number[] = [];
  for (let i = 0; i < count; i++) levels.push(10 ** (low + ((high - low) * i) / (count - 1)));
  return levels;
}

/**
 * The line segments where a grid of values crosses `level` (marching squares with linear
 * interpolation along cell edges). `values` is row-major, `columns` × `rows`, row 0 at the
 * top; segments are appended to `out` as x0, y0, x1, y1 in grid units (column, row).
 * Saddle cells (two opposite corners above) are resolved with the cell's centre value.
 */
export function marchingSquares(
  values: Float64Array,
  columns: number,
  rows: number,
  level: number,
  out: number[],
): void {
  for (let row = 0; row < rows - 1; row++) {
    for (let column = 0; column < columns - 1; column++) {
      const topLeft = values[row * columns + column]!;
      const topRight = values[row * columns + column + 1]!;
      const bottomRight = values[(row + 1) * columns + column + 1]!;
      const bottomLeft = values[(row + 1) * columns + column]!;
      const code =
        (topLeft > level ? 8 : 0) |
        (topRight > level ? 4 : 0) |
        (bottomRight > level ? 2 : 0) |
        (bottomLeft > level ? 1 : 0);
      if (code === 0 || code === 15) continue;
      // Crossing points on the four edges (only the ones used are meaningful).
      const topX = column + crossing(topLeft, topRight, level);
      const rightY = row + crossing(topRight, bottomRight, level);
      const bottomX = column + crossing(bottomLeft, bottomRight, level);
      const leftY = row + crossing(topLeft, bottomLeft, level);
      const right = column + 1;
      const bottom = row + 1;
      switch (code) {
        case 1:
        case 14:
          out.push(column, leftY, bottomX, bottom);
          break;
        case 2:
        case 13:
          out.push(bottomX, bottom, right, rightY);
          break;
        case 3:
        case 12:
          out.push(column, leftY, right, rightY);
          break;
        case 4:
        case 11:
          out.push(topX, row, right, rightY);
          break;
        case 6:
        case 9:
          out.push(topX, row, bottomX, bottom);
          break;
        case 7:
        case 8:
          out.push(column, leftY, topX, row);
          break;
        case 5:
        case 10: {
          const centre = (topLeft + topRight + bottomRight + bottomLeft) / 4;
          const centreAbove = centre > level;
          // code 5: top-right and bottom-left above; code 10: top-left and bottom-right above.
          if ((code === 5) === centreAbove) {
            out.push(column, leftY, topX, row);
            out.push(bottomX, bottom, right, rightY);
          } else {
            out.push(column, leftY, bottomX, bottom);
            out.push(topX, row, right, rightY);
          }
          break;
        }
      }
    }
  }
}

/** Where, between 0 and 1, the edge from a to b crosses the level. */
function crossing(a: number, b: number, level: number): number {
  const difference = b - a;
  return difference === 0 ? 0.5 : Math.min(1, Math.max(0, (level - a) / difference));
}
