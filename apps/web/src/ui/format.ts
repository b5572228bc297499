/** Formats a number for display: 4 significant digits, `—` for missing, words for non-finite. */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '—';
  if (Number.isNaN(value)) return 'NaN (diverged)';
  if (!Number.isFinite(value)) return value > 0 ? '+∞ (diverged)' : '−∞ (diverged)';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  // 1.00e-5 → 1e-5, 2.50e+6 → 2.5e+6: no trailing zeros in the mantissa.
  if (magnitude >= 1e5 || magnitude < 1e-4) {
    return value.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  }
  return String(Number(value.toPrecision(digits)));
}

/** Formats a fraction as a percentage with one decimal: `0.1234` → `12.3 %`. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return formatNumber(value);
  return `${(value * 100).toFixed(1)} %`;
}
