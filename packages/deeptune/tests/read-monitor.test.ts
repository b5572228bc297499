import { describe, expect, it } from 'vitest';
import { MONITOR_PATTERN, isMonitorName, readMonitor, type TrainingLogs } from '../src/index.js';

const logs: TrainingLogs = {
  cost: 0.5,
  dataCost: 0.4,
  regularizationCost: 0.1,
  devCost: 0.6,
  metrics: { accuracy: 0.9, 'error-rate': 0.1 },
  devMetrics: { accuracy: 0.8 },
  learningRate: 0.01,
};

describe('readMonitor', () => {
  it.each([
    ['cost', 0.5],
    ['dataCost', 0.4],
    ['regularizationCost', 0.1],
    ['devCost', 0.6],
    ['metrics.accuracy', 0.9],
    ['metrics.error-rate', 0.1],
    ['devMetrics.accuracy', 0.8],
  ])('reads %s from epoch logs', (monitor, value) => {
    expect(readMonitor(logs, monitor)).toBe(value);
  });

  it('gives undefined for a quantity the logs lack or a name it does not know', () => {
    const { devCost: _devCost, devMetrics: _devMetrics, ...withoutDev } = logs;
    expect(readMonitor(withoutDev, 'devCost')).toBeUndefined();
    expect(readMonitor(withoutDev, 'devMetrics.accuracy')).toBeUndefined();
    expect(readMonitor(logs, 'metrics.loss')).toBeUndefined();
    expect(readMonitor(logs, 'val_loss')).toBeUndefined();
  });
});

describe('isMonitorName', () => {
  it('accepts exactly the names MONITOR_PATTERN describes', () => {
    for (const name of ['cost', 'devCost', 'metrics.accuracy', 'devMetrics.error-rate']) {
      expect(isMonitorName(name)).toBe(true);
      expect(MONITOR_PATTERN.test(name)).toBe(true);
    }
    for (const name of ['accuracy', 'val_loss', 'metrics.', 'devMetrics.Accuracy', 42]) {
      expect(isMonitorName(name)).toBe(false);
    }
  });
});
