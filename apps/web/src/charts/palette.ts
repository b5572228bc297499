/** Class colours (colour-blind friendly, Okabe–Ito), as RGB triples. */
export const CLASS_COLORS: readonly (readonly [number, number, number])[] = [
  [0, 114, 178],
  [230, 159, 0],
  [0, 158, 115],
  [204, 121, 167],
  [86, 180, 233],
  [213, 94, 0],
  [240, 228, 66],
  [0, 0, 0],
];

/** Line colours for chart series. */
export const SERIES_COLORS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#7f7f7f',
  '#000000',
] as const;

/** The CSS colour of class `index`. */
export function classColor(index: number, alpha = 1): string {
  const [r, g, b] = CLASS_COLORS[index % CLASS_COLORS.length]!;
  return alpha === 1 ? `rgb(${r} ${g} ${b})` : `rgb(${r} ${g} ${b} / ${alpha})`;
}
