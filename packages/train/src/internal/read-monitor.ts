import type { TrainingLogs } from '@deeptune/core';

/**
 * Reads a monitored quantity from epoch logs: `'cost'`, `'dataCost'`,
 * `'regularizationCost'`, `'devCost'`, `'metrics.<name>'` or `'devMetrics.<name>'`;
 * `undefined` when the logs lack it.
 * @internal
 */
export function readMonitor(logs: TrainingLogs, monitor: string): number | undefined {
  if (monitor === 'cost' || monitor === 'dataCost' || monitor === 'regularizationCost') {
    return logs[monitor];
  }
  if (monitor === 'devCost') return logs.devCost;
  if (monitor.startsWith('metrics.')) return logs.metrics[monitor.slice('metrics.'.length)];
  if (monitor.startsWith('devMetrics.')) {
    return logs.devMetrics?.[monitor.slice('devMetrics.'.length)];
  }
  return undefined;
}

/**
 * Whether `monitor` names a quantity of the epoch logs.
 * @internal
 */
export function isMonitorName(monitor: unknown): monitor is string {
  return (
    typeof monitor === 'string' &&
    (['cost', 'dataCost', 'regularizationCost', 'devCost'].includes(monitor) ||
      /^(metrics|devMetrics)\.[a-z][a-z0-9-]*$/.test(monitor))
  );
}
