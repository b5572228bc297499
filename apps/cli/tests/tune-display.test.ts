import { describe, expect, it } from 'vitest';
import type { TrialRecord } from 'deeptune';
import { TuneDisplay, formatParam } from '../src/render/tune-display.js';
import { memoryIo } from './support/memory-io.js';

function record(number: number, value: number): TrialRecord {
  return {
    number,
    attempt: 1,
    state: 'complete',
    params: { lr: 0.00316, beta: 0.9968 },
    distributions: {},
    intermediate: [],
    value,
    reason: null,
    seconds: 1.25,
    attributes: {},
  };
}

const epoch = (n: number) => ({
  epoch: n,
  epochs: 3,
  value: 0.1,
  cost: 0.5,
  devCost: 0.4321,
  devError: 0.1,
  seconds: 0.2,
});

describe('TuneDisplay', () => {
  it("shows every running trial's epoch and dev cost on a terminal, redrawn in place", () => {
    const io = memoryIo({ isTTY: true, columns: 120 });
    const display = new TuneDisplay(io, 'dev-error', 4, 0);
    display.start(0, { lr: 0.01 });
    display.start(1, { lr: 0.1 });
    display.epoch(1, epoch(2));
    const out = io.stdout();
    expect(out).toContain(
      '  ▸ trial 0  epoch -  lr=0.01\n  ▸ trial 1  epoch -  lr=0.1\n  0/4 trials done\n',
    );
    display.finish(record(0, 0.05), 0);
    const after = io.stdout().slice(out.length);
    // The live block is erased (cursor up 3 lines, clear), the finished line printed, the block redrawn.
    expect(after.startsWith('\x1b[3F\x1b[J')).toBe(true);
    expect(after).toContain('trial 0  dev error 5.00 %  lr=0.00316 beta=0.9968  1.3 s\n');
    expect(after).toContain('  1/4 trials done, best dev error 5.00 % (trial 0)\n');
  });

  it('prints only finished trials when the output is not a terminal', () => {
    const io = memoryIo({ isTTY: false });
    const display = new TuneDisplay(io, 'dev-cost', 12, 3);
    display.start(4, { lr: 0.01 });
    display.epoch(4, epoch(1));
    display.finish(record(4, 0.2345), 4);
    expect(io.stdout()).toBe('trial  4  dev cost 0.2345  lr=0.00316 beta=0.9968  1.3 s\n');
  });

  it('formats β with enough digits to show 1 − β', () => {
    expect(formatParam(0.9968)).toBe('0.9968');
    expect(formatParam(0.9)).toBe('0.9');
    expect(formatParam(0.99)).toBe('0.990');
    expect(formatParam(0.0031622)).toBe('0.00316');
    expect(formatParam(128)).toBe('128');
    expect(formatParam('adam')).toBe('adam');
  });
});
