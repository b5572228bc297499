import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { ProgressRenderer } from '../src/render/progress-renderer.js';
import { memoryIo } from './support/memory-io.js';

const logs = { cost: 0.5, dataCost: 0.5, regularizationCost: 0, learningRate: 0.001, metrics: {} };

describe('ProgressRenderer', () => {
  it('draws a bar with ETA, running cost and learning rate on a terminal, then one line per epoch', () => {
    const io = memoryIo({ isTTY: true });
    const renderer = new ProgressRenderer(io);
    renderer.listener({ type: 'train-begin', epochs: 2, stepsPerEpoch: 4 });
    renderer.listener({ type: 'epoch-begin', epoch: 1, epochs: 2 });
    renderer.listener({ type: 'batch-end', epoch: 1, step: 1, batch: 1, stepsPerEpoch: 4, logs });
    renderer.listener({
      type: 'batch-end',
      epoch: 1,
      step: 2,
      batch: 2,
      stepsPerEpoch: 4,
      logs: { ...logs, cost: 0.3 },
    });
    renderer.listener({
      type: 'batch-end',
      epoch: 1,
      step: 4,
      batch: 4,
      stepsPerEpoch: 4,
      logs: { ...logs, cost: 0.2 },
    });
    const bars = io
      .stdout()
      .split('\r\x1b[2K')
      .filter((part) => part !== '');
    expect(bars[0]).toMatch(
      /^epoch 1 {2}\[#{6}\.{18}\] {2}1\/4 {2}ETA \S+ s {2}cost 0\.5 {2}lr 1\.00e-3$/,
    );
    // The last batch is always drawn; the running cost is the mean of the epoch's batch costs.
    expect(bars.at(-1)).toMatch(
      /^epoch 1 {2}\[#{24}\] {2}4\/4 {2}ETA 0\.0 s {2}cost 0\.3333 {2}lr 1\.00e-3$/,
    );
    renderer.listener({
      type: 'epoch-end',
      epochs: 2,
      record: {
        ...logs,
        epoch: 1,
        step: 4,
        seconds: 1.25,
        devCost: 0.4,
        metrics: { accuracy: 0.9 },
        devMetrics: { accuracy: 0.875 },
      },
    });
    expect(
      io
        .stdout()
        .endsWith(
          '\r\x1b[2Kepoch 1/2  cost 0.5  dev cost 0.4  train acc 90.00 %  dev acc 87.50 %  lr 1.00e-3  1.3 s\n',
        ),
    ).toBe(true);
  });

  it('writes only the epoch lines when stdout is not a terminal', async () => {
    const io = memoryIo({ isTTY: false });
    const code = await main(['train', '--dataset', 'xor', '--layers', '4', '--epochs', '2'], io);
    expect(code).toBe(0);
    expect(io.stdout()).not.toContain('\r');
    expect(io.stdout()).not.toContain('\x1b');
    expect(io.stdout()).not.toContain('ETA');
    expect(io.stdout().match(/^epoch \d\/2 {2}cost/gm)).toHaveLength(2);
  });

  it('draws bars in-process on a terminal', async () => {
    const io = memoryIo({ isTTY: true });
    expect(await main(['train', '--dataset', 'xor', '--layers', '4', '--epochs', '1'], io)).toBe(0);
    expect(io.stdout()).toContain('\r\x1b[2Kepoch 1  [');
    expect(io.stdout()).toMatch(/epoch 1 {2}\[#+\] {2}\d+\/\d+ {2}ETA/);
  });
});
