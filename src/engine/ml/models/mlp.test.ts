import { describe, expect, it } from 'vitest';
import { accuracy, classificationData, r2, regressionData, sliceRows } from '../gbdt/test-data.ts';
import { MlpClassifier, MlpRegressor, mlpParamsSchema } from './mlp.ts';

describe('mlp', () => {
  it('has sklearn defaults', () => {
    expect(mlpParamsSchema.parse({})).toMatchObject({ hidden_layer_sizes: [100], activation: 'relu', alpha: 1e-4, batch_size: 'auto', max_iter: 200 });
  });

  it('regresses a smooth nonlinear target', async () => {
    const d = regressionData(1500, 4, 1, 0.05);
    const tr = sliceRows(d, 0, 1200);
    const te = sliceRows(d, 1200, 1500);
    const m = await new MlpRegressor({ hidden_layer_sizes: [32], max_iter: 150, learning_rate_init: 0.01 }).fit(tr.X, tr.y, { seed: 1 });
    expect(r2(m.predict(te.X), te.y)).toBeGreaterThan(0.85);
  });

  it('classifies binary and multiclass data; same seed gives the same model', async () => {
    for (const k of [2, 3]) {
      const d = classificationData(1500, 4, k, 2);
      const tr = sliceRows(d, 0, 1200);
      const te = sliceRows(d, 1200, 1500);
      const params = { hidden_layer_sizes: [32], max_iter: 60, learning_rate_init: 0.01, early_stopping: true };
      const a = await new MlpClassifier(params).fit(tr.X, tr.y, { seed: 4, nClasses: k });
      const b = await new MlpClassifier(params).fit(tr.X, tr.y, { seed: 4, nClasses: k });
      expect(accuracy(a.predict(te.X), te.y)).toBeGreaterThan(k === 2 ? 0.85 : 0.7);
      expect(a.predictProba(te.X)).toEqual(b.predictProba(te.X));
    }
  });

  it('stops early when the training loss stalls', async () => {
    const d = regressionData(400, 3, 2);
    const m = await new MlpRegressor({ hidden_layer_sizes: [8], max_iter: 2000, tol: 1e-2, n_iter_no_change: 3 }).fit(d.X, d.y, { seed: 1 });
    expect(m.fitted?.model.nIter).toBeLessThan(2000);
  });
});
