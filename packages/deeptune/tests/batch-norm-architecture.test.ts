import { describe, expect, it } from 'vitest';
import {
  BatchNorm,
  Dense,
  Rng,
  Sequential,
  buildModel,
  createDefaultRegistry,
  describeModel,
  randn,
  type ModelArchitecture,
} from '../src/index.js';

function model(runningVariance: 'unbiased' | 'biased'): Sequential {
  const rng = new Rng(3);
  return new Sequential([
    new Dense({ inputs: 4, units: 3, useBias: false, rng, dtype: 'float64' }),
    new BatchNorm({ features: 3, runningVariance, dtype: 'float64' }),
  ]);
}

describe('BatchNorm in a saved architecture', () => {
  it('round-trips runningVariance through describeModel and buildModel', () => {
    const original = model('biased');
    original.forward(randn([8, 4], { rng: new Rng(4), dtype: 'float64' }));
    const architecture = describeModel(original);
    expect(architecture.layers[1]!.options).toMatchObject({ runningVariance: 'biased' });
    const weights = new Map(
      Object.entries(original.stateDict()).map(([key, t]) => [
        key,
        { shape: t.shape, dtype: t.dtype },
      ]),
    );
    const rebuilt = buildModel(JSON.parse(JSON.stringify(architecture)) as ModelArchitecture, {
      registry: createDefaultRegistry(),
      weights,
    });
    const batchNorm = rebuilt.layers[1] as BatchNorm;
    expect(batchNorm.runningVariance).toBe('biased');
    rebuilt.loadStateDict(original.stateDict());
    const inputs = randn([5, 4], { rng: new Rng(5), dtype: 'float64' });
    expect(Array.from(rebuilt.eval().forward(inputs).data)).toEqual(
      Array.from(original.eval().forward(inputs).data),
    );
  });

  it("saves the default 'unbiased' as before the option existed, and loads it back", () => {
    // Left out of architecture.json, so older versions of deeptune still load the model.
    const architecture = describeModel(model('unbiased'));
    expect(Object.keys(architecture.layers[1]!.options).sort()).toEqual([
      'dtype',
      'epsilon',
      'features',
      'runningAverageDecay',
    ]);
    const rebuilt = buildModel(architecture, { registry: createDefaultRegistry() });
    expect((rebuilt.layers[1] as BatchNorm).runningVariance).toBe('unbiased');
  });
});
