import { describe, expect, it } from 'vitest';
import { crossValidate } from './cross-validate.ts';
import { syntheticFrame } from './testing/synthetic.ts';

describe('crossValidate', () => {
  it('runs one fit per fold and averages the metrics', async () => {
    const result = await crossValidate(syntheticFrame('classification', 100, 3, 2), { target: 'target', modelType: 'logistic', folds: 4 });
    expect(result.task).toBe('classification');
    expect(result.folds).toHaveLength(4);
    expect(result.mean.accuracy).toBeGreaterThan(0.7);
    expect(result.std.accuracy).toBeGreaterThanOrEqual(0);
    expect(result.mean.confusion_matrix).toBeUndefined();
  });

  it('works for regression', async () => {
    const result = await crossValidate(syntheticFrame('regression', 60), { target: 'target', modelType: 'ridge', folds: 3 });
    expect(result.mean.r2).toBeGreaterThan(0.5);
  });
});
