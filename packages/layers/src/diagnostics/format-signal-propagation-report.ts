import { formatShape } from '@deeptune/core';
import type { SignalPropagationReport } from './signal-propagation.js';

function scientific(value: number | null): string {
  if (value === null) return '—';
  if (!Number.isFinite(value)) return String(value);
  return value.toExponential(2);
}

/**
 * Formats a {@link SignalPropagationReport} as a table: one row per layer with the mean and
 * standard deviation of its activations and the norms of its output and weight gradients,
 * then the growth factors and the verdict.
 *
 * Read the `act. std` column top to bottom: it should stay within a small factor of the
 * first layer's. Read `‖∂J/∂A‖` bottom to top: it is the error signal travelling back
 * towards the input. A steady geometric trend in either column is the signature of
 * exploding (growing) or vanishing (shrinking) signals.
 *
 * @param report - what {@link diagnoseSignalPropagation} returned.
 * @returns a multi-line string.
 * @category Diagnostics
 *
 * @example
 * ```ts
 * console.log(formatSignalPropagationReport(diagnoseSignalPropagation(model, batch)));
 * // layer   type                   output     act. mean  act. std  ‖∂J/∂A‖   ‖∂J/∂W‖
 * // input                          [256, 64]  -3.08e-3   1.00e+0
 * // dense1  Dense(64 → 64, relu)   [256, 64]  5.65e-1    8.27e-1   …
 * ```
 */
export function formatSignalPropagationReport(report: SignalPropagationReport): string {
  const header = ['layer', 'type', 'output', 'act. mean', 'act. std', '‖∂J/∂A‖', '‖∂J/∂W‖'];
  const rows: string[][] = [
    header,
    [
      'input',
      '',
      formatShape(report.inputShape),
      scientific(report.inputMean),
      scientific(report.inputStd),
      '',
      '',
    ],
    ...report.layers.map((layer) => [
      layer.path,
      layer.description === '' ? layer.typeName : `${layer.typeName}(${layer.description})`,
      formatShape(layer.outputShape),
      scientific(layer.activationMean),
      scientific(layer.activationStd),
      scientific(layer.outputGradientNorm),
      scientific(layer.weightGradientNorm),
    ]),
  ];
  const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((width) => '─'.repeat(width)).join('  '));
  lines.push(
    `objective: ${report.objective} = ${scientific(report.objectiveValue)}`,
    `activation std, last / first layer: ×${scientific(report.activationGrowth)}; ` +
      `‖∂J/∂A‖, first / last layer: ×${scientific(report.gradientGrowth)}`,
    `verdict: ${report.verdict} (limit ×${report.growthLimit} either way)`,
  );
  return lines.join('\n');
}
