import { describe, expect, it } from 'vitest';
import { readParams } from '../src/app/url-params.js';
import {
  confusionCounts,
  createClassifierJob,
} from '../src/experiments/classifier/classifier-job.js';
import {
  SOFTMAX_PARAMS,
  gridCellAt,
  softmax,
  softmaxConfig,
} from '../src/pages/softmax/softmax-params.js';

async function runToEnd(query: string) {
  const { values, problems } = readParams(SOFTMAX_PARAMS, new URLSearchParams(query));
  expect(problems).toEqual([]);
  const config = softmaxConfig(values);
  const job = createClassifierJob(config);
  let snapshot = job.initial();
  const signal = new AbortController().signal;
  while (!job.done) snapshot = await job.step(signal);
  return { config, snapshot };
}

describe('softmax (hand computations)', () => {
  it('matches known softmax values and is shift-invariant', () => {
    // e^1, e^2, e^3 over their sum.
    const p = softmax([1, 2, 3]);
    expect(p[0]).toBeCloseTo(0.09003057317038046, 15);
    expect(p[1]).toBeCloseTo(0.24472847105479764, 15);
    expect(p[2]).toBeCloseTo(0.6652409557748219, 15);
    expect(softmax([1001, 1002, 1003])).toEqual(p);
    expect(softmax([0, 0, 0, 0])).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('finds the grid cell of a point', () => {
    const bounds = { xMin: -2, xMax: 2, yMin: -1, yMax: 3 };
    expect(gridCellAt(-2, 3, bounds, 4)).toEqual({ row: 0, column: 0 });
    expect(gridCellAt(0.1, 0.9, bounds, 4)).toEqual({ row: 2, column: 2 });
    expect(gridCellAt(2, -1, bounds, 4)).toEqual({ row: 3, column: 3 });
  });

  it('counts a confusion matrix by the first largest output', () => {
    const outputs = [0.1, 0.7, 0.2, 0.5, 0.5, 0, 0.2, 0.1, 0.7, 0.9, 0.05, 0.05];
    expect(confusionCounts(outputs, [1, 1, 2, 2], 3)).toEqual([
      [0, 0, 0],
      [1, 1, 0],
      [1, 0, 1],
    ]);
  });
});

describe('softmax page experiment (Node)', () => {
  it('maps the parameters to a classifier config with logits and confusion', () => {
    const { values } = readParams(
      SOFTMAX_PARAMS,
      new URLSearchParams('dataset=spirals&classes=5&layers=2&units=8'),
    );
    const config = softmaxConfig(values);
    expect(config.source).toEqual({
      kind: 'synthetic',
      name: 'spirals',
      m: 300,
      noise: 0.1,
      classes: 5,
      seed: 1,
    });
    expect(config.hiddenLayers).toEqual([8, 8]);
    expect(config.includeGridLogits).toBe(true);
    expect(config.includeDevConfusion).toBe(true);
  });

  it('gives grid probabilities that sum to 1 and equal a hand softmax of the logits', async () => {
    const { config, snapshot } = await runToEnd('classes=5&epochs=10&seed=3');
    const classes = 5;
    const cells = config.gridSize * config.gridSize;
    expect(snapshot.grid.length).toBe(cells * classes);
    expect(snapshot.gridLogits?.length).toBe(cells * classes);
    let worstSum = 0;
    let worstDifference = 0;
    for (let cell = 0; cell < cells; cell++) {
      const p = Array.from(snapshot.grid.subarray(cell * classes, (cell + 1) * classes));
      const z = Array.from(snapshot.gridLogits!.subarray(cell * classes, (cell + 1) * classes));
      const sum = p.reduce((a, b) => a + b, 0);
      worstSum = Math.max(worstSum, Math.abs(sum - 1));
      const hand = softmax(z);
      for (let c = 0; c < classes; c++)
        worstDifference = Math.max(worstDifference, Math.abs(hand[c]! - p[c]!));
    }
    expect(worstSum).toBeLessThan(1e-5);
    expect(worstDifference).toBeLessThan(1e-6);
    // The logits are not already probabilities: some are negative or above 1.
    expect(Array.from(snapshot.gridLogits!).some((z) => z < 0 || z > 1)).toBe(true);
  });

  it('has a dev confusion matrix that sums to the dev size with accuracy × m_dev on its diagonal', async () => {
    const { snapshot } = await runToEnd('dataset=spirals&classes=3&epochs=20&seed=2');
    const confusion = snapshot.devConfusion!;
    expect(confusion.length).toBe(3);
    const total = confusion.flat().reduce((a, b) => a + b, 0);
    expect(total).toBe(90); // 30 % of 300 points
    const diagonal = confusion[0]![0]! + confusion[1]![1]! + confusion[2]![2]!;
    expect(diagonal).toBe(Math.round((1 - snapshot.devError) * 90));
    expect(diagonal / 90).toBeCloseTo(1 - snapshot.devError, 12);
    // Each row sums to the dev points of that true class.
    const job = createClassifierJob(
      softmaxConfig(
        readParams(SOFTMAX_PARAMS, new URLSearchParams('dataset=spirals&classes=3&seed=2')).values,
      ),
    );
    const scene = job.initial().scene!;
    expect(scene.dev.labels.length).toBe(90);
    for (let c = 0; c < 3; c++) {
      const count = Array.from(scene.dev.labels).filter((label) => label === c).length;
      expect(confusion[c]!.reduce((a, b) => a + b, 0)).toBe(count);
    }
    // Better than chance after 20 epochs.
    expect(1 - snapshot.devError).toBeGreaterThan(1 / 3);
  });
});
