import { Rng } from '@deeptune/core';

/**
 * An `Rng` whose `int` and `nextFloat` return scripted values, so a test can force a given
 * shift or angle; it throws when the script runs out.
 */
export class ScriptedRng extends Rng {
  readonly #ints: number[];
  readonly #floats: number[];

  constructor(script: { ints?: number[]; floats?: number[] }) {
    super(0);
    this.#ints = [...(script.ints ?? [])];
    this.#floats = [...(script.floats ?? [])];
  }

  override int(n: number): number {
    const value = this.#ints.shift();
    if (value === undefined || value < 0 || value >= n) {
      throw new Error(`ScriptedRng.int(${n}): script exhausted or out of range (${value})`);
    }
    return value;
  }

  override nextFloat(): number {
    const value = this.#floats.shift();
    if (value === undefined) throw new Error('ScriptedRng.nextFloat: script exhausted');
    return value;
  }
}
